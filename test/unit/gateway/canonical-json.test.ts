import { describe, expect, it } from 'vitest'
import { canonicalJson, NestingTooDeep } from '../../../server/gateway/lib/canonical-json'

describe('canonical JSON', () => {
  it('writes equal values with keys in another order the same', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }),
    )
  })

  it('refuses a value nested past its limit with a typed error instead of overflowing the stack', () => {
    let deep: unknown = 'x'
    for (let i = 0; i < 100_000; i++) {
      deep = i % 2 ? { a: deep } : [deep]
    }
    expect(() => canonicalJson(deep)).toThrow(NestingTooDeep)
    expect(() => canonicalJson({ a: { b: {} } }, 2)).toThrow(NestingTooDeep)
    expect(canonicalJson({ a: { b: 1 } }, 2)).toBe('{"a":{"b":1}}')
  })
})
