import { describe, expect, it } from 'vitest'
import { decodeClientMessage, parseClientMessage } from '../../../shared/live/validate'

const call = { callId: 'abc123@host', direction: 'inbound', callerNumber: '+31612345678' }

describe('live client message validation', () => {
  it('accepts every message type in its documented shape', () => {
    const messages = [
      { type: 'auth', token: 'session-token' },
      { type: 'snapshot' },
      { type: 'resume', epoch: '0123abcd', lastSeq: 42 },
      { type: 'state', state: 'beschikbaar' },
      { type: 'state', state: 'beschikbaar', from: 'ringing' },
      { type: 'call.started', call: { ...call, klantcontactnummer: '0000001234', onderwerp: 'Paspoort' } },
      { type: 'call.updated', call: { ...call, vertrouwelijk: true } },
      { type: 'call.ended', callId: 'abc123@host', reason: 'completed' },
      { type: 'ping' },
    ]
    for (const message of messages) {
      expect(parseClientMessage(message)).toEqual({ ok: true, value: message })
    }
  })

  it('rejects naming another agent: a state message carries no login, so one with a login is refused', () => {
    const result = parseClientMessage({ type: 'state', state: 'pauze', login: 'medewerker2' })
    expect(result).toEqual({ ok: false, message: 'message.login: unexpected property' })
  })

  it('rejects a call that names its own agent or afdeling', () => {
    expect(
      parseClientMessage({ type: 'call.started', call: { ...call, agent: 'medewerker2' } }),
    ).toMatchObject({
      ok: false,
      message: 'message.call.agent: unexpected property',
    })
  })

  it('rejects unknown states, types, directions and end reasons', () => {
    expect(parseClientMessage({ type: 'state', state: 'onbekend' }).ok).toBe(false)
    expect(parseClientMessage({ type: 'state', state: 'pauze', from: 'onbekend' }).ok).toBe(false)
    expect(parseClientMessage({ type: 'subscribe' }).ok).toBe(false)
    expect(parseClientMessage({ type: 'call.started', call: { ...call, direction: 'sideways' } }).ok).toBe(
      false,
    )
    expect(parseClientMessage({ type: 'call.ended', callId: 'x', reason: 'agent_gone' }).ok).toBe(false)
  })

  it("refuses a call end that names its own direction: the counters take the hub's record of the call", () => {
    const end = { type: 'call.ended', callId: 'abc123@host', reason: 'abandoned' }
    expect(parseClientMessage(end).ok).toBe(true)
    expect(parseClientMessage({ ...end, direction: 'inbound' }).ok).toBe(false)
  })

  it('takes a handling time in whole milliseconds up to a day, and internal as a yes or no only', () => {
    const end = { type: 'call.ended', callId: 'abc123@host', reason: 'completed' }
    expect(parseClientMessage({ ...end, handledMs: 90_000 })).toEqual({
      ok: true,
      value: { ...end, handledMs: 90_000 },
    })
    for (const handledMs of [-1, 1.5, '90', 24 * 60 * 60_000 + 1]) {
      expect(parseClientMessage({ ...end, handledMs }).ok).toBe(false)
    }
    expect(parseClientMessage({ type: 'call.started', call: { ...call, internal: true } }).ok).toBe(true)
    expect(parseClientMessage({ type: 'call.started', call: { ...call, internal: 'yes' } }).ok).toBe(false)
  })

  it('takes answered as a yes or no, and never an answer time: the gateway stamps that with its clock', () => {
    expect(parseClientMessage({ type: 'call.updated', call: { ...call, answered: true } })).toEqual({
      ok: true,
      value: { type: 'call.updated', call: { ...call, answered: true } },
    })
    expect(parseClientMessage({ type: 'call.updated', call: { ...call, answered: 'yes' } }).ok).toBe(false)
    const answeredAt = '2026-12-06T10:00:00.000Z'
    expect(parseClientMessage({ type: 'call.updated', call: { ...call, answeredAt } }).ok).toBe(false)
  })

  it('takes a klantcontactnummer only as the register writes one: 1 to 10 digits', () => {
    const started = (klantcontactnummer: string) =>
      parseClientMessage({ type: 'call.started', call: { ...call, klantcontactnummer } }).ok
    expect(started('1')).toBe(true)
    expect(started('2600000001')).toBe(true)
    for (const nummer of ['26000000012', 'KC-123', '26 01', '-1']) {
      expect(started(nummer)).toBe(false)
    }
  })

  it('counts an onderwerp in characters as the register does, so 200 emoji fit and 201 do not', () => {
    const started = (onderwerp: string) =>
      parseClientMessage({ type: 'call.started', call: { ...call, onderwerp } }).ok
    expect(started('\u{1F4DE}'.repeat(200))).toBe(true)
    expect(started('\u{1F4DE}'.repeat(201))).toBe(false)
  })

  it('rejects a negative, fractional or textual lastSeq', () => {
    for (const lastSeq of [-1, 1.5, '3', null]) {
      expect(parseClientMessage({ type: 'resume', epoch: 'e', lastSeq }).ok).toBe(false)
    }
  })

  it('rejects empty, overlong and control-character text', () => {
    expect(parseClientMessage({ type: 'auth', token: '' }).ok).toBe(false)
    expect(parseClientMessage({ type: 'auth', token: 'x'.repeat(4097) }).ok).toBe(false)
    const onderwerp = 'x'.repeat(201)
    expect(parseClientMessage({ type: 'call.started', call: { ...call, onderwerp } }).ok).toBe(false)
    expect(parseClientMessage({ type: 'call.started', call: { ...call, callerNumber: '06\n123' } }).ok).toBe(
      false,
    )
    expect(parseClientMessage({ type: 'call.ended', callId: 'has space', reason: 'completed' }).ok).toBe(
      false,
    )
  })

  it('rejects a klantcontactnummer with characters a nummer never has', () => {
    const result = parseClientMessage({
      type: 'call.updated',
      call: { ...call, klantcontactnummer: '12/34' },
    })
    expect(result).toEqual({ ok: false, message: 'message.call.klantcontactnummer: invalid characters' })
  })

  it('rejects a non-boolean vertrouwelijk instead of treating it as truthy', () => {
    expect(parseClientMessage({ type: 'call.started', call: { ...call, vertrouwelijk: 'ja' } }).ok).toBe(
      false,
    )
  })

  it('rejects non-objects', () => {
    for (const input of [null, [], 'state', 3]) {
      expect(parseClientMessage(input)).toEqual({ ok: false, message: 'message: expected an object' })
    }
  })

  it('decodes JSON text and refuses what is not JSON or is too large', () => {
    expect(decodeClientMessage('{"type":"ping"}')).toEqual({ ok: true, value: { type: 'ping' } })
    expect(decodeClientMessage('{type: ping}')).toEqual({ ok: false, message: 'message: not JSON' })
    expect(decodeClientMessage(JSON.stringify({ type: 'auth', token: 'x'.repeat(9000) }))).toEqual({
      ok: false,
      message: 'message: too large',
    })
  })
})
