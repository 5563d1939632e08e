import { describe, expect, it } from 'vitest'
import type { CallSnapshot, TransferSnapshot } from '../../../renderer/src/softphone/types'
import {
  agentStateFor,
  availabilityAfterCall,
  isConsulting,
} from '../../../renderer/src/workspace/agent-state'

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

const transfer = (patch: Partial<TransferSnapshot>): TransferSnapshot => ({
  kind: 'warm',
  state: 'consulting',
  target: 'vergunningen',
  startedAt: 1,
  ...patch,
})

describe('the agent consulting a colleague during a warm transfer', () => {
  it('is consulting while the customer waits on hold or the call is up', () => {
    expect(agentStateFor('beschikbaar', call({ state: 'on_hold' }), true)).toBe('consulting')
    expect(agentStateFor('beschikbaar', call({ state: 'active' }), true)).toBe('consulting')
    expect(agentStateFor('pauze', call({ state: 'on_hold' }), true)).toBe('consulting')
  })

  it('is not consulting without an established call', () => {
    expect(agentStateFor('beschikbaar', null, true)).toBe('beschikbaar')
    expect(agentStateFor('beschikbaar', call({ state: 'ringing' }), true)).toBe('ringing')
    expect(agentStateFor('beschikbaar', call({ state: 'connecting' }), true)).toBe('in_gesprek')
    expect(agentStateFor('nawerk', call({ state: 'ended' }), true)).toBe('nawerk')
  })

  it('follows the call as before when not consulting, also by default', () => {
    expect(agentStateFor('beschikbaar', call({ state: 'on_hold' }), false)).toBe('on_hold')
    expect(agentStateFor('beschikbaar', call({ state: 'on_hold' }))).toBe('on_hold')
  })

  it('counts a warm transfer as consulting until it has ended', () => {
    expect(isConsulting(transfer({ state: 'consulting' }))).toBe(true)
    expect(isConsulting(transfer({ state: 'completing' }))).toBe(true)
    expect(isConsulting(transfer({ state: 'completed' }))).toBe(false)
    expect(isConsulting(transfer({ state: 'failed', reason: 'busy' }))).toBe(false)
    expect(isConsulting(transfer({ state: 'cancelled' }))).toBe(false)
  })

  it('does not count a blind transfer, nor no transfer at all', () => {
    expect(isConsulting(transfer({ kind: 'blind', state: 'completing' }))).toBe(false)
    expect(isConsulting(null)).toBe(false)
  })
})
