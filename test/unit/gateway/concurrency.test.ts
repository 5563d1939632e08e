import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../server/gateway/lib/canonical-json'
import { KeyedQueue, SingleFlight } from '../../../server/gateway/lib/single-flight'

describe('single flight', () => {
  it('runs concurrent calls for one key once and gives every caller the result', async () => {
    const flights = new SingleFlight<number>()
    let runs = 0
    const work = async () => {
      runs++
      await new Promise((r) => setTimeout(r, 5))
      return 42
    }
    const results = await Promise.all(Array.from({ length: 10 }, () => flights.run('k', work)))
    expect(results).toEqual(Array(10).fill(42))
    expect(runs).toBe(1)
    await flights.run('k', work)
    expect(runs).toBe(2)
  })

  it('lets a failed flight be tried again', async () => {
    const flights = new SingleFlight<number>()
    await expect(flights.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(flights.run('k', () => Promise.resolve(1))).resolves.toBe(1)
  })
})

describe('keyed queue', () => {
  it('runs work for one key one at a time in arrival order, even after a failure', async () => {
    const queue = new KeyedQueue()
    const log: string[] = []
    const step =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`)
        await new Promise((r) => setTimeout(r, 2))
        log.push(`end ${name}`)
        if (fail) {
          throw new Error(name)
        }
      }
    await Promise.allSettled([
      queue.run('k', step('a', true)),
      queue.run('k', step('b')),
      queue.run('k', step('c')),
    ])
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
  })
})

describe('canonical JSON', () => {
  it('is the same for equal objects whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { e: 1, f: 2 }] }, b: 1 }),
    )
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}')
  })
})
