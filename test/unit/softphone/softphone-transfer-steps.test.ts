import { afterEach, describe, expect, it } from 'vitest'
import { Softphone } from '../../../renderer/src/softphone/softphone'
import type { SoftphoneSnapshot } from '../../../renderer/src/softphone/types'
import { header, InboundDialog, okWithSdp, responseTo, sipWire, type SipWire } from './fake-sip-wire'
import { fakeWebMediaFactory, recordingLogger } from './fakes'

// Every step of a transfer (transfer-states.ts, TRANSFER_STEPS) has a way out and, but for the
// conversation with the colleague, a time limit: a real sip.js UserAgent in the Softphone, the SIP
// server an in-memory wire (fake-sip-wire.ts) that answers what the test says, or nothing. The wire
// answers every INVITE the phone sends 100 Trying, as a proxy does, so an INVITE left without a
// final response stays in sip.js' Proceeding state, which has no timer.
const DOMAIN = 'kcc.test'
const LIMIT = 400

const phones: Softphone[] = []
afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.stop()))
})

function until(phone: Softphone, predicate: (s: SoftphoneSnapshot) => boolean): Promise<SoftphoneSnapshot> {
  return new Promise((resolve) => {
    if (predicate(phone.getSnapshot())) {
      resolve(phone.getSnapshot())
      return
    }
    const off = phone.subscribe((s) => {
      if (predicate(s)) {
        off()
        resolve(s)
      }
    })
  })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** medewerker1 on the wire, in an answered call from the customer `burger`. */
async function inCall() {
  const wire = sipWire()
  const { log, entries } = recordingLogger()
  const phone = new Softphone({
    websocketUrl: 'wss://sip.invalid/',
    domain: DOMAIN,
    extension: 'medewerker1',
    password: 'secret',
    transportConstructor: wire.transportConstructor,
    sessionDescriptionHandlerFactory: fakeWebMediaFactory().factory,
    logger: log,
    audioOutput: null,
    ringtone: null,
    mediaDevices: null,
    reinviteRetry: { attempts: 2, delayMs: () => 10 },
    transferTimeouts: { holdMs: LIMIT, consultRingMs: LIMIT, referMs: LIMIT },
  })
  phones.push(phone)
  await phone.start()
  await until(phone, (s) => s.registration === 'registered')
  const customer = new InboundDialog(
    wire,
    { user: 'burger', domain: DOMAIN },
    { user: 'medewerker1', domain: DOMAIN },
  )
  customer.invite()
  await until(phone, (s) => s.call?.state === 'ringing')
  await phone.answer()
  await customer.ackAnswer()
  await until(phone, (s) => s.call?.state === 'active')
  return { wire, phone, customer, entries }
}

/** The phone's `n`-th (1-based) re-INVITE on the customer's call. */
const reinvite = (wire: SipWire, customer: InboundDialog, n: number) =>
  wire.waitFor((m) => m.startsWith('INVITE ') && m.includes(customer.callId) && nth(wire, customer, m) === n)

function nth(wire: SipWire, customer: InboundDialog, message: string): number {
  return (
    wire
      .requests('INVITE')
      .filter((m) => m.includes(customer.callId))
      .indexOf(message) + 1
  )
}

/** The consult INVITE: the phone's INVITE to medewerker2. */
const consultInvite = (wire: SipWire) => wire.waitFor((m) => m.startsWith('INVITE sip:medewerker2@'))

const consultInvites = (wire: SipWire) =>
  wire.requests('INVITE').filter((m) => m.startsWith('INVITE sip:medewerker2@'))

/** Agrees to the phone's `n`-th re-INVITE (a hold, then a resume, …). */
async function agree(wire: SipWire, customer: InboundDialog, n: number) {
  wire.deliver(okWithSdp(await reinvite(wire, customer, n)))
}

/** The customer on hold and the consult ringing, in the `dialling` step. */
async function consultRinging(target = 'medewerker2') {
  const rig = await inCall()
  const started = rig.phone.startConsult(target)
  await agree(rig.wire, rig.customer, 1)
  const invite = await consultInvite(rig.wire)
  rig.wire.deliver(responseTo(invite, '180 Ringing'))
  await started
  await until(rig.phone, (s) => s.consult?.state === 'connecting' && s.transfer?.step === 'dialling')
  return { ...rig, invite }
}

describe('a transfer that is holding the customer', () => {
  it('gives up a hold that never gets its final answer: CANCEL, failed, no consult, back with the customer', async () => {
    // The stuck consult: the proxy said 100 Trying to the hold re-INVITE and nothing came after.
    const { wire, phone, customer } = await inCall()

    const started = phone.startConsult('medewerker2')
    await reinvite(wire, customer, 1)
    expect(phone.getSnapshot().transfer).toMatchObject({ state: 'consulting', step: 'holding' })

    await expect(started).rejects.toThrow('could not be put on hold')
    const after = phone.getSnapshot()
    expect(after.transfer).toMatchObject({ state: 'failed', reason: 'failed' })
    expect(after.transfer?.step).toBeUndefined()
    expect(after.call?.state).toBe('active')
    await wire.waitFor((m) => m.startsWith('CANCEL ') && m.includes(customer.callId))
    expect(consultInvites(wire)).toEqual([])
    // The re-INVITE got its 487 after the CANCEL, so the call can be held again.
    const held = phone.hold()
    await agree(wire, customer, 2)
    await held
    expect(phone.getSnapshot().call?.state).toBe('on_hold')
  })

  it('resends a hold refused with 491 (glare) after a random wait, then dials the colleague', async () => {
    const { wire, phone, customer } = await inCall()

    const started = phone.startConsult('medewerker2')
    wire.deliver(responseTo(await reinvite(wire, customer, 1), '491 Request Pending'))
    await agree(wire, customer, 2)
    await started

    expect(phone.getSnapshot().call?.state).toBe('on_hold')
    expect(phone.getSnapshot().transfer).toMatchObject({ state: 'consulting', step: 'dialling' })
    await consultInvite(wire)
  })

  it('goes back to the customer when every resend of the hold meets 491, without dialling', async () => {
    const { wire, phone, customer } = await inCall()

    const started = phone.startConsult('medewerker2')
    for (const n of [1, 2, 3]) {
      wire.deliver(responseTo(await reinvite(wire, customer, n), '491 Request Pending'))
    }

    await expect(started).rejects.toThrow('re-INVITE rejected: 491')
    expect(phone.getSnapshot().transfer).toMatchObject({ state: 'failed', reason: 'failed' })
    expect(phone.getSnapshot().call?.state).toBe('active')
    expect(consultInvites(wire)).toEqual([])
  })

  it('cancels while the hold is pending: the re-INVITE is cancelled and nobody is dialled', async () => {
    const { wire, phone, customer } = await inCall()

    const started = phone.startConsult('medewerker2')
    await reinvite(wire, customer, 1)
    await phone.cancelConsult()

    await started
    expect(phone.getSnapshot().transfer?.state).toBe('cancelled')
    expect(phone.getSnapshot().call?.state).toBe('active')
    await wire.waitFor((m) => m.startsWith('CANCEL ') && m.includes(customer.callId))
    await sleep(LIMIT)
    expect(consultInvites(wire)).toEqual([])
  })

  it('resumes the customer when the hold is agreed only after the agent cancelled', async () => {
    const { wire, phone, customer } = await inCall()
    const started = phone.startConsult('medewerker2')
    const hold = await reinvite(wire, customer, 1)
    const cancelling = phone.cancelConsult()
    // The 200 crosses the CANCEL: the customer is on hold after all, so the phone resumes them.
    wire.deliver(okWithSdp(hold))
    await cancelling
    await started
    await agree(wire, customer, 2)
    await until(phone, (s) => s.call?.state === 'active')
    expect(consultInvites(wire)).toEqual([])
  })
})

describe('a transfer that is dialling the colleague', () => {
  it('gives up after the ring time as no answer, and resumes the customer', async () => {
    const { wire, phone, customer, invite } = await consultRinging()

    const failed = await until(phone, (s) => s.transfer?.state === 'failed')
    expect(failed.transfer?.reason).toBe('no_answer')
    await wire.waitFor((m) => m.startsWith('CANCEL ') && m.includes(header(invite, 'Call-ID')))
    await agree(wire, customer, 2)
    const back = await until(phone, (s) => s.call?.state === 'active' && s.consult?.state === 'ended')
    expect(back.consult?.failure).toEqual({ reason: 'no_answer' })
  })

  it('cancels on the agent’s word: CANCEL to the colleague, the customer resumed', async () => {
    const { wire, phone, customer, invite } = await consultRinging()

    const cancelled = phone.cancelConsult()
    await agree(wire, customer, 2)
    await cancelled

    expect(phone.getSnapshot().transfer?.state).toBe('cancelled')
    expect(phone.getSnapshot().call?.state).toBe('active')
    expect(wire.requests('CANCEL').some((m) => m.includes(header(invite, 'Call-ID')))).toBe(true)
    const ended = await until(phone, (s) => s.consult?.state === 'ended')
    expect(ended.consult?.failure).toBeUndefined()
  })

  it('records why the colleague did not take the consult', async () => {
    const { wire, phone, customer, invite } = await consultRinging()

    wire.deliver(responseTo(invite, '486 Busy Here'))

    const failed = await until(phone, (s) => s.transfer?.state === 'failed' && s.consult?.state === 'ended')
    expect(failed.transfer?.reason).toBe('busy')
    expect(failed.consult?.failure).toEqual({ statusCode: 486, reason: 'busy' })
    await agree(wire, customer, 2)
  })
})

describe('a transfer in conversation with the colleague', () => {
  it('has no time limit, and cancels with a BYE to the colleague only', async () => {
    const { wire, phone, customer, invite } = await consultRinging()
    wire.deliver(okWithSdp(invite))
    await until(phone, (s) => s.transfer?.step === 'talking' && s.consult?.state === 'active')

    await sleep(LIMIT * 2)
    expect(phone.getSnapshot().transfer).toMatchObject({ state: 'consulting', step: 'talking' })

    const cancelled = phone.hangupConsult()
    await agree(wire, customer, 2)
    await cancelled
    expect(phone.getSnapshot().transfer?.state).toBe('cancelled')
    expect(phone.getSnapshot().call?.state).toBe('active')
    const byes = wire.requests('BYE')
    expect(byes.some((m) => m.includes(header(invite, 'Call-ID')))).toBe(true)
    expect(byes.some((m) => m.includes(customer.callId))).toBe(false)
  })
})

describe('a transfer whose REFER is out', () => {
  async function referring() {
    const rig = await consultRinging()
    rig.wire.deliver(okWithSdp(rig.invite))
    await until(rig.phone, (s) => s.transfer?.step === 'talking')
    const done = rig.phone.completeTransfer()
    const refer = await rig.wire.waitFor((m) => m.startsWith('REFER ') && m.includes(rig.customer.callId))
    expect(rig.phone.getSnapshot().transfer).toMatchObject({ state: 'completing', step: 'referring' })
    return { ...rig, done, refer }
  }

  it('fails when no outcome comes within the limit, and goes back to the customer', async () => {
    const { wire, phone, customer, done, invite } = await referring()

    expect(await done).toMatchObject({ state: 'failed', reason: 'failed' })
    await agree(wire, customer, 2)
    await until(phone, (s) => s.call?.state === 'active' && s.consult?.state === 'ended')
    expect(wire.requests('BYE').some((m) => m.includes(header(invite, 'Call-ID')))).toBe(true)
  })

  it('cancels while waiting for the outcome: consult hung up, customer resumed', async () => {
    const { wire, phone, customer, done } = await referring()

    const cancelled = phone.cancelConsult()
    await agree(wire, customer, 2)
    await cancelled

    expect(await done).toMatchObject({ state: 'cancelled' })
    expect(phone.getSnapshot().call?.state).toBe('active')
    expect(phone.getSnapshot().consult?.state).toBe('ended')
  })
})

describe('a blind transfer', () => {
  it('frees the agent at the 202: completed, and the customer leg ended with a BYE', async () => {
    const { wire, phone, customer } = await inCall()

    const done = phone.blindTransfer('medewerker2')
    const refer = await wire.waitFor((m) => m.startsWith('REFER ') && m.includes(customer.callId))
    expect(phone.getSnapshot().transfer).toMatchObject({ state: 'completing', step: 'referring' })
    wire.deliver(responseTo(refer, '202 Accepted'))

    const completed = await done
    expect(completed).toMatchObject({ kind: 'blind', state: 'completed' })
    expect(completed.notifyOkAt).toBeUndefined()
    await wire.waitFor((m) => m.startsWith('BYE ') && m.includes(customer.callId))
    await until(phone, (s) => s.call?.state === 'ended')
  })

  it('fails when the customer’s phone does not accept the REFER within the limit, keeping the call', async () => {
    const { wire, phone, customer } = await inCall()

    const done = await phone.blindTransfer('medewerker2')

    expect(done).toMatchObject({ state: 'failed', reason: 'failed' })
    expect(phone.getSnapshot().call?.state).toBe('active')
    expect(wire.requests('BYE').some((m) => m.includes(customer.callId))).toBe(false)
  })

  it('can be cancelled while the REFER waits for its answer', async () => {
    const { phone } = await inCall()

    const done = phone.blindTransfer('medewerker2')
    await phone.cancelConsult()

    expect(await done).toMatchObject({ state: 'cancelled' })
    expect(phone.getSnapshot().call?.state).toBe('active')
  })
})
