import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { sipFixture, startEmbedded, type RunningSipServer } from '../../support/sip-servers'
import { established, terminated } from '../../support/sip-sipjs'
import { until } from './harness'
import { NUMMER, transferRig } from './transfer-rig'

// Transfers at their edges (softphone-transfer.test.ts has the main flows on both servers), on the
// embedded server, which can show what Kamailio cannot here: a short ring timeout, and guests whose
// klantcontact headers it strips.
const fixture = sipFixture(['medewerker1', 'medewerker2', 'klant'], {})

describe('Softphone transfers against the embedded SIP server, with a 1 s ring timeout', () => {
  let server: RunningSipServer | undefined
  const rig = transferRig(() => server!.url, fixture)

  beforeAll(async () => {
    ;(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket
    server = await startEmbedded(fixture, { guests: ['burger'], limits: { ringTimeoutSeconds: 1 } })
  })
  afterEach(() => rig.cleanUp())
  afterAll(async () => {
    await server?.close()
  })

  it('fails as no answer when the colleague lets the consult ring out, and resumes the customer', async () => {
    const a = await rig.phone('medewerker1')
    const b = await rig.phone('medewerker2')
    await rig.customerCalls(a, 'burger')

    await a.phone.startConsult('medewerker2', { klantcontactnummer: NUMMER })
    await until(b.phone, (s) => s.call?.state === 'ringing')

    const back = await until(a.phone, (s) => s.transfer?.state === 'failed' && s.call?.state === 'active')
    expect(back.transfer?.reason).toBe('no_answer')
    await until(b.phone, (s) => s.call?.state === 'ended')
  })

  it('cancels the transfer and hangs up the consult when the agent hangs up the customer', async () => {
    const a = await rig.phone('medewerker1')
    const b = await rig.phone('medewerker2')
    const { leg } = await rig.customerCalls(a, 'burger')
    await rig.consultAnswered(a, b)

    await a.phone.hangup()

    await terminated(leg)
    const after = await until(a.phone, (s) => s.call?.state === 'ended' && s.consult?.state === 'ended')
    expect(after.transfer?.state).toBe('cancelled')
    await until(b.phone, (s) => s.call?.state === 'ended')
  })

  it('refuses hold and resume while the transfer holds the customer itself', async () => {
    const a = await rig.phone('medewerker1')
    const b = await rig.phone('medewerker2')
    await rig.customerCalls(a, 'burger')
    await rig.consultAnswered(a, b)

    await expect(a.phone.resume()).rejects.toThrow('the transfer holds and resumes')
    await expect(a.phone.startConsult('medewerker2')).rejects.toThrow('already under way')
    await expect(a.phone.call('medewerker2')).rejects.toThrow('already in a call')

    await a.phone.cancelConsult()
    expect(a.phone.getSnapshot().call?.state).toBe('active')
  })

  it('mutes the agent on the consult as on the customer call', async () => {
    const a = await rig.phone('medewerker1')
    const b = await rig.phone('medewerker2')
    await rig.customerCalls(a, 'burger')
    await rig.consultAnswered(a, b)

    a.phone.mute(true)

    expect(a.phone.getSnapshot().call?.muted).toBe(true)
    expect(a.phone.getSnapshot().consult?.muted).toBe(true)
    expect(a.media[1]!.sender!.track!.enabled).toBe(false)
    a.phone.mute(false)
    expect(a.media[1]!.sender!.track!.enabled).toBe(true)
    await a.phone.cancelConsult()
  })

  it('completes a blind transfer at the 202 when the transferee never sends a NOTIFY', async () => {
    const a = await rig.phone('medewerker1')
    const b = await rig.phone('medewerker2')
    const { leg, transferee } = await rig.customerCalls(a, 'klant', { silent: true })

    const done = await a.phone.blindTransfer('medewerker2', { klantcontactnummer: NUMMER })

    expect(done).toMatchObject({ kind: 'blind', state: 'completed' })
    expect(done.referSentAt).toBeTypeOf('number')
    expect(done.notifyOkAt).toBeUndefined()
    await terminated(leg)
    const ringing = await until(b.phone, (s) => s.call?.state === 'ringing')
    expect(ringing.call?.klantcontactnummer).toBe(NUMMER)
    await b.phone.answer()
    await established(await transferee.nextReferred())
  })

  it("carries the nummer of a guest's blind transfer: the server puts back what the agent's REFER named", async () => {
    const a = await rig.phone('medewerker1')
    const b = await rig.phone('medewerker2')
    await rig.customerCalls(a, 'burger')

    const transferring = a.phone.blindTransfer('medewerker2', { klantcontactnummer: NUMMER })
    const ringing = await until(b.phone, (s) => s.call?.state === 'ringing')
    expect(ringing.call).toMatchObject({ remoteNumber: 'burger' })
    // Guests' own X-KCC-* headers are stripped; this one the server inserted for medewerker1's REFER.
    expect(ringing.call?.klantcontactnummer).toBe(NUMMER)
    expect(ringing.call?.assertedCaller).toBeUndefined()
    await b.phone.answer()
    expect(await transferring).toMatchObject({ state: 'completed' })
  })
})
