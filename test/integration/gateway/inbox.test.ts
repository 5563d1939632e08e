import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { InboxItemView, InboxView } from '../../../shared/gateway/inbox'
import type { InboxStatus } from '../../../shared/live/inbox'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import type { InterneTaak } from '../../support/klantinteracties-types'
import { registration, useGateway, type GatewayClient } from '../../support/gateway'
import { nextEvent, TestLine, until, waitingCall } from './queue/support'

/**
 * The contactverzoek inbox through the real gateway and our real provider (docs/gateway.md,
 * "Inbox"): what each agent sees, in which order, what claim, verwerkt and doorzetten write to the
 * register, who may do what, the live hub's counts and the audit lines.
 *
 * Demo afdelingen: kcc (medewerker1, medewerker3, supervisor) and vergunningen (medewerker2).
 */
describe('the contactverzoek inbox', () => {
  const gw = useGateway()
  let m1: GatewayClient
  let m2: GatewayClient
  let m3: GatewayClient

  beforeAll(async () => {
    m1 = await gw().login('medewerker1')
    m2 = await gw().login('medewerker2')
    m3 = await gw().login('medewerker3')
  })

  const register = async (
    by: GatewayClient,
    overrides: Record<string, unknown> = {},
  ): Promise<KlantcontactView> => {
    const r = await by.post<KlantcontactView>('/api/klantcontacten', registration(overrides), {
      'idempotency-key': randomUUID(),
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body
  }

  /** A contactverzoek for `afdeling` about a new klantcontact with the caller's number. */
  const contactverzoek = async (
    by: GatewayClient,
    afdeling: string,
    telefoonnummer = '0612345678',
  ): Promise<{ taak: string; klantcontact: KlantcontactView }> => {
    const klantcontact = await register(by, { telefoonnummer })
    const r = await by.post<{ uuid: string }>('/api/contactverzoeken', {
      klantcontactUuid: klantcontact.uuid,
      gevraagdeHandeling: 'Terugbellen',
      toelichting: 'Na 14:00 bereikbaar.',
      toegewezenAan: { type: 'afdeling', id: afdeling },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return { taak: r.body.uuid, klantcontact }
  }

  const inbox = async (by: GatewayClient, status = 'open'): Promise<InboxView> => {
    const r = await by.get<InboxView>(`/api/inbox?status=${status}`)
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    return r.body
  }

  const item = async (by: GatewayClient, uuid: string, status = 'open'): Promise<InboxItemView | undefined> =>
    (await inbox(by, status)).results.find((i) => i.uuid === uuid)

  const inboxEvent = (afdeling: string, where: (inbox: InboxStatus) => boolean = () => true) =>
    nextEvent(gw().gateway.live.hub, 'inbox.changed', (e) => e.inbox.afdeling === afdeling && where(e.inbox))

  it('lists the afdeling’s open contactverzoeken oldest first, each with its klantcontact and number to call back', async () => {
    const first = await contactverzoek(m2, 'kcc', '0612345601')
    const second = await contactverzoek(m2, 'kcc', '0612345602')
    const view = await inbox(m1)
    const mine = view.results.filter((i) => [first.taak, second.taak].includes(i.uuid))
    expect(mine.map((i) => i.uuid)).toEqual([first.taak, second.taak])
    expect(mine[0]).toMatchObject({
      gevraagdeHandeling: 'Terugbellen',
      toelichting: 'Na 14:00 bereikbaar.',
      status: 'te_verwerken',
      afgehandeldOp: null,
      afdeling: { id: 'kcc', naam: 'KCC' },
      medewerker: null,
      terugbelverzoek: false,
      telefoonnummer: '+31612345601',
      klantcontact: expect.objectContaining({
        uuid: first.klantcontact.uuid,
        nummer: first.klantcontact.nummer,
        onderwerp: 'Voorwaarden vergunningsvrije dakkapel',
        afgeschermd: false,
      }),
    })
    expect(view.open).toBe(view.results.length)
    const order = view.results.map((i) => i.toegewezenOp ?? '')
    expect(order).toEqual([...order].sort())
    // Not another afdeling's: vergunningen sees none of kcc's.
    expect((await inbox(m2)).results.map((i) => i.uuid)).not.toContain(first.taak)
  })

  it('audits a read of the inbox with every interne taak, klantcontact and betrokkene it showed', async () => {
    const { taak, klantcontact } = await contactverzoek(m2, 'kcc')
    await inbox(m1)
    const [line] = await gw().gateway.services.audit.recent({ limit: 1, securityOnly: false })
    expect(line).toMatchObject({ actor: 'medewerker1', action: 'inbox.lezen', result: 'ok', status: 200 })
    expect(line!.objects).toEqual(
      expect.arrayContaining([
        { type: 'internetaak', uuid: taak },
        { type: 'klantcontact', uuid: klantcontact.uuid, nummer: klantcontact.nummer },
        { type: 'betrokkene', uuid: klantcontact.betrokkenen[0]!.uuid },
      ]),
    )
    expect(gw().logs.filter((l) => l.includes('612345678'))).toEqual([])
  })

  it('lets an agent claim an item, keeping the afdeling, and refuses a colleague’s second claim with a 409 naming the first', async () => {
    const created = inboxEvent('kcc')
    const { taak } = await contactverzoek(m2, 'kcc')
    // The contactverzoek's own publication first, so the next one is the claim's.
    await created
    const changed = inboxEvent('kcc')
    const claimed = await m1.post<InboxItemView>(`/api/inbox/${taak}/claim`, {})
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(200)
    expect(claimed.body).toMatchObject({
      afdeling: { id: 'kcc' },
      medewerker: { login: 'medewerker1', naam: 'Medewerker 1 (KCC)' },
    })
    await changed
    const stored = (await gw().register.get<InterneTaak>(`/internetaken/${taak}`)).body
    expect(stored.toegewezenAanActoren).toHaveLength(2)
    const [line] = await gw().gateway.services.audit.recent({ limit: 1, securityOnly: false })
    expect(line).toMatchObject({
      actor: 'medewerker1',
      action: 'inbox.oppakken',
      objectUuid: taak,
      status: 200,
    })
    expect(line!.objects).toContainEqual({ type: 'internetaak', uuid: taak })

    // Claiming again is no change; the app sends a claim without a body.
    expect((await m1.request('POST', `/api/inbox/${taak}/claim`)).status).toBe(200)
    const second = await m3.post(`/api/inbox/${taak}/claim`, {})
    expect(second.status).toBe(409)
    const [denied] = await gw().gateway.services.audit.recent({ limit: 1, securityOnly: false })
    expect(denied).toMatchObject({ actor: 'medewerker3', action: 'inbox.oppakken', status: 409, objects: [] })
    expect(second.body).toMatchObject({
      code: 'al_opgepakt',
      detail: 'Deze taak is al opgepakt door Medewerker 1 (KCC).',
    })
    // Still in the colleague's list, shown as taken.
    expect(await item(m3, taak)).toMatchObject({ medewerker: { login: 'medewerker1' } })
  })

  it('does not let an agent touch an item of another afdeling: 404, as for an unknown one', async () => {
    const { taak } = await contactverzoek(m1, 'vergunningen')
    for (const path of ['claim', 'verwerkt', 'doorzetten']) {
      const body =
        path === 'verwerkt' ? { resultaat: 'Gebeld' } : path === 'doorzetten' ? { afdeling: 'kcc' } : {}
      const r = await m1.post(`/api/inbox/${taak}/${path}`, body)
      expect(r.status, path).toBe(404)
    }
    expect((await m1.post(`/api/inbox/${randomUUID()}/claim`, {})).status).toBe(404)
    expect((await m1.post('/api/inbox/niet-een-uuid/claim', {})).status).toBe(404)
    const stored = (await gw().register.get<InterneTaak>(`/internetaken/${taak}`)).body
    expect(stored).toMatchObject({ status: 'te_verwerken', toegewezenAanActoren: [expect.anything()] })
  })

  it('marks an item verwerkt with the result in the toelichting and the call-back linked, and the register sets afgehandeldOp', async () => {
    const { taak, klantcontact } = await contactverzoek(m2, 'kcc')
    const callBack = await register(m1, { aanleidingKlantcontactUuid: klantcontact.uuid })
    const r = await m1.post<InboxItemView>(`/api/inbox/${taak}/verwerkt`, {
      resultaat: 'Klant teruggebeld, vraag beantwoord.',
      klantcontactUuid: callBack.uuid,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({ status: 'verwerkt', medewerker: { login: 'medewerker1' } })
    expect(r.body.afgehandeldOp).toEqual(expect.any(String))
    const stored = (await gw().register.get<InterneTaak>(`/internetaken/${taak}`)).body
    expect(stored.status).toBe('verwerkt')
    expect(stored.afgehandeldOp).toEqual(expect.any(String))
    expect(stored.toelichting).toBe(
      `Na 14:00 bereikbaar.\n\nVerwerkt door Medewerker 1 (KCC): Klant teruggebeld, vraag beantwoord. Teruggebeld: klantcontact ${callBack.nummer}.`,
    )
    expect(await item(m1, taak)).toBeUndefined()
    expect(await item(m1, taak, 'verwerkt')).toMatchObject({ status: 'verwerkt' })
    const again = await m1.post(`/api/inbox/${taak}/verwerkt`, { resultaat: 'Nog eens' })
    expect(again.status).toBe(409)
  })

  it('refuses a call-back klantcontact that is not linked to the aanleiding, and a result that does not fit', async () => {
    const { taak } = await contactverzoek(m2, 'kcc')
    const unrelated = await register(m1)
    const r = await m1.post(`/api/inbox/${taak}/verwerkt`, {
      resultaat: 'Gebeld',
      klantcontactUuid: unrelated.uuid,
    })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'klantcontactUuid', code: 'invalid' }),
    ])
    const unknown = await m1.post(`/api/inbox/${taak}/verwerkt`, {
      resultaat: 'Gebeld',
      klantcontactUuid: randomUUID(),
    })
    expect(unknown.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'klantcontactUuid', code: 'does_not_exist' }),
    ])
    const long = await m1.post(`/api/inbox/${taak}/verwerkt`, { resultaat: 'x'.repeat(990) })
    expect(long.status).toBe(400)
    expect(long.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'resultaat', code: 'max_length' }),
    ])
    const blank = await m1.post(`/api/inbox/${taak}/verwerkt`, { resultaat: '  ', extra: 1 })
    expect(blank.status).toBe(400)
    expect((await gw().register.get<InterneTaak>(`/internetaken/${taak}`)).body.status).toBe('te_verwerken')
  })

  it('passes an item to another afdeling, which then has it alone', async () => {
    const { taak } = await contactverzoek(m2, 'kcc')
    await m1.post(`/api/inbox/${taak}/claim`, {})
    const before = (await inbox(m2)).open
    const toVergunningen = inboxEvent('vergunningen', (i) => i.open === before + 1)
    const r = await m1.post<InboxItemView>(`/api/inbox/${taak}/doorzetten`, {
      afdeling: 'vergunningen',
      toelichting: 'Gaat over een vergunning.',
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({
      afdeling: { id: 'vergunningen' },
      medewerker: null,
      status: 'te_verwerken',
    })
    expect(r.body.toelichting).toContain(
      'Doorgezet naar Afdeling Vergunningen door Medewerker 1 (KCC): Gaat over een vergunning.',
    )
    await toVergunningen
    expect(await item(m2, taak)).toBeDefined()
    expect(await item(m1, taak)).toBeUndefined()
    const unknown = await m2.post(`/api/inbox/${taak}/doorzetten`, { afdeling: 'bestaat-niet' })
    expect(unknown.status).toBe(400)
    expect(unknown.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'afdeling', code: 'does_not_exist' }),
    ])
  })

  it('gives a supervisor the inbox of their own afdeling', async () => {
    const supervisor = await gw().login('supervisor')
    const { taak } = await contactverzoek(m2, 'kcc')
    expect(await item(supervisor, taak)).toMatchObject({ afdeling: { id: 'kcc' } })
    const { taak: other } = await contactverzoek(m1, 'vergunningen')
    expect(await item(supervisor, other)).toBeUndefined()
    expect((await supervisor.post(`/api/inbox/${other}/claim`, {})).status).toBe(404)
  })

  it('refuses an unknown status filter', async () => {
    const r = await m1.get('/api/inbox?status=alles')
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([expect.objectContaining({ name: 'status' })])
  })

  it('publishes the afdeling’s open count and oldest age when a contactverzoek arrives', async () => {
    const before = (await inbox(m2)).open
    const changed = inboxEvent('vergunningen', (i) => i.open === before + 1)
    await contactverzoek(m1, 'vergunningen')
    const event = await changed
    const oldest = (await inbox(m2)).results[0]!
    expect(event.inbox.oldestSince).toBe(oldest.toegewezenOp)
    expect(gw().gateway.live.hub.snapshot().inboxes).toContainEqual(event.inbox)
  })

  it('shows a terugbelverzoek from the queue in the afdeling’s inbox with the caller’s number', async () => {
    const changed = inboxEvent('vergunningen')
    // Nobody of Vergunningen is on the live hub: the caller gets a terugbelverzoek at once.
    gw().gateway.queue.enter(new TestLine(waitingCall('vergunningen', '0687654321')))
    await changed
    let found: InboxItemView | undefined
    await until('the terugbelverzoek is in the inbox', async () => {
      found = (await inbox(m2)).results.find((i) => i.terugbelverzoek)
      return found !== undefined
    })
    expect(found).toMatchObject({
      gevraagdeHandeling: 'Terugbellen',
      telefoonnummer: '+31687654321',
      afdeling: { id: 'vergunningen' },
      klantcontact: expect.objectContaining({ onderwerp: 'Terugbelverzoek', indicatieContactGelukt: false }),
    })
    const klantcontact = await gw().register.get<Record<string, unknown>>(
      `/klantcontacten/${found!.klantcontact!.uuid}`,
    )
    expect(klantcontact.body).toMatchObject({ verdereActieOndernomen: true, indicatieContactGelukt: false })
    expect(gw().logs.filter((l) => l.includes('687654321'))).toEqual([])
  })
})
