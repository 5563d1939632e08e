import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { TransferSnapshot } from '../../../renderer/src/softphone/types'
import { sipFixture, startEmbedded, startKamailio, type RunningSipServer } from '../../support/sip-servers'
import { established, terminated } from '../../support/sip-sipjs'
import { until } from './harness'
import { NUMMER, transferRig } from './transfer-rig'

// Transfers between two Softphones in Node (warm and blind), the customer a sip.js client that
// follows REFERs (test/support/sip-transferee.ts); see transfer-rig.ts. The same tests run against
// the embedded server and Kamailio. On the embedded server the customer of a warm transfer is the
// guest `burger` (the demo caller page); Kamailio has no guests, and a blind transfer needs an
// account too (the embedded server strips klantcontact headers from guests), so there the customer
// is the account `klant`.
const fixture = sipFixture(['medewerker1', 'medewerker2', 'klant'], {})

describe.each([
  {
    name: 'embedded SIP server',
    start: () => startEmbedded(fixture, { guests: ['burger'] }),
    caller: 'burger',
  },
  { name: 'Kamailio (deploy/kamailio)', start: () => startKamailio(fixture), caller: 'klant' },
])('Softphone transfers against the $name', ({ start, caller }) => {
  let server: RunningSipServer | undefined
  const rig = transferRig(() => server!.url, fixture)
  const testPhone = (extension: string) => rig.phone(extension)
  const customerCalls = (a: Parameters<typeof rig.customerCalls>[0], user = caller) =>
    rig.customerCalls(a, user)
  const { consultAnswered } = rig

  beforeAll(async () => {
    ;(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket
    server = await start()
  })
  afterEach(() => rig.cleanUp())
  afterAll(async () => {
    await server?.close()
  })

  it('hands the customer to the colleague on a warm transfer, with the klantcontactnummer', async () => {
    const a = await testPhone('medewerker1')
    const b = await testPhone('medewerker2')
    const { leg, transferee } = await customerCalls(a)
    const customerCallId = a.phone.getSnapshot().call!.sipCallId

    await a.phone.startConsult('medewerker2', { klantcontactnummer: NUMMER })
    expect(a.phone.getSnapshot().call).toMatchObject({ sipCallId: customerCallId, state: 'on_hold' })
    expect(a.phone.getSnapshot().transfer).toMatchObject({
      kind: 'warm',
      state: 'consulting',
      target: 'medewerker2',
      klantcontactnummer: NUMMER,
    })
    const ringing = await until(b.phone, (s) => s.call?.state === 'ringing')
    expect(ringing.call).toMatchObject({
      direction: 'inbound',
      remoteNumber: 'medewerker1',
      klantcontactnummer: NUMMER,
    })
    await b.phone.answer()
    const consulting = await until(a.phone, (s) => s.consult?.state === 'active')
    expect(consulting.consult).toMatchObject({ direction: 'outbound', remoteNumber: 'medewerker2' })
    // The agent hears the colleague now, not the customer on hold.
    expect(a.speaker.srcObject).toBe(a.media[1]!.remoteMediaStream)

    const done = await a.phone.completeTransfer()

    expect(done).toMatchObject({ kind: 'warm', state: 'completed', klantcontactnummer: NUMMER })
    expect(done.referSentAt).toBeLessThanOrEqual(done.notifyOkAt!)
    const atB = await until(b.phone, (s) => s.call?.sipCallId !== ringing.call!.sipCallId)
    expect(atB.call).toMatchObject({
      direction: 'inbound',
      remoteNumber: caller,
      klantcontactnummer: NUMMER,
      replacedSipCallId: ringing.call!.sipCallId,
    })
    const transferred = await until(b.phone, (s) => s.call?.state === 'active')
    // Taken over without ringing: the consult call ended, the customer's call went straight on.
    const states = b.seen.filter((s) => s.call?.id === atB.call!.id).map((s) => s.call!.state)
    expect(states).not.toContain('ringing')
    expect(b.seen.some((s) => s.call?.id === ringing.call!.id && s.call.state === 'ended')).toBe(true)
    expect(transferred.call?.answeredAt).toBeTypeOf('number')
    expect(b.speaker.srcObject).toBe(b.media.at(-1)!.remoteMediaStream)

    // The agent has no call left; the customer talks to the colleague on a new leg.
    const atA = await until(a.phone, (s) => s.call?.state === 'ended' && s.consult?.state === 'ended')
    expect(atA.transfer?.state).toBe('completed')
    const newLeg = await transferee.nextReferred()
    await established(newLeg)
    await terminated(leg)

    await newLeg.bye()
    await until(b.phone, (s) => s.call?.state === 'ended')
  })

  it('takes the agent back to the customer when the consult is cancelled', async () => {
    const a = await testPhone('medewerker1')
    const b = await testPhone('medewerker2')
    await customerCalls(a)
    await consultAnswered(a, b)

    await a.phone.cancelConsult()

    expect(a.phone.getSnapshot().call).toMatchObject({ state: 'active', held: false })
    expect(a.phone.getSnapshot().transfer?.state).toBe('cancelled')
    await until(b.phone, (s) => s.call?.state === 'ended')
    await until(a.phone, (s) => s.consult?.state === 'ended')
    expect(a.speaker.srcObject).toBe(a.media[0]!.remoteMediaStream)
    await a.phone.hangup()
  })

  it('refuses to complete while the consult still rings, and cancels it', async () => {
    const a = await testPhone('medewerker1')
    const b = await testPhone('medewerker2')
    await customerCalls(a)
    await a.phone.startConsult('medewerker2')
    await until(b.phone, (s) => s.call?.state === 'ringing')

    await expect(a.phone.completeTransfer()).rejects.toThrow('has not answered')
    expect(a.phone.getSnapshot().transfer?.state).toBe('consulting')

    await a.phone.cancelConsult()
    await until(b.phone, (s) => s.call?.state === 'ended')
    expect(a.phone.getSnapshot().call).toMatchObject({ state: 'active', held: false })
    expect(a.phone.getSnapshot().transfer?.state).toBe('cancelled')
  })

  it('fails as declined and resumes the customer when the colleague declines the consult', async () => {
    const a = await testPhone('medewerker1')
    const b = await testPhone('medewerker2')
    await customerCalls(a)
    await a.phone.startConsult('medewerker2', { klantcontactnummer: NUMMER })
    await until(b.phone, (s) => s.call?.state === 'ringing')

    await b.phone.decline()

    const back = await until(a.phone, (s) => s.transfer?.state === 'failed' && s.call?.state === 'active')
    expect(back.transfer).toMatchObject({ reason: 'declined' })
    expect(back.consult?.state).toBe('ended')
    expect(back.call?.held).toBe(false)
    await a.phone.hangup()
  })

  it('fails as busy when the colleague is already in a call', async () => {
    const a = await testPhone('medewerker1')
    const b = await testPhone('medewerker2')
    const other = await rig.client('klant')
    await other.register()
    await b.phone.call('klant')
    await until(b.phone, (s) => s.call?.state === 'active')
    await customerCalls(a)

    await a.phone.startConsult('medewerker2')

    const back = await until(a.phone, (s) => s.transfer?.state === 'failed' && s.call?.state === 'active')
    expect(back.transfer?.reason).toBe('busy')
  })

  it('fails and goes back to the customer when the customer refuses the REFER', async () => {
    const a = await testPhone('medewerker1')
    const b = await testPhone('medewerker2')
    await rig.customerCalls(a, caller, { rejectWith: 603 })
    await consultAnswered(a, b)

    const done = await a.phone.completeTransfer()

    expect(done).toMatchObject({ state: 'failed', reason: 'failed' })
    await until(a.phone, (s) => s.call?.state === 'active' && s.consult?.state === 'ended')
    await until(b.phone, (s) => s.call?.state === 'ended')
  })

  it('hangs up the consult when the customer hangs up during it', async () => {
    const a = await testPhone('medewerker1')
    const b = await testPhone('medewerker2')
    const { leg } = await customerCalls(a)
    await consultAnswered(a, b)

    await leg.bye()

    const after = await until(a.phone, (s) => s.call?.state === 'ended' && s.consult?.state === 'ended')
    expect(after.transfer).toMatchObject({ state: 'failed', reason: 'customer_hung_up' })
    await until(b.phone, (s) => s.call?.state === 'ended')
  })

  it('transfers blind, freeing the agent at the 202, the nummer riding in the Refer-To', async () => {
    // An account, not a guest: the embedded server strips klantcontact headers from guests' requests.
    const a = await testPhone('medewerker1')
    const b = await testPhone('medewerker2')
    const { leg, transferee } = await customerCalls(a, 'klant')

    const done = await a.phone.blindTransfer('medewerker2', { klantcontactnummer: NUMMER })

    // Done for the agent once the customer's phone accepted the REFER, before the colleague answers.
    expect(done).toMatchObject({ kind: 'blind', state: 'completed', target: 'medewerker2' })
    expect(done.notifyOkAt).toBeUndefined()
    await until(a.phone, (s) => s.call?.state === 'ended')
    await terminated(leg)
    const ringing = await until(b.phone, (s) => s.call?.state === 'ringing')
    expect(ringing.call).toMatchObject({ remoteNumber: 'klant', klantcontactnummer: NUMMER })
    await b.phone.answer()
    await established(await transferee.nextReferred())
    await until(b.phone, (s) => s.call?.state === 'active')
  })

  it('refuses a blind transfer with a nummer that is not digits, before sending anything', async () => {
    const a = await testPhone('medewerker1')
    await customerCalls(a)

    await expect(a.phone.blindTransfer('medewerker2', { klantcontactnummer: '26&x=1' })).rejects.toThrow(
      RangeError,
    )
    await expect(a.phone.startConsult('medewerker2', { klantcontactnummer: '2600\r\n1' })).rejects.toThrow(
      RangeError,
    )
    expect(a.phone.getSnapshot().transfer).toBeNull()
    expect(a.phone.getSnapshot().call?.state).toBe('active')
  })

  it('completes 20 warm transfers in a row', async () => {
    const a = await testPhone('medewerker1')
    const b = await testPhone('medewerker2')
    const outcomes: TransferSnapshot[] = []
    for (let i = 0; i < 20; i++) {
      const { transferee } = await customerCalls(a)
      await consultAnswered(a, b)
      outcomes.push(await a.phone.completeTransfer())
      await until(a.phone, (s) => s.call?.state === 'ended' && s.consult?.state === 'ended')
      await until(b.phone, (s) => s.call?.state === 'active' && s.call.replacedSipCallId !== undefined)
      const newLeg = await transferee.nextReferred()
      await newLeg.bye()
      await until(b.phone, (s) => s.call?.state === 'ended')
    }
    expect(outcomes.map((t) => t.state)).toEqual(Array(20).fill('completed'))
    const ms = outcomes.map((t) => t.notifyOkAt! - t.referSentAt!).sort((x, y) => x - y)
    expect(ms.every((m) => m >= 0)).toBe(true)
    if (process.env['KCC_TRANSFER_TIMINGS']) {
      process.stderr.write(`REFER→NOTIFY 200 (${server!.kind}) ms: ${ms.join(', ')}\n`)
    }
  })
})
