import { describe, expect, it } from 'vitest'
import { coordinatorSetup, phoneWith } from './coordinator-support'

describe('the coordinator follows the own state the gateway set', () => {
  it('makes Pauze the agent’s availability, says so, and tells Pauze from then on', () => {
    const { store, live, coordinator } = coordinatorSetup()
    coordinator.onSnapshot(phoneWith({ state: 'ringing' }))
    coordinator.onSnapshot(phoneWith({ state: 'ended' }))
    expect(live.states.at(-1)).toBe('beschikbaar')

    coordinator.followGateway('pauze')
    expect(store.getState().workspace.availability).toBe('pauze')
    expect(store.getState().workspace.stateSetByGateway).toBe('pauze')
    expect(live.states.at(-1)).toBe('pauze')
    coordinator.onSnapshot(phoneWith(null))
    expect(live.states.at(-1)).toBe('pauze')
  })

  it('makes Afgemeld the availability until the agent chooses again, and then forgets the notice', () => {
    const { store, live, coordinator } = coordinatorSetup()
    coordinator.followGateway('offline')
    expect(store.getState().workspace.availability).toBe('offline')
    expect(live.states.at(-1)).toBe('offline')

    coordinator.choose('beschikbaar')
    expect(store.getState().workspace.stateSetByGateway).toBeUndefined()
    expect(live.states.at(-1)).toBe('beschikbaar')
  })

  it('ignores a call state: the softphone says what the call is', () => {
    const { store, live, coordinator } = coordinatorSetup()
    coordinator.followGateway('in_gesprek')
    expect(store.getState().workspace.availability).toBe('beschikbaar')
    expect(store.getState().workspace.stateSetByGateway).toBeUndefined()
    expect(live.states).toEqual([])
  })

  it('keeps Pauze after the rung-out call ends, when the gateway’s Pauze came first', () => {
    const { store, live, coordinator } = coordinatorSetup()
    coordinator.onSnapshot(phoneWith({ state: 'ringing' }))
    coordinator.followGateway('pauze')
    // During the call the call's state wins; after it, the followed Pauze.
    expect(live.states.at(-1)).toBe('ringing')
    coordinator.onSnapshot(phoneWith({ state: 'ended' }))
    expect(store.getState().workspace.availability).toBe('pauze')
    expect(live.states.at(-1)).toBe('pauze')
  })
})
