import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KamailioQueueAdapter } from '../../../server/gateway/queue/kamailio/adapter'
import { startGateway, type TestGateway } from '../../support/gateway'
import { connectAdapter, dial, startQueueKamailio, type QueueKamailio } from '../../support/kamailio-queue'
import { SipTestClient } from '../../support/sip-client'
import { Dialog } from '../../support/sip-dialog'
import { sipFixture, type SipLogin } from '../../support/sip-servers'
import { waitUntil } from '../../support/wait'

// The real gateway's queue (server/gateway/queue/) behind Kamailio's queue (deploy/kamailio/queue.cfg)
// through the evapi adapter, on KCC_DB_ENGINE's engine: the afdeling KCC of config/kcc.demo.json,
// whose agents' states come from the live hub as the agent app sends them.
const fixture = sipFixture(
  ['medewerker1', 'medewerker3', 'supervisor'],
  { kcc: ['medewerker1', 'medewerker3', 'supervisor'] },
  ['burger'],
)

let tg: TestGateway
let kamailio: QueueKamailio
let adapter: KamailioQueueAdapter
let phones: Record<'medewerker1' | 'medewerker3' | 'supervisor', SipTestClient>
let caller: SipTestClient

beforeAll(async () => {
  tg = await startGateway()
  kamailio = await startQueueKamailio(fixture)
  const client = (user: string, credentials: SipLogin): Promise<SipTestClient> =>
    SipTestClient.connect({ url: kamailio.sip.url, domain: fixture.domain, user, ...credentials })
  phones = {
    medewerker1: await client('medewerker1', fixture.credentials['medewerker1']!),
    medewerker3: await client('medewerker3', fixture.credentials['medewerker3']!),
    supervisor: await client('supervisor', fixture.credentials['supervisor']!),
  }
  for (const phone of Object.values(phones)) {
    expect((await phone.register()).status).toBe(200)
  }
  caller = await client('burger', { password: fixture.guests!['burger']! })
  adapter = await connectAdapter(kamailio.evapiPort, tg.gateway.queue)
})

afterAll(async () => {
  await adapter?.close()
  await Promise.all([caller, ...Object.values(phones ?? {})].filter(Boolean).map((c) => c.close()))
  await kamailio?.sip.close()
  await tg?.close()
})

/** As the agent app reports a state; on the PostgreSQL hub it arrives by notification, so wait. */
async function setState(login: string, state: 'beschikbaar' | 'pauze' | 'nawerk'): Promise<void> {
  const hub = tg.gateway.live.hub
  await hub.publish({ type: 'agent.state', login, afdeling: 'kcc', state })
  await waitUntil(() => hub.agent(login)?.state === state, `${login} is ${state}`)
}

const invitesTo = (phone: SipTestClient): number =>
  phone.received.filter((r) => r.message.method === 'INVITE').length

describe("the gateway's queue over Kamailio evapi", () => {
  it('rings the Beschikbaar agent of the afdeling, never the one on Pauze, and the caller is connected', async () => {
    await setState('medewerker3', 'pauze')
    await setState('medewerker1', 'beschikbaar')

    const call = await dial(caller, `sip:kcc@${fixture.domain}`)
    const { message: invite } = await phones.medewerker1.nextRequest('INVITE', { timeoutMs: 15_000 })
    phones.medewerker1.answer(invite)
    const { final, provisional } = await call.result

    expect(final.status).toBe(200)
    expect(provisional.map((p) => `${p.status} ${p.reason}`)).toContain('182 Queued')
    expect(invitesTo(phones.medewerker3)).toBe(0)
    expect(invitesTo(phones.supervisor)).toBe(0)
    const dialog = Dialog.fromUac(caller, call.invite, final)
    dialog.ack(call.invite.headers.cseq.seq)
    const bye = caller.transaction(dialog.build('BYE'))
    phones.medewerker1.respond((await phones.medewerker1.nextRequest('BYE')).message, 200)
    expect((await bye).final.status).toBe(200)
  })

  it('puts an agent who declines on Pauze and rings the next Beschikbaar one', async () => {
    const hub = tg.gateway.live.hub
    // The first test's agent is on Pauze now; the other two are Beschikbaar.
    await setState('medewerker1', 'pauze')
    await setState('medewerker3', 'beschikbaar')
    await setState('supervisor', 'beschikbaar')
    for (const phone of Object.values(phones)) {
      phone.received.splice(0)
    }
    // Whichever the queue offers the call first declines; the other answers.
    let decliner: SipTestClient | undefined
    const answerer = new Promise<SipTestClient>((resolve) => {
      for (const phone of [phones.medewerker3, phones.supervisor]) {
        void phone.nextRequest('INVITE', { timeoutMs: 15_000 }).then(
          (r) => {
            if (decliner === undefined) {
              decliner = phone
              phone.respond(r.message, 486, { reason: 'Busy Here' })
            } else {
              phone.answer(r.message)
              resolve(phone)
            }
          },
          () => undefined,
        )
      }
    })

    const call = await dial(caller, `sip:kcc@${fixture.domain}`)
    const other = await answerer
    const { final } = await call.result

    expect(final.status).toBe(200)
    expect(other).not.toBe(decliner)
    expect(invitesTo(phones.medewerker1)).toBe(0)
    // On the PostgreSQL hub the state arrives by notification: wait for it.
    await waitUntil(() => hub.agent(decliner!.options.user)?.state === 'pauze', 'the decliner is on Pauze')
    const dialog = Dialog.fromUac(caller, call.invite, final)
    dialog.ack(call.invite.headers.cseq.seq)
    const bye = caller.transaction(dialog.build('BYE'))
    other.respond((await other.nextRequest('BYE')).message, 200)
    expect((await bye).final.status).toBe(200)
  })
})
