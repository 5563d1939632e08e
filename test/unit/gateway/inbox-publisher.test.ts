import { afterEach, describe, expect, it, vi } from 'vitest'
import type { InboxStatus } from '../../../shared/live/inbox'
import type { LiveEvent } from '../../../shared/live/protocol'
import { inboxPublisher, type InboxStatusReader } from '../../../server/gateway/inbox/publisher'
import { createMemoryHub } from '../../../server/gateway/live/hub'
import { silent } from '../live/fixtures'

/** A status source whose answers the test sets, counting reads and holding them back on demand. */
function source(initial: Record<string, InboxStatus>) {
  const statuses = { ...initial }
  const reads: string[] = []
  let gate: Promise<void> | null = null
  const reader: InboxStatusReader = {
    async statusOf(afdeling) {
      reads.push(afdeling)
      if (gate) {
        await gate
      }
      return statuses[afdeling] ?? null
    },
  }
  return {
    reader,
    reads,
    set: (status: InboxStatus) => (statuses[status.afdeling] = status),
    hold: () => {
      let release!: () => void
      gate = new Promise((resolve) => (release = resolve))
      return () => {
        gate = null
        release()
      }
    },
  }
}

function published(hub: ReturnType<typeof createMemoryHub>): InboxStatus[] {
  const seen: InboxStatus[] = []
  hub.subscribe({ kind: 'types', types: ['inbox.changed'] }, (event: LiveEvent) => {
    if (event.type === 'inbox.changed') {
      seen.push(event.inbox)
    }
  })
  return seen
}

describe('the inbox publisher', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('publishes what the register says after a change, even when the count stayed the same', async () => {
    const hub = createMemoryHub({ logger: silent })
    const events = published(hub)
    const s = source({ kcc: { afdeling: 'kcc', open: 2, oldestSince: '2026-12-07T08:00:00.000Z' } })
    const publisher = inboxPublisher({ hub, afdelingen: ['kcc'], logger: silent })
    publisher.start(s.reader)
    publisher.changed(['kcc'])
    await publisher.settled()
    publisher.changed(['kcc'])
    await publisher.settled()
    expect(events).toEqual([
      { afdeling: 'kcc', open: 2, oldestSince: '2026-12-07T08:00:00.000Z' },
      { afdeling: 'kcc', open: 2, oldestSince: '2026-12-07T08:00:00.000Z' },
    ])
    expect(hub.snapshot().inboxes).toEqual([events[0]])
    publisher.stop()
  })

  it('reads again after a read that a change overtook, and only once for many changes', async () => {
    const hub = createMemoryHub({ logger: silent })
    const events = published(hub)
    const s = source({ kcc: { afdeling: 'kcc', open: 1 } })
    const publisher = inboxPublisher({ hub, afdelingen: ['kcc'], logger: silent })
    publisher.start(s.reader)
    const release = s.hold()
    publisher.changed(['kcc'])
    s.set({ afdeling: 'kcc', open: 4 })
    publisher.changed(['kcc'])
    publisher.changed(['kcc'])
    release()
    await publisher.settled()
    expect(s.reads).toEqual(['kcc', 'kcc'])
    expect(events.at(-1)).toEqual({ afdeling: 'kcc', open: 4 })
    publisher.stop()
  })

  it('refreshes every afdeling periodically and publishes only what changed since', async () => {
    vi.useFakeTimers()
    const hub = createMemoryHub({ logger: silent })
    const events = published(hub)
    const s = source({
      kcc: { afdeling: 'kcc', open: 0 },
      vergunningen: { afdeling: 'vergunningen', open: 1 },
    })
    const publisher = inboxPublisher({
      hub,
      afdelingen: ['kcc', 'vergunningen'],
      logger: silent,
      refreshMs: 1000,
    })
    publisher.start(s.reader)
    await vi.advanceTimersByTimeAsync(1000)
    await publisher.settled()
    expect(events).toHaveLength(2)
    s.set({ afdeling: 'vergunningen', open: 3, oldestSince: '2026-12-07T09:00:00.000Z' })
    await vi.advanceTimersByTimeAsync(1000)
    await publisher.settled()
    expect(events.slice(2)).toEqual([
      { afdeling: 'vergunningen', open: 3, oldestSince: '2026-12-07T09:00:00.000Z' },
    ])
    publisher.stop()
    await vi.advanceTimersByTimeAsync(5000)
    expect(s.reads).toHaveLength(4)
  })

  it('keeps going when the register cannot be read, and publishes nothing for that round', async () => {
    const hub = createMemoryHub({ logger: silent })
    const events = published(hub)
    const publisher = inboxPublisher({ hub, afdelingen: ['kcc'], logger: silent })
    let fail = true
    publisher.start({
      statusOf: async () => {
        if (fail) {
          throw new Error('register unreachable')
        }
        return { afdeling: 'kcc', open: 1 }
      },
    })
    publisher.changed(['kcc'])
    await publisher.settled()
    expect(events).toEqual([])
    fail = false
    publisher.changed(['kcc'])
    await publisher.settled()
    expect(events).toEqual([{ afdeling: 'kcc', open: 1 }])
    publisher.stop()
  })
})
