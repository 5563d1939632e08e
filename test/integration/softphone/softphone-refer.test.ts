import { URI, type Inviter } from 'sip.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { ReferDirectory } from '../../../renderer/src/softphone/transfer/incoming-refer'
import type { SoftphoneSecurityEvent } from '../../../renderer/src/softphone/types'
import {
  SIP_DOMAIN,
  sipFixture,
  startEmbedded,
  startKamailio,
  type RunningSipServer,
} from '../../support/sip-servers'
import { call, sipJsAgent, type SipJsAgent } from '../../support/sip-sipjs'
import { until, wireTap, type WireTap } from './harness'
import { transferRig, type TestPhone } from './transfer-rig'

// Who may make an agent's phone dial (docs/agent-app.md, "Incoming REFER"), against both real SIP
// servers: they assert the identity of agents only (P-Asserted-Identity), and the phone trusts that
// and nothing a caller writes. The guest is `burger` on both.
const fixture = sipFixture(['medewerker1', 'medewerker2', 'medewerker3'], {}, ['burger'])
const AGENTS = ['medewerker1', 'medewerker2', 'medewerker3']
const directory: ReferDirectory = {
  isColleague: (user) => AGENTS.includes(user),
  isTarget: (user) => AGENTS.includes(user),
}

/** A Refer-To written exactly as given (sip.js writes `uri.toString()` into the REFER). */
class RawReferTo extends URI {
  constructor(private readonly text: string) {
    super('sip', 'medewerker3', SIP_DOMAIN)
  }
  override toString(): string {
    return this.text
  }
}

/** Sends a REFER on `leg`; resolves with the final status. */
function refer(leg: Inviter, referTo: URI): Promise<number> {
  return new Promise((resolve, reject) => {
    leg
      .refer(referTo, {
        requestDelegate: {
          onAccept: (response) => resolve(response.message.statusCode ?? 0),
          onReject: (response) => resolve(response.message.statusCode ?? 0),
        },
      })
      .catch(reject)
  })
}

describe.each([
  { name: 'embedded SIP server', start: () => startEmbedded(fixture) },
  { name: 'Kamailio (deploy/kamailio)', start: () => startKamailio(fixture) },
])('incoming REFER on an agent phone, against the $name', ({ start }) => {
  let server: RunningSipServer | undefined
  let tap: WireTap | undefined
  const rig = transferRig(() => server!.url, fixture)
  const guests: SipJsAgent[] = []

  const agentPhone = async (extension: string, events: SoftphoneSecurityEvent[] = []): Promise<TestPhone> =>
    rig.phone(extension, { referDirectory: () => directory, onSecurityEvent: (e) => events.push(e) })

  const guest = async (): Promise<SipJsAgent> => {
    const agent = await sipJsAgent({
      url: server!.url,
      domain: SIP_DOMAIN,
      user: 'burger',
      password: fixture.guests!['burger'],
    })
    guests.push(agent)
    return agent
  }

  beforeAll(async () => {
    ;(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket
    server = await start()
  })
  afterEach(async () => {
    await Promise.all(guests.splice(0).map((g) => g.stop()))
    await rig.cleanUp()
    await tap?.close()
    tap = undefined
  })
  afterAll(async () => {
    await server?.close()
  })

  it('never dials for a guest’s REFER', async () => {
    tap = await wireTap(server!.url)
    const a = await rig.phone('medewerker1', { websocketUrl: tap.url, referDirectory: () => directory })
    const c = await agentPhone('medewerker3')
    const caller = await guest()
    const calling = call(caller, `sip:medewerker1@${SIP_DOMAIN}`)
    const ringing = await until(a.phone, (s) => s.call?.state === 'ringing')
    expect(ringing.call?.assertedCaller).toBeUndefined()
    await a.phone.answer()
    const leg = await calling
    await until(a.phone, (s) => s.call?.state === 'active')

    // The REFER of the finding: both servers already refuse a Refer-To with an encoded CR/LF.
    const smuggling = await refer(
      leg,
      new RawReferTo(`<sip:medewerker3@${SIP_DOMAIN}?Replaces=x%0D%0AX-KCC-Klantcontact%3A%2026000002>`),
    )
    // A well-formed one: refused by the server or, where it passes, by the phone (403 either way).
    const plain = await refer(leg, new RawReferTo(`<sip:medewerker3@${SIP_DOMAIN}>`))
    await new Promise((resolve) => setTimeout(resolve, 1_000))

    expect(smuggling).toBeGreaterThanOrEqual(400)
    expect(plain).toBe(403)
    expect(tap.sent.filter((m) => m.startsWith('INVITE '))).toEqual([])
    expect(c.phone.getSnapshot().call).toBeNull()
    // The agent still has the guest's call, and only that.
    expect(a.phone.getSnapshot().call).toMatchObject({ id: ringing.call!.id, state: 'active' })
    await leg.bye()
    await until(a.phone, (s) => s.call?.state === 'ended')
  })

  it('refuses, and reports, a colleague’s REFER to a target outside the directory', async () => {
    const events: SoftphoneSecurityEvent[] = []
    const a = await agentPhone('medewerker1', events)
    const b = await agentPhone('medewerker2')
    await b.phone.call('medewerker1')
    const ringing = await until(a.phone, (s) => s.call?.state === 'ringing')
    await a.phone.answer()
    await until(b.phone, (s) => s.call?.state === 'active')

    const transfer = await b.phone.blindTransfer('0612345678')

    expect(transfer).toMatchObject({ state: 'failed' })
    expect(events).toEqual([{ kind: 'refer-refused', callId: ringing.call!.id }])
    expect(a.phone.getSnapshot().call).toMatchObject({ id: ringing.call!.id, state: 'active' })
    await b.phone.hangup()
    await until(a.phone, (s) => s.call?.state === 'ended')
  })

  it('follows a colleague passing the agent on, as a call the agent sees and can end', async () => {
    const events: SoftphoneSecurityEvent[] = []
    const a = await agentPhone('medewerker1', events)
    const b = await agentPhone('medewerker2')
    const c = await agentPhone('medewerker3')
    await b.phone.call('medewerker1')
    const ringing = await until(a.phone, (s) => s.call?.state === 'ringing')
    // The server asserted who calls; that, not the From, is what the phone decides on.
    expect(ringing.call).toMatchObject({ remoteNumber: 'medewerker2', assertedCaller: 'medewerker2' })
    await a.phone.answer()
    await until(b.phone, (s) => s.call?.state === 'active')

    const transferring = b.phone.blindTransfer('medewerker3')
    const atC = await until(c.phone, (s) => s.call?.state === 'ringing')
    expect(atC.call).toMatchObject({ remoteNumber: 'medewerker1', assertedCaller: 'medewerker1' })
    const atA = await until(a.phone, (s) => s.call?.id !== ringing.call!.id)
    expect(atA.call).toMatchObject({ direction: 'outbound', remoteNumber: 'medewerker3' })
    await c.phone.answer()
    expect(await transferring).toMatchObject({ state: 'completed' })
    await until(a.phone, (s) => s.call?.state === 'active')
    expect(events).toEqual([])

    await a.phone.hangup()
    await until(c.phone, (s) => s.call?.state === 'ended')
  })
})
