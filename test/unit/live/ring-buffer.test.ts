import { describe, expect, it } from 'vitest'
import { EventRing } from '../../../server/gateway/live/ring-buffer'

const seqs = (events: { seq: number }[] | undefined): number[] | undefined => events?.map((e) => e.seq)

function ringWith(capacity: number, from: number, to: number, startSeq = 0): EventRing<{ seq: number }> {
  const ring = new EventRing<{ seq: number }>(capacity, startSeq)
  for (let seq = from; seq <= to; seq += 1) {
    ring.push({ seq })
  }
  return ring
}

describe('live event ring buffer', () => {
  it('returns the events after a seq, oldest first', () => {
    expect(seqs(ringWith(10, 1, 5).after(2))).toEqual([3, 4, 5])
  })

  it('returns nothing, not undefined, to a reader that is up to date', () => {
    expect(ringWith(10, 1, 5).after(5)).toEqual([])
    expect(new EventRing(3).after(0)).toEqual([])
  })

  it('keeps only the newest events once full', () => {
    const ring = ringWith(3, 1, 7)
    expect(ring.size).toBe(3)
    expect(seqs(ring.after(4))).toEqual([5, 6, 7])
  })

  it('tells a reader that missed overwritten events to take a snapshot', () => {
    const ring = ringWith(3, 1, 7)
    expect(ring.after(3)).toBeUndefined()
    expect(ring.after(0)).toBeUndefined()
  })

  it('tells a reader from the future (an earlier life of the hub) to take a snapshot', () => {
    expect(ringWith(3, 1, 2).after(9)).toBeUndefined()
  })

  it('starting at a seq, serves readers from that seq and refuses older ones', () => {
    const ring = ringWith(5, 101, 103, 100)
    expect(seqs(ring.after(100))).toEqual([101, 102, 103])
    expect(ring.after(99)).toBeUndefined()
  })

  it('finds the right place when seqs have gaps', () => {
    const ring = new EventRing<{ seq: number }>(5)
    for (const seq of [2, 5, 9]) {
      ring.push({ seq })
    }
    expect(seqs(ring.after(5))).toEqual([9])
    expect(seqs(ring.after(3))).toEqual([5, 9])
  })

  it('refuses an event that does not come after the last one', () => {
    const ring = ringWith(3, 1, 2)
    expect(() => ring.push({ seq: 2 })).toThrow(/not after/)
  })

  it('forgets everything on reset and continues from the given seq', () => {
    const ring = ringWith(3, 1, 3)
    ring.reset(50)
    expect(ring.after(3)).toBeUndefined()
    expect(ring.after(50)).toEqual([])
    ring.push({ seq: 51 })
    expect(seqs(ring.after(50))).toEqual([51])
  })

  it('refuses a capacity below one', () => {
    expect(() => new EventRing(0)).toThrow(/capacity/)
  })
})
