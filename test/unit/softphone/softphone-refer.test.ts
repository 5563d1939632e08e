import { afterEach, describe, expect, it } from 'vitest'
import type { ReferDirectory } from '../../../renderer/src/softphone/transfer/incoming-refer'
import { Softphone } from '../../../renderer/src/softphone/softphone'
import type { SoftphoneSecurityEvent, SoftphoneSnapshot } from '../../../renderer/src/softphone/types'
import { header, InboundDialog, sipWire, statusOf, type SipWire } from './fake-sip-wire'
import { fakeWebMediaFactory, recordingLogger } from './fakes'

// A real sip.js UserAgent inside the Softphone, its transport an in-memory wire (fake-sip-wire.ts):
// what the phone does with a REFER, down to the SIP it sends back.
const DOMAIN = 'kcc.test'
const PAI = (user: string) => `P-Asserted-Identity: <sip:${user}@${DOMAIN}>`
const directory: ReferDirectory = {
  isColleague: (user) => ['medewerker1', 'medewerker2', 'medewerker3'].includes(user),
  isTarget: (user) => ['medewerker1', 'medewerker2', 'medewerker3', 'kcc'].includes(user),
}

const phones: Softphone[] = []
afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.stop()))
})

async function phoneOnWire(options: { directory?: ReferDirectory | undefined } = {}) {
  const wire = sipWire()
  const events: SoftphoneSecurityEvent[] = []
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
    referDirectory: () => ('directory' in options ? options.directory : directory),
    onSecurityEvent: (event) => events.push(event),
  })
  phones.push(phone)
  await phone.start()
  await until(phone, (s) => s.registration === 'registered')
  return { wire, phone, events, entries }
}

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

/** `from` calls medewerker1, who answers; the far end ACKs. */
async function answeredCallFrom(wire: SipWire, phone: Softphone, from: string, extraHeaders: string[] = []) {
  const dialog = new InboundDialog(
    wire,
    { user: from, domain: DOMAIN },
    { user: 'medewerker1', domain: DOMAIN },
    extraHeaders,
  )
  dialog.invite()
  await until(phone, (s) => s.call?.state === 'ringing')
  await phone.answer()
  await dialog.ackAnswer()
  await until(phone, (s) => s.call?.state === 'active')
  return dialog
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

describe('an incoming REFER on an agent’s phone', () => {
  it('refuses a guest’s REFER with 403, dials nothing, and reports it without personal data', async () => {
    const { wire, phone, events, entries } = await phoneOnWire()
    const dialog = await answeredCallFrom(wire, phone, 'burger')
    const callId = phone.getSnapshot().call!.id

    const response = await dialog.refer(
      `<sip:medewerker3@${DOMAIN}?Replaces=x%0D%0AX-KCC-Klantcontact%3A%2026000002>`,
      ['Referred-By: <sip:burger@kcc.test>'],
    )
    await settle()

    expect(statusOf(response)).toBe(403)
    expect(wire.requests('INVITE')).toEqual([])
    expect(phone.getSnapshot().call).toMatchObject({ id: callId, state: 'active', remoteNumber: 'burger' })
    expect(events).toEqual([{ kind: 'refer-refused', callId }])
    const warning = entries.find((e) => e.level === 'warn' && e.message === 'REFER refused')
    expect(warning?.fields).toEqual({ reason: 'not-from-colleague', callId })
    expect(JSON.stringify(entries)).not.toMatch(/burger|medewerker3|26000002/)
  })

  it('refuses a plain REFER from a caller who merely calls themselves a colleague', async () => {
    const { wire, phone, events } = await phoneOnWire()
    const dialog = await answeredCallFrom(wire, phone, 'medewerker2')
    expect(phone.getSnapshot().call?.assertedCaller).toBeUndefined()

    const response = await dialog.refer(`<sip:medewerker3@${DOMAIN}>`)
    await settle()

    expect(statusOf(response)).toBe(403)
    expect(wire.requests('INVITE')).toEqual([])
    expect(events).toHaveLength(1)
  })

  it('refuses a colleague’s REFER on a call with someone else, to a target outside the directory, or with embedded headers', async () => {
    const { wire, phone, events } = await phoneOnWire()
    // A guest's call; the REFER asserts a colleague (it cannot be this call's other party).
    const guest = await answeredCallFrom(wire, phone, 'burger')
    expect(statusOf(await guest.refer(`<sip:medewerker3@${DOMAIN}>`, [PAI('medewerker2')]))).toBe(403)
    guest.bye()
    await until(phone, (s) => s.call?.state === 'ended')

    const colleague = await answeredCallFrom(wire, phone, 'medewerker2', [PAI('medewerker2')])
    for (const referTo of [
      `<sip:0612345678@${DOMAIN}>`,
      `<sip:medewerker3@elders.example>`,
      `<sip:medewerker3@${DOMAIN}?X-KCC-Klantcontact=26000002>`,
      `<sip:medewerker3@${DOMAIN}?Replaces=x%0D%0AX-KCC-Klantcontact%3A%2026000002>`,
      `<sip:medewerker1@${DOMAIN}>`,
    ]) {
      expect(statusOf(await colleague.refer(referTo, [PAI('medewerker2')]))).toBe(403)
    }
    await settle()
    expect(wire.requests('INVITE')).toEqual([])
    expect(events).toHaveLength(6)
    expect(phone.getSnapshot().call).toMatchObject({ state: 'active', assertedCaller: 'medewerker2' })
  })

  it('refuses every REFER while the directory is not loaded', async () => {
    const { wire, phone } = await phoneOnWire({ directory: undefined })
    const colleague = await answeredCallFrom(wire, phone, 'medewerker2', [PAI('medewerker2')])
    expect(statusOf(await colleague.refer(`<sip:medewerker3@${DOMAIN}>`, [PAI('medewerker2')]))).toBe(403)
  })

  it('follows the colleague on the call to a colleague in the directory, as a call the agent sees', async () => {
    const { wire, phone, events } = await phoneOnWire()
    const colleague = await answeredCallFrom(wire, phone, 'medewerker2', [PAI('medewerker2')])
    const before = phone.getSnapshot().call!

    const response = await colleague.refer(
      `"Medewerker 3" <sip:medewerker3@${DOMAIN}?Replaces=abc%40pc3%3Bto-tag%3Dt3%3Bfrom-tag%3Df3>`,
      [PAI('medewerker2'), 'Referred-By: <sip:iemand@elders.example>'],
    )

    expect(statusOf(response)).toBe(202)
    const invite = await wire.waitFor((m) => m.startsWith('INVITE '))
    expect(invite.split('\r\n')[0]).toBe(`INVITE sip:medewerker3@${DOMAIN} SIP/2.0`)
    expect(header(invite, 'Replaces')).toBe('abc@pc3;to-tag=t3;from-tag=f3')
    expect(header(invite, 'Referred-By')).toBe(`<sip:medewerker2@${DOMAIN}>`)
    expect(invite).not.toMatch(/X-KCC|elders\.example/)
    const now = phone.getSnapshot().call!
    expect(now).toMatchObject({ direction: 'outbound', remoteNumber: 'medewerker3', state: 'connecting' })
    expect(now.id).not.toBe(before.id)
    expect(events).toEqual([])
    // Visible means the agent can end it, as any call.
    await phone.hangup()
    await wire.waitFor((m) => m.startsWith('CANCEL '))
  })
})
