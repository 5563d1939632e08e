import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TransferView } from '../../../shared/gateway/api'
import { transferOffers } from '../../../server/gateway/transfers/offers'
import { createMemoryHub } from '../../../server/gateway/live'
import { silent } from './fixtures'

const TTL_MS = 10 * 60_000

const transfer: TransferView = {
  id: '0b9f6a3e-2f43-4b7e-9c3a-5a8e1f0d2c11',
  klantcontactUuid: '5e0f8a51-59b5-4f1a-a9a1-6d1f64f4c0a1',
  nummer: '26000001',
  from: 'medewerker1',
  target: { type: 'afdeling', id: 'vergunningen' },
  expiresAt: new Date(Date.now() + TTL_MS).toISOString(),
}

afterEach(() => {
  vi.useRealTimers()
})

function setup() {
  const hub = createMemoryHub({ logger: silent })
  const offers = transferOffers(hub, TTL_MS, silent)
  return { hub, offers, close: async () => (offers.stop(), await hub.close()) }
}

describe('transfer offers on the live hub', () => {
  it('offers an announced transfer to its afdeling, and closes it with the reported outcome', async () => {
    const { hub, offers, close } = setup()
    await offers.announced(transfer)
    expect(hub.snapshot().transfers).toMatchObject([
      {
        transferId: transfer.id,
        klantcontactnummer: '26000001',
        from: 'medewerker1',
        to: { kind: 'afdeling', afdeling: 'vergunningen' },
      },
    ])
    const events: string[] = []
    hub.subscribe({ kind: 'everything' }, (event) => {
      events.push(event.type === 'transfer.closed' ? `closed:${event.outcome}` : event.type)
    })
    await offers.closed(transfer, 'accepted')
    expect(events).toEqual(['closed:accepted'])
    expect(hub.snapshot().transfers).toEqual([])
    await close()
  })

  it('closes an offer nobody reported on as expired, when its record expires', async () => {
    vi.useFakeTimers()
    const { hub, offers, close } = setup()
    await offers.announced(transfer)
    const outcomes: string[] = []
    hub.subscribe({ kind: 'everything' }, (event) => {
      if (event.type === 'transfer.closed') {
        outcomes.push(event.outcome)
      }
    })
    await vi.advanceTimersByTimeAsync(TTL_MS - 1_000)
    expect(hub.snapshot().transfers).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(outcomes).toEqual(['expired'])
    expect(hub.snapshot().transfers).toEqual([])
    await close()
  })

  it('does not expire an offer that was already closed', async () => {
    vi.useFakeTimers()
    const { hub, offers, close } = setup()
    await offers.announced(transfer)
    await offers.closed(transfer, 'declined')
    const outcomes: string[] = []
    hub.subscribe({ kind: 'everything' }, (event) => {
      if (event.type === 'transfer.closed') {
        outcomes.push(event.outcome)
      }
    })
    await vi.advanceTimersByTimeAsync(TTL_MS + 1_000)
    expect(outcomes).toEqual([])
    await close()
  })
})
