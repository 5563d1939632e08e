import { describe, expect, it } from 'vitest'
import type { CallSnapshot } from '../../../renderer/src/softphone/types'
import { agentStateFor, availabilityAfterCall } from '../../../renderer/src/workspace/agent-state'

const call = (patch: Partial<CallSnapshot>): CallSnapshot =>
  ({
    id: 'c1',
    sipCallId: 'sip-c1',
    state: 'active',
    direction: 'inbound',
    remoteNumber: '0612345678',
    muted: false,
    held: false,
    ...patch,
  }) as CallSnapshot

describe('the agent state told to the live hub', () => {
  it('is the chosen availability without a call', () => {
    expect(agentStateFor('beschikbaar', null)).toBe('beschikbaar')
    expect(agentStateFor('pauze', null)).toBe('pauze')
    expect(agentStateFor('nawerk', call({ state: 'ended' }))).toBe('nawerk')
  })

  it('follows the call while there is one, whatever was chosen', () => {
    expect(agentStateFor('beschikbaar', call({ state: 'ringing' }))).toBe('ringing')
    expect(agentStateFor('pauze', call({ state: 'connecting' }))).toBe('in_gesprek')
    expect(agentStateFor('beschikbaar', call({ state: 'active' }))).toBe('in_gesprek')
    expect(agentStateFor('beschikbaar', call({ state: 'on_hold' }))).toBe('on_hold')
  })

  it('goes to nawerk after an answered call and keeps the choice after a missed one', () => {
    expect(availabilityAfterCall('beschikbaar', call({ state: 'ended', answeredAt: 1 }))).toBe('nawerk')
    expect(availabilityAfterCall('beschikbaar', call({ state: 'ended' }))).toBe('beschikbaar')
    expect(availabilityAfterCall('pauze', call({ state: 'ended' }))).toBe('pauze')
  })
})
