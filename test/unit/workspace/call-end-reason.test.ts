import { describe, expect, it } from 'vitest'
import type { CallSnapshot } from '../../../renderer/src/softphone/types'
import { endReason } from '../../../renderer/src/workspace/call-end-reason'
import { coordinatorSetup, phoneWith } from './coordinator-support'

const call = (changes: Partial<CallSnapshot>): CallSnapshot => phoneWith(changes).call!

describe('why a call ended, as the live hub counts it', () => {
  it('reports an outbound call that never connected as failed, not abandoned: nobody waited', () => {
    expect(endReason(call({ direction: 'outbound', state: 'ended' }), null)).toBe('failed')
  })

  it('reports an inbound call nobody answered as abandoned', () => {
    expect(endReason(call({ direction: 'inbound', state: 'ended' }), null)).toBe('abandoned')
  })

  it('reports an inbound call a colleague answered as answered elsewhere', () => {
    expect(endReason(call({ state: 'ended', answeredElsewhere: true }), null)).toBe('answered_elsewhere')
  })

  it.each(['inbound', 'outbound'] as const)('reports an answered %s call as completed', (direction) => {
    expect(endReason(call({ direction, state: 'ended', answeredAt: 1 }), null)).toBe('completed')
  })

  it('reports a call passed on by a completed transfer as transferred', () => {
    expect(
      endReason(call({ state: 'ended', answeredAt: 1 }), {
        kind: 'blind',
        state: 'completed',
        target: 'vergunningen',
        startedAt: 1,
      }),
    ).toBe('transferred')
  })

  it('tells the hub failed for an outbound call the citizen did not pick up', () => {
    const { live, coordinator } = coordinatorSetup()
    coordinator.onSnapshot(phoneWith({ direction: 'outbound', state: 'connecting' }))
    coordinator.onSnapshot(phoneWith({ direction: 'outbound', state: 'ended' }))
    expect(live.ended).toEqual([{ callId: 'call-1', reason: 'failed' }])
  })
})
