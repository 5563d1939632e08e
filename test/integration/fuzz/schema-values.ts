import fc from 'fast-check'
import { anyJson, hostileNumber, hostileString, nested } from './values'

/**
 * Values for an OAS 3.0 schema (the subset the vendored OAS and the task API's schemas use):
 * plausible ones, which get past validation often enough to reach storage, and mutations of them,
 * which probe every refusal on the way there.
 *
 * Identifiers come from a {@link Pool} of what the server really holds (and grows as it creates
 * more), so references and path parameters hit existing records as well as unknown ones.
 */
export type Schema = Record<string, unknown>

/** Known values, by kind (`uuid`, `nummer`, `login`, …), filled as the server answers. */
export class Pool {
  private readonly values = new Map<string, string[]>()

  add(kind: string, value: unknown): void {
    if (typeof value !== 'string' || value === '') {
      return
    }
    const list = this.values.get(kind) ?? []
    if (!list.includes(value)) {
      list.push(value)
      this.values.set(kind, list)
    }
  }

  remove(kind: string, value: string): void {
    const list = this.values.get(kind) ?? []
    const at = list.indexOf(value.toLowerCase())
    if (at >= 0) {
      list.splice(at, 1)
    }
  }

  /** A known value of `kind`, or a fresh fallback while none is known. */
  pick(kind: string, fallback: fc.Arbitrary<string>): fc.Arbitrary<string> {
    return fc.tuple(fc.nat(), fallback).map(([i, spare]) => {
      const list = this.values.get(kind) ?? []
      return list.length > 0 ? list[i % list.length]! : spare
    })
  }
}

export interface SchemaContext {
  /** Named schemas `$ref`s point at (`#/components/schemas/<name>`). */
  components: Record<string, Schema>
  pool: Pool
  /** The pool a named (reference) schema's uuid comes from, e.g. `PartijForeignKey` → `partijen`. */
  references?: Record<string, string>
  uuidKind?: string
}

const MAX_DEPTH = 5

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString())

function stringValue(schema: Schema, ctx: SchemaContext): fc.Arbitrary<string> {
  if (Array.isArray(schema['enum'])) {
    return fc.constantFrom(...(schema['enum'] as string[]))
  }
  const pool = schema['x-pool']
  if (typeof pool === 'string') {
    return ctx.pool.pick(pool, pool === 'nummer' ? fc.stringMatching(/^[0-9]{1,10}$/) : fc.uuid())
  }
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : 40
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0
  switch (schema['format']) {
    case 'uuid':
      return ctx.pool.pick(ctx.uuidKind ?? 'uuid', fc.uuid())
    case 'date':
      return isoDate.map((d) => d.slice(0, 10))
    case 'date-time':
      return isoDate
    case 'email':
      return fc.constantFrom('burger@example.nl', 'a.b@gemeente.example', 'x@y.z')
    case 'uri':
      return fc.constantFrom('https://example.nl/objecten/1', 'http://127.0.0.1/x', '')
    default:
      break
  }
  if (typeof schema['pattern'] === 'string') {
    return fc.stringMatching(new RegExp(schema['pattern'])).map((s) => s.slice(0, max))
  }
  return fc.string({
    minLength: Math.min(min, 40),
    maxLength: Math.max(Math.min(max, 40), Math.min(min, 40)),
  })
}

/** A plausible value for `schema`: the right types, required members, enum values, lengths. */
export function plausible(schema: Schema, ctx: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  const ref = schema['$ref']
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '')
    const target = ctx.components[name]
    const resource = ctx.references?.[name]
    // A reference's uuid is drawn from the records of the resource it points at.
    const inner = resource ? { ...ctx, uuidKind: resource } : ctx
    return target ? plausible(target, inner, depth) : anyJson
  }
  const base = plainValue(schema, ctx, depth)
  return schema['nullable'] === true ? fc.oneof({ weight: 4, arbitrary: base }, fc.constant(null)) : base
}

