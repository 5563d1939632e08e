import { describe, expect, it } from 'vitest'
import { AGENT_STATES, type AgentState } from '../../../shared/live/protocol'
import { isAvailable, transition } from '../../../server/gateway/live/transitions'

describe('agent state machine', () => {
  it('calls republishing the current state unchanged', () => {
    for (const state of AGENT_STATES) {
      expect(transition(state, state)).toBe('unchanged')
    }
  })

  it('lets an agent come back from offline into any state (a reconnect mid-call)', () => {
    for (const state of AGENT_STATES.filter((s) => s !== 'offline')) {
      expect(transition('offline', state)).toBe('change')
    }
  })

  it('lets an agent go offline from any state', () => {
    for (const state of AGENT_STATES.filter((s) => s !== 'offline')) {
      expect(transition(state, 'offline')).toBe('change')
    }
  })

  it('follows a whole call: ring, answer, hold, consult, back, wrap up, available', () => {
    const path: AgentState[] = [
      'beschikbaar',
      'ringing',
      'in_gesprek',
      'on_hold',
      'consulting',
      'in_gesprek',
      'nawerk',
      'beschikbaar',
    ]
    for (let i = 1; i < path.length; i += 1) {
      expect(transition(path[i - 1]!, path[i]!), `${path[i - 1]} → ${path[i]}`).toBe('change')
    }
  })

  it('refuses hold, consult and after-call work without a call', () => {
    const withoutCall: AgentState[] = ['beschikbaar', 'pauze', 'ringing', 'nawerk']
    for (const from of withoutCall) {
      expect(transition(from, 'on_hold'), `${from} → on_hold`).toBe('invalid')
      expect(transition(from, 'consulting'), `${from} → consulting`).toBe('invalid')
    }
    expect(transition('beschikbaar', 'nawerk')).toBe('invalid')
    expect(transition('ringing', 'nawerk')).toBe('invalid')
  })

  it('counts only beschikbaar as available for group routing', () => {
    expect(AGENT_STATES.filter(isAvailable)).toEqual(['beschikbaar'])
  })
})
