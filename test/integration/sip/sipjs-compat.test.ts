import type { Invitation } from 'sip.js'
import { afterEach, describe, expect, it } from 'vitest'
import { call, established, sipJsAgent, terminated, type SipJsAgent } from '../../support/sip-sipjs'
import { SIP_DOMAIN, sipFixture, type SipFixture } from '../../support/sip-servers'
import { bothSipServers, sipServerForSuite } from '../../support/sip-suite'

// The agents' softphones run sip.js 0.21.2. This drives real sip.js signalling (in Node, with a
// fixed SDP instead of WebRTC) through the whole warm-transfer flow from docs/telephony.md against
// both servers. On the embedded server the customer is a guest (the demo caller page); Kamailio has
// no guests, so there the customer is an authenticated account.
const fixture: SipFixture = sipFixture(['agent1', 'agent2', 'klant'], { vergunningen: ['agent1'] })
const KCC = '23009182'
const UUI = '043233303039313832;encoding=hex;purpose=isdn-uui;content=isdn-uui'

describe.each(bothSipServers)('sip.js 0.21 against the $name', ({ kind }) => {
  const server = sipServerForSuite(kind, fixture, { embedded: { guests: ['burger'] } })
  const customer = kind === 'embedded' ? 'burger' : 'klant'
  const agents: SipJsAgent[] = []
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()))
  })
  const agent = async (user: string, register: boolean): Promise<SipJsAgent> => {
    const a = await sipJsAgent({
      url: server().url,
      domain: SIP_DOMAIN,
      user,
      ...fixture.credentials[user],
    })
    agents.push(a)
    if (register) {
      await a.register()
    }
    return a
  }

  it('carries a group call, hold, a consult call with the klantcontactnummer and an attended transfer', async () => {
    const agent1 = await agent('agent1', true)
    const agent2 = await agent('agent2', true)
    const klant = await agent(customer, false)

    // The customer calls the afdeling; agent1 answers.
    const customerLeg = await call(klant, `sip:vergunningen@${SIP_DOMAIN}`)
    const atAgent1 = await agent1.nextInvitation()
    await agent1.acked(atAgent1)

    // agent1 puts the customer on hold (re-INVITE, sendonly).
    atAgent1.sessionDescriptionHandlerOptionsReInvite = { hold: true } as never
    const hold = await new Promise<number>((resolve) => {
      void atAgent1.invite({
        requestDelegate: {
          onAccept: (r) => resolve(r.message.statusCode ?? 0),
          onReject: (r) => resolve(r.message.statusCode ?? 0),
        },
      })
    })

    // agent1 consults agent2 with the klantcontactnummer.
    const consult = await call(agent1, `sip:agent2@${SIP_DOMAIN}`, [
      `X-KCC-Klantcontact: ${KCC}`,
      `User-to-User: ${UUI}`,
    ])
    const consultAtAgent2 = await agent2.nextInvitation()

    // Attended transfer: REFER with Replaces; the customer's INVITE replaces the consult call.
    const notified = new Promise<string>((resolve) => {
      void atAgent1.refer(consult, {
        requestDelegate: { onReject: (r) => resolve(`REFER rejected ${r.message.statusCode}`) },
        onNotify: (notification) => {
          void notification.accept()
          if (/^SIP\/2\.0 2\d\d/.test(notification.request.body)) {
            resolve('2xx')
          }
        },
      })
    })
    const transferred: Invitation = await agent2.nextInvitation()
    expect(await notified).toBe('2xx')
    await atAgent1.bye()
    await terminated(consult)

    expect(hold).toBe(200)
    expect(consultAtAgent2.request.getHeader('X-KCC-Klantcontact')).toBe(KCC)
    expect(consultAtAgent2.request.getHeader('User-to-User')).toBe(UUI)
    expect(transferred.replacee).toBe(consultAtAgent2)
    expect(transferred.request.getHeader('X-KCC-Klantcontact')).toBeUndefined()
    await established(transferred)
    // agent1 has no call left: its customer leg ended with its BYE, its consult leg with agent2's.
    await terminated(atAgent1)
    await terminated(customerLeg)
  })
})
