import { describe, expect, it } from 'vitest'
import { LiveState, sanitize, stateChangeOf } from '../../../server/gateway/live/state'
import { at, call, timeOf, transfer } from './fixtures'

describe('live state projection', () => {
  it("keeps each agent's latest state with the time it began", () => {
    const state = new LiveState('e')
    state.apply(at(1, { type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'beschikbaar' }))
    state.apply(at(2, { type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'pauze' }))
    expect(state.agent('medewerker1')).toEqual({
      login: 'medewerker1',
      afdeling: 'kcc',
      state: 'pauze',
      since: timeOf(2),
    })
    expect(state.seq).toBe(2)
  })

  it('keeps a call from start to end, with its start time through updates', () => {
    const state = new LiveState('e')
    const started = at(1, { type: 'call.started', call: call() })
    state.apply(started)
    const updated = at(2, { type: 'call.updated', call: call({ klantcontactnummer: '0000000007' }) })
    state.apply(updated)
    expect(state.call('call-1')).toMatchObject({
      klantcontactnummer: '0000000007',
      startedAt: started.at,
      updatedAt: updated.at,
    })
    expect(state.callsOf('medewerker1')).toHaveLength(1)
    state.apply(
      at(3, {
        type: 'call.ended',
        callId: 'call-1',
        agent: 'medewerker1',
        afdeling: 'kcc',
        reason: 'completed',
      }),
    )
    expect(state.call('call-1')).toBeUndefined()
    expect(state.snapshot().calls).toEqual([])
  })

  it('keeps a transfer on offer until it is closed', () => {
    const state = new LiveState('e')
    state.apply(at(1, { type: 'transfer.offered', transfer: transfer() }))
    expect(state.snapshot().transfers).toEqual([{ ...transfer(), offeredAt: timeOf(1) }])
    const { transferId, klantcontactnummer, from, to } = transfer()
    state.apply(
      at(2, { type: 'transfer.closed', transferId, klantcontactnummer, from, to, outcome: 'accepted' }),
    )
    expect(state.snapshot().transfers).toEqual([])
  })

  it('hands out snapshots that do not change when the state moves on', () => {
    const state = new LiveState('e')
    state.apply(at(1, { type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'beschikbaar' }))
    const snapshot = state.snapshot()
    state.apply(at(2, { type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'pauze' }))
    expect(snapshot.seq).toBe(1)
    expect(snapshot.agents[0]?.state).toBe('beschikbaar')
  })

  it('replaces everything when loaded from a snapshot', () => {
    const state = new LiveState('e')
    state.apply(at(1, { type: 'call.started', call: call() }))
    state.load({
      seq: 40,
      agents: [{ login: 'x', afdeling: 'kcc', state: 'nawerk', since: 't' }],
      calls: [],
      transfers: [],
    })
    expect(state.seq).toBe(40)
    expect(state.call('call-1')).toBeUndefined()
    expect(state.agent('x')?.state).toBe('nawerk')
  })
})

describe('what a published event may carry', () => {
  it('drops the onderwerp of a vertrouwelijk call', () => {
    const body = sanitize({
      type: 'call.started',
      call: call({ vertrouwelijk: true, onderwerp: 'Schuldhulp' }),
    })
    expect(body).toEqual({ type: 'call.started', call: call({ vertrouwelijk: true }) })
  })

  it('keeps the onderwerp of an ordinary call', () => {
    const body = sanitize({ type: 'call.updated', call: call({ onderwerp: 'Paspoort' }) })
    expect(body).toEqual({ type: 'call.updated', call: call({ onderwerp: 'Paspoort' }) })
  })
})

describe('which persisted record an event touches', () => {
  it('upserts agents, calls and offers, and deletes ended calls and closed offers', () => {
    const { transferId, klantcontactnummer, from, to } = transfer()
    expect(stateChangeOf({ type: 'agent.state', login: 'm', afdeling: 'kcc', state: 'pauze' })).toEqual({
      op: 'upsert',
      kind: 'agent',
      key: 'm',
    })
    expect(stateChangeOf({ type: 'call.updated', call: call() })).toEqual({
      op: 'upsert',
      kind: 'call',
      key: 'call-1',
    })
    expect(
      stateChangeOf({ type: 'call.ended', callId: 'call-1', agent: 'm', afdeling: 'kcc', reason: 'failed' }),
    ).toEqual({ op: 'delete', kind: 'call', key: 'call-1' })
    expect(stateChangeOf({ type: 'transfer.offered', transfer: transfer() })).toEqual({
      op: 'upsert',
      kind: 'transfer',
      key: 't-1',
    })
    expect(
      stateChangeOf({
        type: 'transfer.closed',
        transferId,
        klantcontactnummer,
        from,
        to,
        outcome: 'expired',
      }),
    ).toEqual({ op: 'delete', kind: 'transfer', key: 't-1' })
  })
})
