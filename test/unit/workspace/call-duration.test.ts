import { describe, expect, it } from 'vitest'
import type { LiveCall } from '../../../shared/live/protocol'
import { callDurationMs } from '../../../renderer/src/live/use-call-duration'

const APP_NOW = Date.parse('2026-12-06T10:00:30.000Z')

function liveCall(changes: Partial<LiveCall> = {}): LiveCall {
  return {
    callId: 'call-1',
    agent: 'medewerker1',
    afdeling: 'kcc',
    direction: 'inbound',
    callerNumber: '0612345678',
    vertrouwelijk: false,
    startedAt: '2026-12-06T10:00:00.000Z',
    updatedAt: '2026-12-06T10:00:00.000Z',
    ...changes,
  }
}

describe('how long a call has been answered, as the agent’s timer shows it', () => {
  it('counts from the gateway’s answer time on the gateway’s clock, as the supervisor’s row does', () => {
    // The gateway's clock is 17 s behind the app's; it stamped the answer 2 s ago by its clock.
    const answeredAt = new Date(APP_NOW - 17_000 - 2_000).toISOString()
    expect(callDurationMs(liveCall({ answeredAt }), APP_NOW - 1_500, APP_NOW, -17_000)).toBe(2_000)
  })

  it('counts from the app’s own answer moment until the hub’s record has one', () => {
    expect(callDurationMs(liveCall(), APP_NOW - 1_500, APP_NOW, -17_000)).toBe(1_500)
    expect(callDurationMs(undefined, APP_NOW - 1_500, APP_NOW, 0)).toBe(1_500)
  })

  it('has no duration for a call that was never answered', () => {
    expect(callDurationMs(liveCall(), undefined, APP_NOW, 0)).toBeUndefined()
  })
})
