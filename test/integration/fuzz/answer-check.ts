import { writeFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type { FuzzRequest } from './requests'

/**
 * What every answer must be, whatever was asked (docs/gateway.md, docs/provider.md):
 * - never a 5xx: the register is up in these tests, so not even a 502, 503 or 504;
 * - every status of 400 and above is `application/problem+json` (RFC 9457) with the provider's
 *   fields `type`, `code`, `title`, `status` (the answer's own) and `detail`;
 * - nothing the client sent makes the server log at error level (a client's mistake is a warning
 *   at most).
 */
export interface Answer {
  status: number
  headers: Record<string, unknown>
  body: string
}

export function problemsOf(method: string, answer: Answer, errorLines: readonly string[]): string[] {
  const problems: string[] = []
  if (answer.status >= 500) {
    problems.push(`status ${answer.status}`)
  }
  if (answer.status >= 400) {
    const type = String(answer.headers['content-type'] ?? '')
    if (!type.startsWith('application/problem+json')) {
      problems.push(`content-type "${type}" for ${answer.status}`)
    }
    // A HEAD answer has the GET answer's headers and no body (RFC 9110 §9.3.2).
    const body = method === 'HEAD' ? undefined : problemBody(answer.body, problems)
    for (const field of body ? ['type', 'code', 'title', 'detail'] : []) {
      if (typeof body?.[field] !== 'string') {
        problems.push(`problem without ${field}`)
      }
    }
    if (body && body['status'] !== answer.status) {
      problems.push(`problem status ${String(body['status'])} on a ${answer.status}`)
    }
  }
  for (const line of errorLines) {
    problems.push(`error log line: ${line.slice(0, 500)}`)
  }
  return problems
}

function problemBody(text: string, problems: string[]): Record<string, unknown> {
  let body: Record<string, unknown> = {}
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    problems.push('problem body is not JSON')
  }
  return typeof body === 'object' && body !== null ? body : {}
}

/** pino's numeric levels: 50 error, 60 fatal. */
export function errorLinesOf(lines: readonly string[]): string[] {
  return lines.filter((line) => {
    try {
      return (JSON.parse(line) as { level?: number }).level! >= 50
    } catch {
      return true
    }
  })
}

/** Counts per target and status, for the report of `npm run bench:fuzz`. */
export class Tally {
  readonly counts: Record<string, Record<string, number>> = {}
  total = 0

  add(target: string, status: number): void {
    const row = (this.counts[target] ??= {})
    row[status] = (row[status] ?? 0) + 1
    this.total += 1
  }

  byStatus(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const row of Object.values(this.counts)) {
      for (const [status, n] of Object.entries(row)) {
        out[status] = (out[status] ?? 0) + n
      }
    }
    return out
  }
}

/** Sends `request` through `app.inject` and answers what came back. */
export async function send(app: FastifyInstance, request: FuzzRequest): Promise<Answer> {
  const response = await app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: request.headers,
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  })
  return { status: response.statusCode, headers: response.headers, body: response.body }
}

/**
 * Where `npm run bench:fuzz` wants the outcome of a run (`FUZZ_REPORT`): the seed, the counts and
 * the counterexample, if any. Nothing is written in `npm test`.
 */
export function writeReport(name: string, report: Record<string, unknown>): void {
  const dir = process.env['FUZZ_REPORT_DIR']
  if (dir) {
    writeFileSync(`${dir}/${name}.json`, JSON.stringify(report, null, 2))
  }
}

/** A request shortened for a report or an assertion message: a long body or URL is cut. */
export function describeRequest(request: FuzzRequest): string {
  const cut = (s: string): string => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s)
  return JSON.stringify({
    ...request,
    url: cut(request.url),
    payload: request.payload && cut(request.payload),
  })
}
