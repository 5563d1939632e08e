import { createHash } from 'node:crypto'

/**
 * A value nested deeper than {@link canonicalJson} walks. Request bodies are refused long before
 * this (http/validation.ts checks depth first); this is the walk's own guard, so no input can turn
 * into a stack overflow, and the caller can map it to a 400.
 */
export class NestingTooDeep extends Error {
  constructor(readonly limit: number) {
    super(`value nested deeper than ${limit} levels`)
    this.name = 'NestingTooDeep'
  }
}

export const CANONICAL_MAX_DEPTH = 64

/** JSON with object keys sorted at every level, so equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown, maxDepth = CANONICAL_MAX_DEPTH): string {
  return walk(value, 0, maxDepth)
}

function walk(value: unknown, depth: number, maxDepth: number): string {
  if (typeof value === 'object' && value !== null && depth >= maxDepth) {
    throw new NestingTooDeep(maxDepth)
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => walk(item, depth + 1, maxDepth)).join(',')}]`
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${walk(v, depth + 1, maxDepth)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
