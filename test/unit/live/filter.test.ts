import { describe, expect, it } from 'vitest'
import { filterFor, filterSnapshot, matches } from '../../../server/gateway/live/filter'
import type { LiveFilter } from '../../../server/gateway/live/types'
import { at, call, transfer } from './fixtures'

const medewerker2: LiveFilter = { kind: 'agent', login: 'medewerker2', afdeling: 'vergunningen' }
const closed = (to: ReturnType<typeof transfer>['to'], from = 'medewerker1') =>
  at(9, { type: 'transfer.closed', transferId: 't', klantcontactnummer: '1', from, to, outcome: 'declined' })

describe('who sees which live event', () => {
  it('gives a supervisor everything and an agent its own view', () => {
    expect(filterFor({ login: 's', role: 'supervisor', afdeling: 'kcc' })).toEqual({ kind: 'everything' })
    expect(filterFor({ login: 'medewerker2', role: 'agent', afdeling: 'vergunningen' })).toEqual(medewerker2)
  })

  it("shows an agent its own state and calls, not a colleague's", () => {
    const own = at(1, { type: 'agent.state', login: 'medewerker2', afdeling: 'vergunningen', state: 'pauze' })
    const colleague = at(2, {
      type: 'agent.state',
      login: 'medewerker3',
      afdeling: 'vergunningen',
      state: 'pauze',
    })
    expect(matches(medewerker2, own)).toBe(true)
    expect(matches(medewerker2, colleague)).toBe(false)
    expect(matches(medewerker2, at(3, { type: 'call.started', call: call({ agent: 'medewerker2' }) }))).toBe(
      true,
    )
    expect(matches(medewerker2, at(4, { type: 'call.updated', call: call({ agent: 'medewerker3' }) }))).toBe(
      false,
    )
    const ended = { type: 'call.ended', callId: 'c', afdeling: 'vergunningen', reason: 'completed' } as const
    expect(matches(medewerker2, at(5, { ...ended, agent: 'medewerker2' }))).toBe(true)
    expect(matches(medewerker2, at(6, { ...ended, agent: 'medewerker3' }))).toBe(false)
  })

  it('shows an agent transfers addressed to it, to its afdeling, or offered by it', () => {
    const offer = (t: Partial<ReturnType<typeof transfer>>) =>
      at(7, { type: 'transfer.offered', transfer: transfer(t) })
    expect(matches(medewerker2, offer({ to: { kind: 'agent', login: 'medewerker2' } }))).toBe(true)
    expect(matches(medewerker2, offer({ to: { kind: 'afdeling', afdeling: 'vergunningen' } }))).toBe(true)
    expect(matches(medewerker2, offer({ from: 'medewerker2', to: { kind: 'agent', login: 'x' } }))).toBe(true)
    expect(matches(medewerker2, offer({ to: { kind: 'agent', login: 'medewerker3' } }))).toBe(false)
    expect(matches(medewerker2, offer({ to: { kind: 'afdeling', afdeling: 'kcc' } }))).toBe(false)
    expect(matches(medewerker2, closed({ kind: 'afdeling', afdeling: 'vergunningen' }))).toBe(true)
    expect(matches(medewerker2, closed({ kind: 'agent', login: 'x' }, 'medewerker2'))).toBe(true)
    expect(matches(medewerker2, closed({ kind: 'agent', login: 'medewerker3' }))).toBe(false)
  })

  it('tells only the monitored agent (and supervisors) of a monitoring session', () => {
    const monitor = {
      id: '0f8e2c5a-3b1d-4c6e-9a7f-2d4b6c8e0a1f',
      supervisor: 'supervisor',
      supervisorName: 'Supervisor KCC',
      supervisorExtension: 'supervisor',
      mode: 'listen',
      callId: 'c',
    } as const
    const started = (agent: string) => at(10, { type: 'monitor.started', monitor: { ...monitor, agent } })
    const ended = (agent: string) =>
      at(11, { type: 'monitor.ended', id: monitor.id, supervisor: 'supervisor', agent })
    expect(matches(medewerker2, started('medewerker2'))).toBe(true)
    expect(matches(medewerker2, ended('medewerker2'))).toBe(true)
    expect(matches(medewerker2, started('medewerker3'))).toBe(false)
    expect(matches(medewerker2, ended('medewerker3'))).toBe(false)
    expect(matches({ kind: 'everything' }, started('medewerker3'))).toBe(true)
  })

  it('lets a server-side consumer pick event types', () => {
    const filter: LiveFilter = { kind: 'types', types: ['agent.state'] }
    expect(matches(filter, at(1, { type: 'agent.state', login: 'm', afdeling: 'kcc', state: 'pauze' }))).toBe(
      true,
    )
    expect(matches(filter, at(2, { type: 'call.started', call: call() }))).toBe(false)
  })

  it('cuts a snapshot down by the same rules', () => {
    const snapshot = {
      epoch: 'e',
      seq: 10,
      agents: [
        { login: 'medewerker2', afdeling: 'vergunningen', state: 'pauze' as const, since: 't' },
        { login: 'medewerker3', afdeling: 'vergunningen', state: 'beschikbaar' as const, since: 't' },
      ],
      calls: [
        { ...call({ callId: 'a', agent: 'medewerker2' }), startedAt: 't', updatedAt: 't' },
        { ...call({ callId: 'b', agent: 'medewerker3' }), startedAt: 't', updatedAt: 't' },
      ],
      transfers: [
        {
          ...transfer({ transferId: 'x', to: { kind: 'afdeling', afdeling: 'vergunningen' } }),
          offeredAt: 't',
        },
        { ...transfer({ transferId: 'y', to: { kind: 'agent', login: 'medewerker3' } }), offeredAt: 't' },
      ],
    }
    const mine = filterSnapshot(medewerker2, snapshot)
    expect(mine.seq).toBe(10)
    expect(mine.agents.map((a) => a.login)).toEqual(['medewerker2'])
    expect(mine.calls.map((c) => c.callId)).toEqual(['a'])
    expect(mine.transfers.map((t) => t.transferId)).toEqual(['x'])
    expect(filterSnapshot({ kind: 'everything' }, snapshot)).toBe(snapshot)
    const statesOnly = filterSnapshot({ kind: 'types', types: ['agent.state'] }, snapshot)
    expect([statesOnly.agents.length, statesOnly.calls.length, statesOnly.transfers.length]).toEqual([
      2, 0, 0,
    ])
  })
})
