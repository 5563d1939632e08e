import { describe, expect, it } from 'vitest'
import { commandEvent, type LiveView } from '../../../server/gateway/live/commands'
import type { AgentTimeRules } from '../../../server/gateway/live/agent-time'
import { LiveState } from '../../../server/gateway/live/state'
import type { AgentState, LiveEventBody, LiveIdentity } from '../../../server/gateway/live/types'
import { parseClientMessage } from '../../../shared/live/validate'
import { at } from './fixtures'

const medewerker1: LiveIdentity = { login: 'medewerker1', role: 'agent', afdeling: 'kcc' }
const rules: AgentTimeRules = {
  pauzeRedenen: ['Lunch', 'Overleg'],
  nawerkSeconds: (afdeling) => (afdeling === 'kcc' ? 60 : undefined),
}
const NOW = new Date('2026-12-07T10:00:00.000Z')

function view(...events: LiveEventBody[]): LiveView {
  const state = new LiveState('e')
  events.forEach((body, i) => state.apply(at(i + 1, body)))
  return state
}
const was = (
  state: AgentState,
  extra: { pauzeReden?: string; nawerkTot?: string; afdeling?: string } = {},
): LiveEventBody => ({
  type: 'agent.state',
  login: 'medewerker1',
  afdeling: 'kcc',
  state,
  ...extra,
})

describe('pauze reasons on the live socket', () => {
  it('publishes the reason the agent chose with their pauze', () => {
    expect(
      commandEvent(medewerker1, { type: 'state', state: 'pauze', pauzeReden: 'Lunch' }, view(), NOW, rules),
    ).toEqual({
      ok: true,
      event: {
        type: 'agent.state',
        login: 'medewerker1',
        afdeling: 'kcc',
        state: 'pauze',
        pauzeReden: 'Lunch',
      },
    })
  })

  it('refuses a reason the gateway does not offer', () => {
    expect(
      commandEvent(medewerker1, { type: 'state', state: 'pauze', pauzeReden: 'Koffie' }, view(), NOW, rules),
    ).toEqual({
      ok: false,
      code: 'invalid_message',
      message: 'message.pauzeReden: expected one of Lunch, Overleg',
    })
  })

  it('takes a pauze without a reason from an app that has none to give', () => {
    const result = commandEvent(medewerker1, { type: 'state', state: 'pauze' }, view(), NOW, rules)
    expect(result).toEqual({
      ok: true,
      event: { type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'pauze' },
    })
  })

  it('publishes another reason while on pauze, and nothing for the same one', () => {
    const onLunch = view(was('pauze', { pauzeReden: 'Lunch' }))
    const other = { type: 'state', state: 'pauze', pauzeReden: 'Overleg' } as const
    expect(commandEvent(medewerker1, other, onLunch, NOW, rules)).toMatchObject({
      ok: true,
      event: { state: 'pauze', pauzeReden: 'Overleg' },
    })
    const same = { type: 'state', state: 'pauze', pauzeReden: 'Lunch' } as const
    expect(commandEvent(medewerker1, same, onLunch, NOW, rules)).toEqual({ ok: true, event: null })
  })

  it('refuses a reason with any state but pauze, and one with control characters', () => {
    expect(parseClientMessage({ type: 'state', state: 'beschikbaar', pauzeReden: 'Lunch' })).toEqual({
      ok: false,
      message: 'message.pauzeReden: only with state pauze',
    })
    expect(parseClientMessage({ type: 'state', state: 'pauze', pauzeReden: 'Lunch\n' }).ok).toBe(false)
    expect(parseClientMessage({ type: 'state', state: 'pauze', pauzeReden: 'x'.repeat(41) }).ok).toBe(false)
    expect(parseClientMessage({ type: 'state', state: 'pauze', pauzeReden: 'Lunch' })).toEqual({
      ok: true,
      value: { type: 'state', state: 'pauze', pauzeReden: 'Lunch' },
    })
  })
})

describe('the nawerk limit on the live socket', () => {
  it("stamps when nawerk ends by the gateway's clock, for an afdeling with a limit", () => {
    const result = commandEvent(
      medewerker1,
      { type: 'state', state: 'nawerk' },
      view(was('in_gesprek')),
      NOW,
      rules,
    )
    expect(result).toEqual({
      ok: true,
      event: {
        type: 'agent.state',
        login: 'medewerker1',
        afdeling: 'kcc',
        state: 'nawerk',
        nawerkTot: '2026-12-07T10:01:00.000Z',
      },
    })
  })

  it('stamps nothing for an afdeling without a limit', () => {
    const vergunningen: LiveIdentity = { ...medewerker1, afdeling: 'vergunningen' }
    const current = view(was('in_gesprek', { afdeling: 'vergunningen' }))
    expect(commandEvent(vergunningen, { type: 'state', state: 'nawerk' }, current, NOW, rules)).toEqual({
      ok: true,
      event: { type: 'agent.state', login: 'medewerker1', afdeling: 'vergunningen', state: 'nawerk' },
    })
  })

  it('keeps the deadline when the app repeats nawerk', () => {
    const current = view(was('nawerk', { nawerkTot: '2026-12-07T09:59:30.000Z' }))
    expect(commandEvent(medewerker1, { type: 'state', state: 'nawerk' }, current, NOW, rules)).toEqual({
      ok: true,
      event: null,
    })
  })

  it('does not put back nawerk the gateway ended, when the app derived it from an older state', () => {
    // The gateway made the agent beschikbaar; the app's change from its call crossed it.
    const current = view(was('nawerk'), was('beschikbaar'))
    expect(
      commandEvent(medewerker1, { type: 'state', state: 'nawerk', from: 'nawerk' }, current, NOW, rules),
    ).toEqual({ ok: true, event: null })
  })
})
