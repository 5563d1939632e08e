import { afterEach, describe, expect, it } from 'vitest'
import { classifyCallFailure, failureOfResponse } from '../../../renderer/src/softphone/call/call-failure'
import { Softphone } from '../../../renderer/src/softphone/softphone'
import type { SoftphoneSnapshot } from '../../../renderer/src/softphone/types'
import { responseTo, sipWire } from './fake-sip-wire'
import { fakeWebMediaFactory, recordingLogger } from './fakes'

describe('classifyCallFailure', () => {
  it.each([
    [486, 'busy'],
    [600, 'busy'],
    [603, 'declined'],
    [408, 'no_answer'],
    [480, 'no_answer'],
    [404, 'not_found'],
    [484, 'not_found'],
    [604, 'not_found'],
    [500, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [403, 'other'],
    [487, 'other'],
    [488, 'other'],
  ] as const)('tells the agent a final %s as %s, keeping the status', (statusCode, reason) => {
    expect(classifyCallFailure(statusCode)).toEqual({ statusCode, reason })
  })

  it('calls an INVITE that could not be sent a network failure', () => {
    expect(classifyCallFailure(undefined)).toEqual({ reason: 'network' })
  })

  it('calls the 408 and 503 sip.js makes up for a timeout or a transport error a network failure', () => {
    const madeUp = (statusCode: number) => ({ statusCode, getHeader: () => undefined })
    expect(failureOfResponse(madeUp(408))).toEqual({ statusCode: 408, reason: 'network' })
    expect(failureOfResponse(madeUp(503))).toEqual({ statusCode: 503, reason: 'network' })
    const real = (statusCode: number) => ({ statusCode, getHeader: () => 'SIP/2.0/WSS x;branch=z9hG4bK1' })
    expect(failureOfResponse(real(503))).toEqual({ statusCode: 503, reason: 'unavailable' })
  })
})

const phones: Softphone[] = []
afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.stop()))
})

async function dialling(target: string) {
  const wire = sipWire()
  const phone = new Softphone({
    websocketUrl: 'wss://sip.invalid/',
    domain: 'kcc.test',
    extension: 'medewerker1',
    password: 'secret',
    transportConstructor: wire.transportConstructor,
    sessionDescriptionHandlerFactory: fakeWebMediaFactory().factory,
    logger: recordingLogger().log,
    audioOutput: null,
    ringtone: null,
    mediaDevices: null,
  })
  phones.push(phone)
  await phone.start()
  await until(phone, (s) => s.registration === 'registered')
  await phone.call(target)
  const invite = await wire.waitFor((m) => m.startsWith(`INVITE sip:${target}@`))
  return { wire, phone, invite }
}

function until(phone: Softphone, predicate: (s: SoftphoneSnapshot) => boolean): Promise<SoftphoneSnapshot> {
  return new Promise((resolve) => {
    const off = phone.subscribe((s) => {
      if (predicate(s)) {
        off()
        resolve(s)
      }
    })
    if (predicate(phone.getSnapshot())) {
      off()
      resolve(phone.getSnapshot())
    }
  })
}

describe('an outbound call that is not answered', () => {
  it('says why on the ended call', async () => {
    const { wire, phone, invite } = await dialling('0612345678')

    wire.deliver(responseTo(invite, '486 Busy Here'))

    const ended = await until(phone, (s) => s.call?.failure !== undefined)
    expect(ended.call).toMatchObject({ state: 'ended', failure: { statusCode: 486, reason: 'busy' } })
  })

  it('has no failure when the agent hung up before an answer', async () => {
    const { phone } = await dialling('0612345678')

    await phone.hangup()

    await until(phone, (s) => s.call?.state === 'ended')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(phone.getSnapshot().call?.failure).toBeUndefined()
  })
})
