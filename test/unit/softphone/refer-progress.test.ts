import type { Session, SessionReferOptions } from 'sip.js'
import { describe, expect, it } from 'vitest'
import {
  referAndFollow,
  sipfragStatus,
  type ReferOutcome,
} from '../../../renderer/src/softphone/transfer/refer-progress'
import { recordingLogger } from './fakes'

/** A customer session whose refer() keeps the options, so the test plays the far end. */
const fakeSession = (sent: Promise<unknown> = Promise.resolve({})) => {
  let options: SessionReferOptions = {}
  const session = {
    refer: (_target: unknown, o: SessionReferOptions) => {
      options = o
      return sent
    },
  } as unknown as Session
  const response = (statusCode: number) => ({ message: { statusCode } }) as never
  const notifications: Array<{ accepted: boolean }> = []
  return {
    session,
    accept: (statusCode = 202) => options.requestDelegate?.onAccept?.(response(statusCode)),
    reject: (statusCode: number) => options.requestDelegate?.onReject?.(response(statusCode)),
    notify: (body: string, event = 'refer') => {
      const record = { accepted: false }
      notifications.push(record)
      options.onNotify?.({
        request: { body, getHeader: (name: string) => (name.toLowerCase() === 'event' ? event : undefined) },
        accept: async () => {
          record.accepted = true
        },
      } as never)
    },
    notifications,
  }
}

const follow = (waits: { doneOnAccept?: boolean } = {}, sent?: Promise<unknown>) => {
  const far = fakeSession(sent)
  const outcomes: ReferOutcome[] = []
  const { log } = recordingLogger()
  const pending = referAndFollow(
    far.session,
    far.session,
    { doneOnAccept: false, ...waits },
    () => 1234,
    log,
    (outcome) => outcomes.push(outcome),
  )
  return { far, outcomes, pending }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('sipfragStatus', () => {
  it('reads the status code of a sipfrag status line', () => {
    expect(sipfragStatus('SIP/2.0 200 OK')).toBe(200)
    expect(sipfragStatus('SIP/2.0 100 trying -- your call is important to us')).toBe(100)
    expect(sipfragStatus('SIP/2.0 486 Busy Here\r\n')).toBe(486)
    expect(sipfragStatus('SIP/2.0 603')).toBe(603)
  })

  it('reads nothing from anything else', () => {
    expect(sipfragStatus(undefined)).toBeUndefined()
    expect(sipfragStatus('')).toBeUndefined()
    expect(sipfragStatus('SIP/2.0 2000 OK')).toBeUndefined()
    expect(sipfragStatus('INVITE sip:a@b SIP/2.0')).toBeUndefined()
    expect(sipfragStatus(' SIP/2.0 200 OK')).toBeUndefined()
  })
})

describe('referAndFollow', () => {
  it('succeeds on the first 2xx sipfrag, not on the provisional NOTIFYs before it', () => {
    const { far, outcomes, pending } = follow()
    far.accept()
    far.notify('SIP/2.0 100 Trying')
    far.notify('SIP/2.0 180 Ringing')
    expect(outcomes).toEqual([])

    far.notify('SIP/2.0 200 OK')
    far.notify('SIP/2.0 200 OK')

    expect(outcomes).toEqual([{ ok: true, notifyOkAt: 1234 }])
    expect(far.notifications.every((n) => n.accepted)).toBe(true)
    pending.stop()
  })

  it('fails with the reason of a final non-2xx sipfrag', () => {
    const { far, outcomes } = follow()
    far.accept()
    far.notify('SIP/2.0 486 Busy Here')
    expect(outcomes).toEqual([{ ok: false, reason: 'busy', status: 486 }])
  })

  it('fails when the REFER is rejected', () => {
    const { far, outcomes } = follow()
    far.reject(405)
    expect(outcomes).toEqual([{ ok: false, reason: 'failed', status: 405 }])
  })

  it('fails when the REFER cannot be sent', async () => {
    const { outcomes } = follow({}, Promise.reject(new Error('socket closed')))
    await sleep(0)
    expect(outcomes).toEqual([{ ok: false, reason: 'failed' }])
  })

  it('answers but ignores a NOTIFY that is not about the REFER', () => {
    const { far, outcomes, pending } = follow()
    far.notify('SIP/2.0 200 OK', 'presence')
    far.notify('nothing useful')
    expect(outcomes).toEqual([])
    expect(far.notifications.every((n) => n.accepted)).toBe(true)
    pending.stop()
  })

  it('takes a blind REFER at its 202, and nothing after it changes that', () => {
    const { far, outcomes } = follow({ doneOnAccept: true })
    far.accept()
    expect(outcomes).toEqual([{ ok: true }])
    far.notify('SIP/2.0 486 Busy Here')
    expect(outcomes).toEqual([{ ok: true }])
    expect(far.notifications.every((n) => n.accepted)).toBe(true)
  })

  it('fails a blind REFER the customer’s phone refuses', () => {
    const { far, outcomes } = follow({ doneOnAccept: true })
    far.reject(603)
    expect(outcomes).toEqual([{ ok: false, reason: 'failed', status: 603 }])
  })

  it('never takes a warm REFER at its 202 alone', async () => {
    const { far, outcomes, pending } = follow()
    far.accept()
    await sleep(40)
    expect(outcomes).toEqual([])
    pending.stop()
  })

  it('reports nothing after stop', async () => {
    const { far, outcomes, pending } = follow({ doneOnAccept: true })
    pending.stop()
    far.accept()
    far.notify('SIP/2.0 200 OK')
    await sleep(10)
    expect(outcomes).toEqual([])
  })
})
