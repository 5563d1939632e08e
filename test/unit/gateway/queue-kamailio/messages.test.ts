import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidEventError, parseKamailioEvent } from '../../../../server/gateway/queue/kamailio/messages'

const queued = {
  event: 'queued',
  callid: 'a84b4c76e66710@pc33.example.nl',
  group: 'vergunningen',
  caller: '+31612345678',
  queuedAt: '1765050000.123456',
}

const refused = (value: unknown): void => {
  expect(() => parseKamailioEvent(JSON.stringify(value)), JSON.stringify(value)).toThrow(InvalidEventError)
}

describe('messages from Kamailio (queue.cfg)', () => {
  it('reads a queued call with its queued time in milliseconds', () => {
    expect(parseKamailioEvent(JSON.stringify(queued))).toEqual({
      event: 'queued',
      callId: queued.callid,
      group: 'vergunningen',
      caller: '+31612345678',
      queuedAt: 1765050000123,
      ringing: false,
    })
  })

  it('reads a requeued call and whether an agent rings for it', () => {
    expect(parseKamailioEvent(JSON.stringify({ ...queued, event: 'requeue', ringing: true }))).toMatchObject({
      event: 'requeue',
      ringing: true,
    })
  })

  it('reads the events that end or report on a call', () => {
    for (const event of ['answered', 'cancel', 'timeout', 'rejected', 'error']) {
      expect(parseKamailioEvent(JSON.stringify({ event, callid: 'x1' }))).toEqual({ event, callId: 'x1' })
    }
    expect(parseKamailioEvent('{"event":"agent-failed","callid":"x1","code":486}')).toEqual({
      event: 'agent-failed',
      callId: 'x1',
      code: 486,
    })
    expect(
      parseKamailioEvent('{"event":"resume-failed","callid":"x1","action":"deliver","why":"not-suspended"}'),
    ).toEqual({ event: 'resume-failed', callId: 'x1', action: 'deliver', why: 'not-suspended' })
    expect(parseKamailioEvent('{"event":"requeue-done"}')).toEqual({ event: 'requeue-done' })
  })

  it('refuses anything that is not exactly one of its events', () => {
    for (const bad of [
      null,
      [],
      'queued',
      { ...queued, event: 'queue' },
      { ...queued, extra: 1 },
      { ...queued, callid: '' },
      { ...queued, callid: 'has space' },
      { ...queued, callid: 'x'.repeat(257) },
      { ...queued, group: '../etc' },
      { ...queued, caller: 'a"b' },
      { ...queued, caller: 12 },
      { ...queued, queuedAt: 1765050000 },
      { ...queued, queuedAt: '1765050000' },
      { ...queued, event: 'requeue' },
      { event: 'agent-failed', callid: 'x', code: 200 },
      { event: 'agent-failed', callid: 'x', code: '486' },
      { event: 'agent-failed', callid: 'x', code: 486.5 },
      { event: 'resume-failed', callid: 'x', action: 'deliver', why: 'because' },
      { event: 'resume-failed', callid: 'x', action: 'ring', why: 'gone' },
      { event: 'answered' },
      { event: 'answered', callid: 'x', code: 200 },
      { event: 'requeue-done', callid: 'x' },
    ]) {
      refused(bad)
    }
    expect(() => parseKamailioEvent('{"event":')).toThrow(InvalidEventError)
  })

  it('throws nothing but InvalidEventError, whatever arrives', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          try {
            parseKamailioEvent(text)
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidEventError)
          }
        },
      ),
    )
  })
})
