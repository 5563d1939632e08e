import { describe, expect, it } from 'vitest'
import { QUEUE_REJECT_PHRASES, QUEUE_REJECT_STATUS } from '../../../../shared/sip/queue-responses'
import {
  setStates,
  terugbelverzoekKlantcontacten,
  type InterneTaak,
  type Klantcontact,
  type QueueHarness,
} from './overflow-harness'
import { nextEvent, until } from './support'

/**
 * The queue's overflow, no-answer and terugbelverzoek rules with real SIP clients, written once and
 * run against each SIP server (overflow-compose.test.ts, overflow-kamailio.test.ts): the gateway
 * decides, so both must behave alike.
 */

export function describeQueueOverflow(server: string, harness: () => QueueHarness): void {
  describe(`the queue's overflow and terugbelverzoek with ${server}`, () => {
    it('overflows a KCC caller nobody takes to a Beschikbaar Vergunningen agent, who answers', async () => {
      const h = harness()
      const medewerker1 = await h.agent('medewerker1')
      const medewerker2 = await h.agent('medewerker2')
      await setStates(h.hub, [
        ['medewerker3', 'kcc', 'offline'],
        ['supervisor', 'kcc', 'offline'],
        ['medewerker1', 'kcc', 'pauze'],
        ['medewerker2', 'vergunningen', 'beschikbaar'],
      ])
      const overflowed = nextEvent(h.hub, 'queue.left', (e) => e.afdeling === 'kcc')
      const answered = nextEvent(h.hub, 'queue.left', (e) => e.afdeling === 'vergunningen')

      const { result } = await h.dial(await h.caller(), `sip:kcc@${h.domain}`)
      const incoming = await medewerker2.nextRequest('INVITE', { timeoutMs: 15_000 })
      medewerker2.answer(incoming.message)
      const { final, provisional } = await result

      expect(provisional.map((r) => r.status)).toContain(182)
      expect(final.status).toBe(200)
      expect(await overflowed).toMatchObject({ outcome: 'overflowed' })
      expect(await answered).toMatchObject({ outcome: 'answered', withinServiceLevel: true })
      expect(medewerker1.received.filter((r) => r.message.method === 'INVITE')).toHaveLength(0)
    })

    it('registers a terugbelverzoek for the KCC when Vergunningen cannot take the overflowed caller either', async () => {
      const h = harness()
      await h.agent('medewerker1')
      await h.agent('medewerker2')
      await setStates(h.hub, [
        ['medewerker3', 'kcc', 'offline'],
        ['supervisor', 'kcc', 'offline'],
        ['medewerker1', 'kcc', 'pauze'],
        ['medewerker2', 'vergunningen', 'pauze'],
      ])
      const before = new Set((await terugbelverzoekKlantcontacten(h)).map((k) => k.uuid))
      const overflowed = nextEvent(h.hub, 'queue.left', (e) => e.afdeling === 'kcc')
      const timedOut = nextEvent(h.hub, 'queue.left', (e) => e.afdeling === 'vergunningen')
      const created = nextEvent(h.hub, 'terugbelverzoek.created')

      const { result } = await h.dial(await h.caller(), `sip:kcc@${h.domain}`)
      const { final } = await result

      expect(final.status).toBe(QUEUE_REJECT_STATUS)
      expect(final.reason).toBe(QUEUE_REJECT_PHRASES.terugbelverzoek)
      expect(await overflowed).toMatchObject({ outcome: 'overflowed' })
      expect(await timedOut).toMatchObject({ outcome: 'timeout' })
      // A terugbelverzoek goes to the afdeling the caller dialled (docs/queue.md), not the overflow's.
      expect((await created).afdeling).toBe('kcc')
      const added = (await terugbelverzoekKlantcontacten(h)).filter((k) => !before.has(k.uuid))
      expect(added).toHaveLength(1)
      expect(added[0]).toMatchObject({ kanaal: 'Telefoon', indicatieContactGelukt: false })
      expect(added[0]!.inhoud).toContain('Terugbelverzoek voor KCC.')
      expect(added[0]!.inhoud).toContain('De maximale wachttijd was bereikt.')
      const taken = await h.register<{ results: InterneTaak[] }>(
        `/internetaken?aanleidinggevendKlantcontact__uuid=${added[0]!.uuid}`,
      )
      expect(taken.results).toHaveLength(1)
      expect(taken.results[0]).toMatchObject({ gevraagdeHandeling: 'Terugbellen', status: 'te_verwerken' })
      const actor = await h.register<Record<string, unknown>>(
        `/actoren/${taken.results[0]!.toegewezenAanActoren[0]?.uuid}`,
      )
      expect(actor).toMatchObject({
        soortActor: 'organisatorische_eenheid',
        actoridentificator: expect.objectContaining({ objectId: 'kcc', codeObjecttype: 'afd' }),
      })
    })

    it('counts callers who hang up as abandoned, with a terugbelverzoek only after terugbelverzoekAfterSeconds', async () => {
      const h = harness()
      await h.agent('medewerker1')
      await setStates(h.hub, [
        ['medewerker3', 'kcc', 'offline'],
        ['supervisor', 'kcc', 'offline'],
        ['medewerker1', 'kcc', 'pauze'],
      ])
      const before = new Set((await terugbelverzoekKlantcontacten(h)).map((k) => k.uuid))

      // At once: before terugbelverzoekAfterSeconds (1 s).
      const quick = await h.caller()
      const quickWaiting = nextEvent(
        h.hub,
        'queue.changed',
        (e) => e.queue.afdeling === 'kcc' && e.queue.waiting === 1,
      )
      const quickLeft = nextEvent(h.hub, 'queue.left', (e) => e.afdeling === 'kcc')
      const quickCall = await h.dial(quick, `sip:kcc@${h.domain}`)
      const quickSince = Date.parse((await quickWaiting).queue.oldestSince!)
      await quick.cancel(quickCall.invite)
      expect((await quickCall.result).final.status).toBe(487)
      const quickOutcome = await quickLeft
      expect(quickOutcome).toMatchObject({ outcome: 'abandoned' })
      expect(quickOutcome.waitedMs).toBeLessThanOrEqual(1000)

      // After it (yet before the KCC's maximum wait of 6 s).
      const patient = await h.caller()
      const patientWaiting = nextEvent(
        h.hub,
        'queue.changed',
        (e) => e.queue.afdeling === 'kcc' && e.queue.waiting === 1,
      )
      const patientLeft = nextEvent(h.hub, 'queue.left', (e) => e.afdeling === 'kcc')
      const patientCall = await h.dial(patient, `sip:kcc@${h.domain}`)
      const since = Date.parse((await patientWaiting).queue.oldestSince!)
      await until(
        'the caller waited longer than terugbelverzoekAfterSeconds',
        () => Date.now() - since > 1500,
      )
      await patient.cancel(patientCall.invite)
      expect((await patientCall.result).final.status).toBe(487)
      const patientOutcome = await patientLeft
      expect(patientOutcome).toMatchObject({ outcome: 'abandoned' })
      expect(patientOutcome.waitedMs).toBeGreaterThan(1000)

      // A klantcontact is dated when its caller started waiting. The register takes terugbelverzoeken
      // in the order they were written, so a quick caller's would be there before the patient one's.
      const added = async (): Promise<Klantcontact[]> =>
        (await terugbelverzoekKlantcontacten(h)).filter((k) => !before.has(k.uuid))
      await until('the patient caller’s terugbelverzoek is in the register', async () =>
        (await added()).some((k) => Date.parse(k.plaatsgevondenOp) === since),
      )
      const dated = (await added()).map((k) => Date.parse(k.plaatsgevondenOp))
      expect(dated).not.toContain(quickSince)
      expect(dated).toEqual([since])
      expect((await added())[0]!.inhoud).toContain('De beller heeft zelf opgehangen.')
    })

    it('sets an agent who lets the call ring out to Pauze and rings the next longest-idle agent', async () => {
      const h = harness()
      const medewerker1 = await h.agent('medewerker1')
      const medewerker3 = await h.agent('medewerker3')
      await setStates(h.hub, [
        ['supervisor', 'kcc', 'offline'],
        ['medewerker3', 'kcc', 'beschikbaar'],
        ['medewerker1', 'kcc', 'beschikbaar'],
      ])
      const pauze = nextEvent(h.hub, 'agent.state', (e) => e.login === 'medewerker3' && e.state === 'pauze')
      const answered = nextEvent(h.hub, 'queue.left', (e) => e.afdeling === 'kcc')

      const { result } = await h.dial(await h.caller(), `sip:kcc@${h.domain}`)
      const first = await medewerker3.nextRequest('INVITE', { timeoutMs: 10_000 })
      medewerker3.respond(first.message, 180, { reason: 'Ringing' })
      // medewerker3 does not answer: the queue cancels after ringSeconds.
      await medewerker3.nextRequest('CANCEL', { timeoutMs: 10_000 })
      await pauze
      const second = await medewerker1.nextRequest('INVITE', { timeoutMs: 10_000 })
      medewerker1.answer(second.message)
      const { final } = await result

      expect(final.status).toBe(200)
      expect(await answered).toMatchObject({ outcome: 'answered' })
      expect(h.hub.agent('medewerker3')?.state).toBe('pauze')
    })

    it('cancels the ringing agent’s phone when the caller hangs up, and leaves the agent Beschikbaar', async () => {
      const h = harness()
      const medewerker3 = await h.agent('medewerker3')
      await setStates(h.hub, [
        ['supervisor', 'kcc', 'offline'],
        ['medewerker1', 'kcc', 'pauze'],
        ['medewerker3', 'kcc', 'beschikbaar'],
      ])
      const left = nextEvent(h.hub, 'queue.left', (e) => e.afdeling === 'kcc')

      const burger = await h.caller()
      const call = await h.dial(burger, `sip:kcc@${h.domain}`)
      const ringing = await medewerker3.nextRequest('INVITE', { timeoutMs: 10_000 })
      medewerker3.respond(ringing.message, 180, { reason: 'Ringing' })
      await burger.cancel(call.invite)
      const cancelled = await medewerker3.nextRequest('CANCEL', { timeoutMs: 10_000 })

      expect(cancelled.message.headers['call-id']).toBe(ringing.message.headers['call-id'])
      expect((await call.result).final.status).toBe(487)
      expect(await left).toMatchObject({ outcome: 'abandoned' })
      expect(h.hub.agent('medewerker3')?.state).toBe('beschikbaar')
    })

    it('overflows at once when nobody of the KCC is logged in', async () => {
      const h = harness()
      const medewerker2 = await h.agent('medewerker2')
      await setStates(h.hub, [
        ['medewerker1', 'kcc', 'offline'],
        ['medewerker3', 'kcc', 'offline'],
        ['supervisor', 'kcc', 'offline'],
        ['medewerker2', 'vergunningen', 'beschikbaar'],
      ])
      const overflowed = nextEvent(h.hub, 'queue.left', (e) => e.afdeling === 'kcc')
      const answered = nextEvent(h.hub, 'queue.left', (e) => e.afdeling === 'vergunningen')

      const { result } = await h.dial(await h.caller(), `sip:kcc@${h.domain}`)
      const first = await overflowed
      const incoming = await medewerker2.nextRequest('INVITE', { timeoutMs: 10_000 })
      medewerker2.answer(incoming.message)

      expect((await result).final.status).toBe(200)
      expect(first).toMatchObject({ outcome: 'overflowed' })
      // Not after the KCC's maximum wait of 6 s: at once.
      expect(first.waitedMs).toBeLessThan(6000)
      expect(await answered).toMatchObject({ outcome: 'answered' })
    })

    it('tells an overflowed caller nobody of Vergunningen is logged in, and registers a terugbelverzoek for the KCC', async () => {
      const h = harness()
      await h.agent('medewerker1')
      await setStates(h.hub, [
        ['medewerker3', 'kcc', 'offline'],
        ['supervisor', 'kcc', 'offline'],
        ['medewerker2', 'vergunningen', 'offline'],
        ['medewerker1', 'kcc', 'pauze'],
      ])
      const overflowed = nextEvent(h.hub, 'queue.left', (e) => e.afdeling === 'kcc')
      const gaveUp = nextEvent(h.hub, 'queue.left', (e) => e.afdeling === 'vergunningen')
      const created = nextEvent(h.hub, 'terugbelverzoek.created')

      const { result } = await h.dial(await h.caller(), `sip:kcc@${h.domain}`)
      const { final } = await result

      expect(final.status).toBe(QUEUE_REJECT_STATUS)
      expect(final.reason).toBe(QUEUE_REJECT_PHRASES.no_agent)
      expect(await overflowed).toMatchObject({ outcome: 'overflowed' })
      expect(await gaveUp).toMatchObject({ outcome: 'no_agent' })
      expect((await created).afdeling).toBe('kcc')
    })

    it('lets a KCC phone that rings when the maximum wait passes finish ringing, and its agent answer', async () => {
      const h = harness()
      const medewerker2 = await h.agent('medewerker2')
      const medewerker3 = await h.agent('medewerker3')
      await setStates(h.hub, [
        ['supervisor', 'kcc', 'offline'],
        ['medewerker1', 'kcc', 'pauze'],
        ['medewerker3', 'kcc', 'pauze'],
        ['medewerker2', 'vergunningen', 'beschikbaar'],
      ])
      const waiting = nextEvent(
        h.hub,
        'queue.changed',
        (e) => e.queue.afdeling === 'kcc' && e.queue.waiting === 1,
      )
      const left = nextEvent(h.hub, 'queue.left', (e) => e.afdeling === 'kcc')
      const invitesBefore = medewerker2.received.filter((r) => r.message.method === 'INVITE').length

      const { result } = await h.dial(await h.caller(), `sip:kcc@${h.domain}`)
      const since = Date.parse((await waiting).queue.oldestSince!)
      // Beschikbaar 4 s into the wait: the phone rings (4 s) through the maximum wait (6 s).
      await until('the caller waited 4 s', () => Date.now() - since > 4000)
      await setStates(h.hub, [['medewerker3', 'kcc', 'beschikbaar']])
      const incoming = await medewerker3.nextRequest('INVITE', { timeoutMs: 10_000 })
      medewerker3.respond(incoming.message, 180, { reason: 'Ringing' })
      await until('the maximum wait passed', () => Date.now() - since > 6500)
      medewerker3.answer(incoming.message)

      expect((await result).final.status).toBe(200)
      const outcome = await left
      expect(outcome).toMatchObject({ outcome: 'answered' })
      expect(outcome.waitedMs).toBeGreaterThan(6000)
      expect(medewerker2.received.filter((r) => r.message.method === 'INVITE')).toHaveLength(invitesBefore)
    })
  })
}
