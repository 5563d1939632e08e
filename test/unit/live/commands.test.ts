import { describe, expect, it } from 'vitest'
import { commandEvent, MAX_CALLS_PER_AGENT, type LiveView } from '../../../server/gateway/live/commands'
import { LiveState } from '../../../server/gateway/live/state'
import type { LiveIdentity } from '../../../server/gateway/live/types'
import { at, call } from './fixtures'

const medewerker1: LiveIdentity = { login: 'medewerker1', role: 'agent', afdeling: 'kcc' }
const clientCall = { callId: 'call-1', direction: 'inbound', callerNumber: '0201234567' } as const

function view(...events: Parameters<typeof at>[1][]): LiveView {
  const state = new LiveState('e')
  events.forEach((body, i) => state.apply(at(i + 1, body)))
  return state
}

describe('what an agent app may publish about itself', () => {
  it("publishes a state change under the session's login and afdeling", () => {
    expect(commandEvent(medewerker1, { type: 'state', state: 'beschikbaar' }, view())).toEqual({
      ok: true,
      event: { type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'beschikbaar' },
    })
  })

  it('publishes nothing when the state does not change', () => {
    const current = view({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'pauze' })
    expect(commandEvent(medewerker1, { type: 'state', state: 'pauze' }, current)).toEqual({
      ok: true,
      event: null,
    })
  })

  it('applies a change derived from a call when the hub still has the state the app came from', () => {
    const current = view({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'ringing' })
    expect(
      commandEvent(medewerker1, { type: 'state', state: 'beschikbaar', from: 'ringing' }, current),
    ).toEqual({
      ok: true,
      event: { type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'beschikbaar' },
    })
  })

  it('keeps a state the gateway set when a change derived from a call comes from an older one', () => {
    // The queue put the agent on pauze after a ring-out; the app's "ringing is over, beschikbaar"
    // crossed it on the wire.
    const current = view(
      { type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'ringing' },
      { type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'pauze' },
    )
    expect(
      commandEvent(medewerker1, { type: 'state', state: 'beschikbaar', from: 'ringing' }, current),
    ).toEqual({ ok: true, event: null })
    // The agent's own choice (no `from`) still goes through.
    expect(commandEvent(medewerker1, { type: 'state', state: 'beschikbaar' }, current)).toMatchObject({
      ok: true,
      event: { state: 'beschikbaar' },
    })
  })

  it('refuses a state the machine does not allow from the current one', () => {
    const current = view({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'beschikbaar' })
    expect(commandEvent(medewerker1, { type: 'state', state: 'on_hold' }, current)).toEqual({
      ok: false,
      code: 'invalid_transition',
      message: 'cannot go from beschikbaar to on_hold',
    })
  })

  it('starts a call owned by the session, not confidential unless said so', () => {
    expect(commandEvent(medewerker1, { type: 'call.started', call: clientCall }, view())).toEqual({
      ok: true,
      event: {
        type: 'call.started',
        call: { ...clientCall, agent: 'medewerker1', afdeling: 'kcc', vertrouwelijk: false },
      },
    })
  })

  it('refuses to start a call id that is already live', () => {
    const current = view({ type: 'call.started', call: call({ agent: 'medewerker2' }) })
    expect(commandEvent(medewerker1, { type: 'call.started', call: clientCall }, current)).toMatchObject({
      ok: false,
      code: 'call_exists',
    })
  })

  it('takes a repeated start of its own live call as an update (the app replays its calls after a reconnect)', () => {
    const current = view({ type: 'call.started', call: call({ agent: 'medewerker1' }) })
    const replay = { ...clientCall, klantcontactnummer: '26000001' }
    expect(commandEvent(medewerker1, { type: 'call.started', call: replay }, current)).toEqual({
      ok: true,
      event: {
        type: 'call.updated',
        call: { ...replay, agent: 'medewerker1', afdeling: 'kcc', vertrouwelijk: false },
      },
    })
  })

  it('refuses more live calls than a consult needs', () => {
    const calls = Array.from({ length: MAX_CALLS_PER_AGENT }, (_, i) => ({
      type: 'call.started' as const,
      call: call({ callId: `c${i}` }),
    }))
    const result = commandEvent(medewerker1, { type: 'call.started', call: clientCall }, view(...calls))
    expect(result).toMatchObject({ ok: false, code: 'forbidden' })
  })

  it("refuses to update or end another agent's call", () => {
    const current = view({ type: 'call.started', call: call({ agent: 'medewerker2' }) })
    expect(commandEvent(medewerker1, { type: 'call.updated', call: clientCall }, current)).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect(
      commandEvent(medewerker1, { type: 'call.ended', callId: 'call-1', reason: 'completed' }, current),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
  })

  it('refuses to update or end a call that is not live', () => {
    expect(commandEvent(medewerker1, { type: 'call.updated', call: clientCall }, view())).toMatchObject({
      ok: false,
      code: 'unknown_call',
    })
    expect(
      commandEvent(medewerker1, { type: 'call.ended', callId: 'nope', reason: 'failed' }, view()),
    ).toMatchObject({
      ok: false,
      code: 'unknown_call',
    })
  })

  it('ends its own call with the handling time the app measured, and marks a call between colleagues', () => {
    const current = view({ type: 'call.started', call: call({ internal: true }) })
    expect(
      commandEvent(
        medewerker1,
        { type: 'call.ended', callId: 'call-1', reason: 'completed', handledMs: 42_000 },
        current,
      ),
    ).toMatchObject({ ok: true, event: { type: 'call.ended', handledMs: 42_000, internal: true } })
  })

  it('ends its own call', () => {
    const current = view({ type: 'call.started', call: call() })
    expect(
      commandEvent(medewerker1, { type: 'call.ended', callId: 'call-1', reason: 'transferred' }, current),
    ).toEqual({
      ok: true,
      event: {
        type: 'call.ended',
        callId: 'call-1',
        agent: 'medewerker1',
        afdeling: 'kcc',
        reason: 'transferred',
      },
    })
  })

  describe('the answer time', () => {
    const T1 = new Date('2026-12-06T10:00:05.000Z')
    const T2 = new Date('2026-12-06T10:00:40.000Z')
    const ringing = () =>
      view({
        type: 'call.started',
        call: { ...clientCall, agent: 'medewerker1', afdeling: 'kcc', vertrouwelijk: false },
      })

    it('is absent while the call rings', () => {
      const result = commandEvent(medewerker1, { type: 'call.started', call: clientCall }, view(), T1)
      expect(result).toMatchObject({ ok: true, event: { type: 'call.started' } })
      expect(result.ok && result.event?.type === 'call.started' && 'answeredAt' in result.event.call).toBe(
        false,
      )
    })

    it('is stamped with the gateway’s clock when the app says the call is answered, without the flag', () => {
      const result = commandEvent(
        medewerker1,
        { type: 'call.updated', call: { ...clientCall, answered: true } },
        ringing(),
        T1,
      )
      expect(result).toEqual({
        ok: true,
        event: {
          type: 'call.updated',
          call: {
            ...clientCall,
            agent: 'medewerker1',
            afdeling: 'kcc',
            vertrouwelijk: false,
            answeredAt: T1.toISOString(),
          },
        },
      })
    })

    it('keeps the first answer time on later updates and on the re-sent call after a reconnect', () => {
      const answered = view(
        {
          type: 'call.started',
          call: { ...clientCall, agent: 'medewerker1', afdeling: 'kcc', vertrouwelijk: false },
        },
        {
          type: 'call.updated',
          call: {
            ...clientCall,
            agent: 'medewerker1',
            afdeling: 'kcc',
            vertrouwelijk: false,
            answeredAt: T1.toISOString(),
          },
        },
      )
      for (const command of [
        { type: 'call.updated', call: { ...clientCall, answered: true, klantcontactnummer: '12' } },
        { type: 'call.updated', call: { ...clientCall, klantcontactnummer: '12' } },
        { type: 'call.started', call: { ...clientCall, answered: true } },
      ] as const) {
        expect(commandEvent(medewerker1, command, answered, T2)).toMatchObject({
          ok: true,
          event: { call: { answeredAt: T1.toISOString() } },
        })
      }
    })
  })
})
