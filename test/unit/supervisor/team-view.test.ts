import { describe, expect, it } from 'vitest'
import type { DirectoryView } from '../../../shared/gateway/api'
import type { AgentStatus, LiveCall, TransferOffer } from '../../../shared/live/protocol'
import { INITIAL_LIVE_VIEW, type LiveView } from '../../../renderer/src/live/live-view'
import { teamView } from '../../../renderer/src/supervisor/team-view'
import { ago, liveCall, NOW, transferOffer } from './fixtures'

function medewerker(
  login: string,
  displayName: string,
  afdeling: string,
): DirectoryView['medewerkers'][number] {
  return {
    login,
    displayName,
    afdeling,
    extension: '2000',
    sipAddress: `sip:${login}@kcc.local`,
    state: 'beschikbaar',
  }
}

/** Vergunningen before KCC; the medewerkers listed out of name order, one name with a diacritic. */
function directory(): DirectoryView {
  return {
    afdelingen: [
      { id: 'vergunningen', naam: 'Vergunningen', groupAddress: '3200', leden: [] },
      { id: 'kcc', naam: 'KCC', groupAddress: '3100', leden: [] },
    ],
    medewerkers: [
      medewerker('m-frank', 'Frank de Vries', 'kcc'),
      medewerker('m-emile', 'Émile Bakker', 'kcc'),
      medewerker('m-anna', 'anna Visser', 'kcc'),
      medewerker('m-bram', 'Bram Jansen', 'vergunningen'),
    ],
  }
}

function live(changes: Partial<LiveView> = {}): LiveView {
  return { ...INITIAL_LIVE_VIEW, connection: 'open', ...changes }
}

function status(login: string, state: AgentStatus['state'], since: string, afdeling = 'kcc'): AgentStatus {
  return { login, afdeling, state, since }
}

function call(changes: Partial<LiveCall> = {}): LiveCall {
  return liveCall('m-anna', { ...changes })
}

function transfer(changes: Partial<TransferOffer> = {}): TransferOffer {
  return transferOffer('m-anna', { ...changes })
}

const memberOf = (view: ReturnType<typeof teamView>, login: string) =>
  view.afdelingen.flatMap((a) => a.members).find((m) => m.login === login)