function plainValue(schema: Schema, ctx: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  const oneOf = schema['oneOf'] as Schema[] | undefined
  const discriminator = schema['discriminator'] as
    { propertyName: string; mapping: Record<string, string> } | undefined
  if (discriminator) {
    return fc.oneof(
      ...Object.entries(discriminator.mapping).map(([name, ref]) =>
        plausible({ $ref: ref }, ctx, depth).map((value) =>
          typeof value === 'object' && value !== null
            ? { ...(value as Schema), [discriminator.propertyName]: name }
            : value,
        ),
      ),
    )
  }
  if (oneOf || schema['anyOf']) {
    return fc.oneof(...(oneOf ?? (schema['anyOf'] as Schema[])).map((s) => plausible(s, ctx, depth)))
  }
  const allOf = schema['allOf'] as Schema[] | undefined
  if (allOf?.length === 1) {
    // The OAS wraps an enum or a reference in a one-element allOf to describe it.
    return plausible(allOf[0]!, ctx, depth)
  }
  if (allOf) {
    return fc
      .tuple(...allOf.map((s) => plausible(s, ctx, depth)))
      .map(
        (parts) => Object.assign({}, ...parts.filter((p) => typeof p === 'object' && p !== null)) as unknown,
      )
  }
  if (Array.isArray(schema['enum'])) {
    return fc.constantFrom(...(schema['enum'] as unknown[]))
  }
  switch (schema['type'] ?? (schema['properties'] ? 'object' : undefined)) {
    case 'string':
      return stringValue(schema, ctx)
    case 'integer':
      return fc.integer({
        min: typeof schema['minimum'] === 'number' ? schema['minimum'] : -10,
        max: typeof schema['maximum'] === 'number' ? schema['maximum'] : 100_000,
      })
    case 'number':
      return fc.double({ min: -1000, max: 1000, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'array':
      return depth >= MAX_DEPTH
        ? fc.constant([])
        : fc.array(plausible((schema['items'] as Schema | undefined) ?? {}, ctx, depth + 1), { maxLength: 2 })
    case 'object':
      return objectValue(schema, ctx, depth)
    default:
      return anyJson
  }
}

function objectValue(schema: Schema, ctx: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema['properties'] as Record<string, Schema> | undefined) ?? {}
  const required = new Set((schema['required'] as string[] | undefined) ?? [])
  if (depth >= MAX_DEPTH) {
    return fc.constant({})
  }
  const model: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [name, member] of Object.entries(properties)) {
    // Read-only members are the server's to fill in; sending one now and then is a mutation.
    if (member['readOnly'] === true) {
      continue
    }
    // The register's numbers are digits only (docs/provider.md); the OAS says just "string".
    model[name] = /^(referentie)?nummer$/.test(name)
      ? fc.oneof(fc.stringMatching(/^[0-9]{1,10}$/), plausible(member, ctx, depth + 1))
      : plausible(member, ctx, depth + 1)
  }
  return fc.record(model, { requiredKeys: Object.keys(model).filter((name) => required.has(name)) })
}

type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }
  | { kind: 'wrap'; at: number }
  | { kind: 'nest'; at: number; levels: number }
  | { kind: 'whole'; value: unknown }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    value: fc.oneof(anyJson, hostileString, hostileNumber),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: hostileString, value: anyJson }),
  fc.record({ kind: fc.constant('wrap' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('nest' as const),
    at: fc.nat(),
    levels: fc.constantFrom(2, 31, 32, 33, 200, 2000),
  }),
  fc.record({ kind: fc.constant('whole' as const), value: anyJson }),
)

/** `value` with one to three mutations: wrong types, missing or extra members, nesting, junk. */
export function mutated(value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return (
    fc
      .tuple(value, fc.array(mutation, { minLength: 1, maxLength: 3 }))
      // Cloned: fast-check may hand the same generated value out again, so none is changed in place.
      .map(([v, mutations]) =>
        mutations.reduce((out, m) => applyMutation(out, structuredClone(m)), structuredClone(v)),
      )
  )
}

interface Slot {
  parent: Record<string, unknown> | unknown[]
  key: string | number
}

/** Every place in `value` that holds a member or an item, parents before children. */
function slots(value: unknown): Slot[] {
  const out: Slot[] = []
  const stack: unknown[] = [value]
  while (stack.length > 0 && out.length < 500) {
    const node = stack.pop()
    if (typeof node !== 'object' || node === null) {
      continue
    }
    for (const key of Array.isArray(node) ? node.keys() : Object.keys(node)) {
      out.push({ parent: node as Slot['parent'], key })
      stack.push((node as Record<string | number, unknown>)[key])
    }
  }
  return out
}

function applyMutation(value: unknown, m: Mutation): unknown {
  if (m.kind === 'whole') {
    return m.value
  }
  const all = slots(value)
  const slot = all.length > 0 ? all[m.at % all.length] : undefined
  const target = slot ? (slot.parent as Record<string | number, unknown>) : undefined
  switch (m.kind) {
    case 'replace':
      if (target && slot) {
        target[slot.key] = m.value
      }
      return slot ? value : m.value
    case 'delete':
      if (slot && Array.isArray(slot.parent)) {
        slot.parent.splice(Number(slot.key), 1)
      } else if (target && slot) {
        delete target[slot.key]
      }
      return value
    case 'add': {
      const holder = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}
      // defineProperty: a key such as `__proto__` must become a member, not a prototype.
      Object.defineProperty(holder, m.key, {
        value: m.value,
        enumerable: true,
        writable: true,
        configurable: true,
      })
      return holder
    }
    case 'wrap':
      if (target && slot) {
        target[slot.key] = [target[slot.key]]
      }
      return slot ? value : [value]
    case 'nest':
      if (target && slot) {
        target[slot.key] = nested(m.levels, target[slot.key])
      }
      return slot ? value : nested(m.levels, value)
  }
}