describe('teamView, the supervisor’s team overview', () => {
  it('groups the agents per afdeling in the directory’s order of afdelingen', () => {
    const view = teamView(directory(), live(), NOW)
    expect(view.afdelingen.map((a) => [a.id, a.naam])).toEqual([
      ['vergunningen', 'Vergunningen'],
      ['kcc', 'KCC'],
    ])
    expect(view.afdelingen[0]?.members.map((m) => m.login)).toEqual(['m-bram'])
  })

  it('sorts the agents of an afdeling by name the Dutch way (case and accents do not put a name last)', () => {
    const view = teamView(directory(), live(), NOW)
    expect(view.afdelingen[1]?.members.map((m) => m.naam)).toEqual([
      'anna Visser',
      'Émile Bakker',
      'Frank de Vries',
    ])
  })

  it('shows an agent the hub has not seen as offline, without a duration', () => {
    const view = teamView(directory(), live(), NOW)
    expect(memberOf(view, 'm-frank')).toEqual({
      login: 'm-frank',
      naam: 'Frank de Vries',
      afdeling: 'kcc',
      state: 'offline',
      sinceMs: undefined,
      calls: [],
      monitorable: false,
    })
  })

  it('takes the state from the hub and how long the agent has been in it', () => {
    const view = teamView(
      directory(),
      live({
        agents: [status('m-emile', 'pauze', ago(125_000)), status('m-bram', 'in_gesprek', ago(4_000))],
      }),
      NOW,
    )
    expect(memberOf(view, 'm-emile')).toMatchObject({ state: 'pauze', sinceMs: 125_000 })
    expect(memberOf(view, 'm-bram')).toMatchObject({ state: 'in_gesprek', sinceMs: 4_000 })
  })

  it('never shows a negative duration when the gateway’s clock is ahead of ours', () => {
    const view = teamView(
      directory(),
      live({
        agents: [status('m-anna', 'in_gesprek', ago(-5_000))],
        calls: [call({ startedAt: ago(-5_000) })],
        transfers: [transfer({ offeredAt: ago(-5_000) })],
      }),
      NOW,
    )
    expect(memberOf(view, 'm-anna')?.sinceMs).toBe(0)
    expect(memberOf(view, 'm-anna')?.calls[0]?.durationMs).toBe(0)
    expect(view.transfers[0]?.sinceMs).toBe(0)
  })

  it('lists an agent only the hub knows under its afdeling, with the login as name', () => {
    const view = teamView(directory(), live({ agents: [status('m-nieuw', 'beschikbaar', ago(1_000))] }), NOW)
    const kcc = view.afdelingen.find((a) => a.id === 'kcc')
    expect(kcc?.members.map((m) => m.naam)).toContain('m-nieuw')
    expect(memberOf(view, 'm-nieuw')).toMatchObject({ naam: 'm-nieuw', state: 'beschikbaar', sinceMs: 1_000 })
  })

  it('lists an agent of an afdeling the directory does not know after the known ones, under its id', () => {
    const view = teamView(
      directory(),
      live({ agents: [status('m-extern', 'beschikbaar', ago(1_000), 'belastingen')] }),
      NOW,
    )
    expect(view.afdelingen.map((a) => a.naam)).toEqual(['Vergunningen', 'KCC', 'belastingen'])
    expect(view.afdelingen[2]?.members.map((m) => m.login)).toEqual(['m-extern'])
  })

  it('shows an agent’s call with direction, duration, masked caller, klantcontactnummer and onderwerp', () => {
    const view = teamView(
      directory(),
      live({
        agents: [status('m-anna', 'in_gesprek', ago(90_000))],
        calls: [
          call({
            klantcontactnummer: '26000042',
            onderwerp: 'Afvalpas kwijt',
            startedAt: ago(100_000),
            answeredAt: ago(90_000),
          }),
        ],
      }),
      NOW,
    )
    expect(memberOf(view, 'm-anna')?.calls).toEqual([
      {
        callId: 'c1@pbx',
        direction: 'inbound',
        answered: true,
        durationMs: 90_000,
        caller: '06••••••78',
        klantcontactnummer: '26000042',
        onderwerp: 'Afvalpas kwijt',
        vertrouwelijk: false,
      },
    ])
  })

  it('counts a call that rings from its start, and says it is not answered', () => {
    const view = teamView(directory(), live({ calls: [call({ startedAt: ago(7_000) })] }), NOW)
    expect(memberOf(view, 'm-anna')?.calls[0]).toMatchObject({ answered: false, durationMs: 7_000 })
  })

  describe('the monitoring the supervisor may use', () => {
    const scope = { login: 'm-super', role: 'supervisor', supervises: ['kcc'] } as const
    const onCalls = live({
      calls: [
        call({ answeredAt: ago(1_000) }),
        call({ callId: 'b@pbx', agent: 'm-bram', afdeling: 'vergunningen', answeredAt: ago(1_000) }),
      ],
    })

    it('is offered on a call of an agent of an afdeling the supervisor supervises', () => {
      const view = teamView(directory(), onCalls, NOW, scope)
      expect(memberOf(view, 'm-anna')?.monitorable).toBe(true)
    })

    it('is not offered for another afdeling, nor for an agent without a call', () => {
      const view = teamView(directory(), onCalls, NOW, scope)
      expect(memberOf(view, 'm-bram')?.monitorable).toBe(false)
      expect(memberOf(view, 'm-frank')?.monitorable).toBe(false)
    })

    it('is not offered on the supervisor’s own call, nor without a logged-in supervisor', () => {
      expect(
        memberOf(teamView(directory(), onCalls, NOW, { ...scope, login: 'm-anna' }), 'm-anna')?.monitorable,
      ).toBe(false)
      expect(memberOf(teamView(directory(), onCalls, NOW), 'm-anna')?.monitorable).toBe(false)
    })
  })

  it('leaves out the klantcontactnummer and onderwerp while the call has none', () => {
    const view = teamView(directory(), live({ calls: [call({ direction: 'outbound' })] }), NOW)
    const [only] = memberOf(view, 'm-anna')?.calls ?? []
    expect(only).toMatchObject({ direction: 'outbound', caller: '06••••••78', onderwerp: undefined })
    expect(only).not.toHaveProperty('klantcontactnummer')
  })

  it('hides the onderwerp of a vertrouwelijk klantcontact, even if one came along', () => {
    const view = teamView(
      directory(),
      live({
        calls: [call({ klantcontactnummer: '26000042', vertrouwelijk: true, onderwerp: 'Schuldhulp' })],
      }),
      NOW,
    )
    expect(memberOf(view, 'm-anna')?.calls[0]).toMatchObject({
      klantcontactnummer: '26000042',
      onderwerp: undefined,
      vertrouwelijk: true,
    })
    expect(JSON.stringify(view)).not.toContain('Schuldhulp')
  })

  it('gives each call to its own agent, and an agent on two calls both', () => {
    const view = teamView(
      directory(),
      live({
        calls: [
          call({ callId: 'a', agent: 'm-anna' }),
          call({ callId: 'b', agent: 'm-bram', afdeling: 'vergunningen', callerNumber: 'medewerker2' }),
          call({ callId: 'c', agent: 'm-anna', direction: 'outbound' }),
        ],
      }),
      NOW,
    )
    expect(memberOf(view, 'm-anna')?.calls.map((c) => c.callId)).toEqual(['a', 'c'])
    expect(memberOf(view, 'm-bram')?.calls.map((c) => [c.callId, c.caller])).toEqual([['b', 'medewerker2']])
    expect(memberOf(view, 'm-frank')?.calls).toEqual([])
  })

  it('lists the transfers oldest first, with names for agents and afdelingen', () => {
    const view = teamView(
      directory(),
      live({
        transfers: [
          transfer({ transferId: 'late', offeredAt: ago(5_000) }),
          transfer({
            transferId: 'early',
            from: 'm-emile',
            to: { kind: 'afdeling', afdeling: 'vergunningen' },
            klantcontactnummer: '26000002',
            offeredAt: ago(65_000),
          }),
        ],
      }),
      NOW,
    )
    expect(view.transfers).toEqual([
      {
        transferId: 'early',
        from: 'Émile Bakker',
        to: 'Vergunningen',
        klantcontactnummer: '26000002',
        sinceMs: 65_000,
      },
      {
        transferId: 'late',
        from: 'anna Visser',
        to: 'Bram Jansen',
        klantcontactnummer: '26000001',
        sinceMs: 5_000,
      },
    ])
  })

  it('names an unknown agent or afdeling in a transfer by its id', () => {
    const view = teamView(
      directory(),
      live({
        transfers: [
          transfer({ transferId: 'x', from: 'm-weg', to: { kind: 'agent', login: 'm-onbekend' } }),
          transfer({
            transferId: 'y',
            offeredAt: ago(1_000),
            to: { kind: 'afdeling', afdeling: 'belastingen' },
          }),
        ],
      }),
      NOW,
    )
    expect(view.transfers.map((t) => [t.from, t.to])).toEqual([
      ['m-weg', 'm-onbekend'],
      ['anna Visser', 'belastingen'],
    ])
  })
})
