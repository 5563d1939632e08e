import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KlantcontactView } from '../../../shared/gateway/api'
import { AFHANDELINGEN, registerFieldsOf } from '../../../shared/klantcontact/afhandeling'
import type { LiveEvent } from '../../../shared/live/protocol'
import type { Klantcontact } from '../../support/klantinteracties-types'
import { registration, useGateway, type GatewayClient, type Reply } from '../../support/gateway'

/**
 * Recording how a klantcontact ended (docs/provider.md, "Afhandeling"): what fits is written into
 * the register's klantcontact, the afhandeling itself is kept by the gateway and shown with the
 * klantcontact, the live hub counts it for the supervisor, and every recording is audited. Only an
 * agent involved in the klantcontact, or to whom it was transferred, may record it.
 */
describe('afhandeling', () => {
  const gw = useGateway()
  let medewerker1: GatewayClient
  let medewerker2: GatewayClient
  let medewerker3: GatewayClient

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
    medewerker2 = await gw().login('medewerker2')
    medewerker3 = await gw().login('medewerker3')
  })

  const register = async (): Promise<KlantcontactView> => {
    const r = await medewerker1.post<KlantcontactView>('/api/klantcontacten', registration(), {
      'idempotency-key': randomUUID(),
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body
  }

  /** The test client has no PUT; the request goes through the same app and session. */
  const put = async <T = Record<string, unknown>>(
    as: GatewayClient,
    url: string,
    body: unknown,
  ): Promise<Reply<T>> => {
    const response = await gw().app.inject({
      method: 'PUT',
      url,
      headers: { authorization: `Bearer ${as.token}` },
      payload: body as Record<string, unknown>,
    })
    return { status: response.statusCode, body: JSON.parse(response.body) as T, headers: response.headers }
  }

  const record = (as: GatewayClient, nummer: string | null, afhandeling: string) =>
    put<KlantcontactView>(as, `/api/klantcontacten/${nummer}/afhandeling`, { afhandeling })

  const inRegister = async (uuid: string): Promise<Klantcontact> =>
    (await gw().register.get<Klantcontact>(`/klantcontacten/${uuid}`)).body

  it('records the afhandeling and shows it with the klantcontact when it is read back', async () => {
    const k = await register()
    const r = await record(medewerker1, k.nummer, 'zelf_beantwoord')
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body).toMatchObject({
      uuid: k.uuid,
      afhandeling: 'zelf_beantwoord',
      indicatieContactGelukt: true,
    })
    const read = await medewerker1.get<KlantcontactView>(`/api/klantcontacten/by-nummer/${k.nummer}`)
    expect(read.body.afhandeling).toBe('zelf_beantwoord')
    const recent = await medewerker1.get<{ results: KlantcontactView[] }>('/api/klantcontacten/recent')
    expect(recent.body.results.find((c) => c.uuid === k.uuid)?.afhandeling).toBe('zelf_beantwoord')
  })

  it('shows the afhandeling in the lists that summarise klantcontacten (search)', async () => {
    const k = await register()
    await record(medewerker1, k.nummer, 'terugbelverzoek')
    const found = await medewerker1.get<{ results: Array<{ uuid: string; afhandeling: string | null }> }>(
      `/api/klantcontacten/zoeken?nummer=${k.nummer}`,
    )
    expect(found.status, JSON.stringify(found.body)).toBe(200)
    expect(found.body.results.map((r) => [r.uuid, r.afhandeling])).toEqual([[k.uuid, 'terugbelverzoek']])
  })

  it('shows no afhandeling for a klantcontact that has none yet', async () => {
    const k = await register()
    const read = await medewerker1.get<KlantcontactView>(`/api/klantcontacten/by-nummer/${k.nummer}`)
    expect(read.body.afhandeling).toBeNull()
  })

  it.each(AFHANDELINGEN)('writes what fits of %s into the register klantcontact', async (afhandeling) => {
    const k = await register()
    expect((await record(medewerker1, k.nummer, afhandeling)).status).toBe(200)
    const stored = await inRegister(k.uuid)
    expect({
      indicatieContactGelukt: stored.indicatieContactGelukt,
      verdereActieOndernomen: stored.verdereActieOndernomen,
    }).toEqual(registerFieldsOf(afhandeling))
  })

  it('replaces an earlier afhandeling when it is recorded again: the last one wins', async () => {
    const k = await register()
    await record(medewerker1, k.nummer, 'zelf_beantwoord')
    const again = await record(medewerker1, k.nummer, 'geen_contact')
    expect(again.body.afhandeling).toBe('geen_contact')
    expect((await inRegister(k.uuid)).indicatieContactGelukt).toBe(false)
    const rows = await gw()
      .gateway.storage.db.selectFrom('klantcontact_afhandeling')
      .select(['afhandeling', 'login', 'afdeling'])
      .where('klantcontact_uuid', '=', k.uuid)
      .execute()
    expect(rows).toEqual([{ afhandeling: 'geen_contact', login: 'medewerker1', afdeling: 'kcc' }])
  })

  it('refuses an agent who is neither involved nor addressed by a transfer, and records nothing', async () => {
    const k = await register()
    const r = await record(medewerker3, k.nummer, 'geen_contact')
    expect(r.status).toBe(403)
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect((await inRegister(k.uuid)).indicatieContactGelukt).not.toBe(false)
    const read = await medewerker1.get<KlantcontactView>(`/api/klantcontacten/by-nummer/${k.nummer}`)
    expect(read.body.afhandeling).toBeNull()
  })

  it('lets the colleague the klantcontact was transferred to record it', async () => {
    const k = await register()
    const announced = await medewerker1.post('/api/transfers', {
      nummer: k.nummer,
      target: { type: 'agent', id: 'medewerker2' },
    })
    expect(announced.status).toBe(201)
    const r = await record(medewerker2, k.nummer, 'contactverzoek')
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.afhandeling).toBe('contactverzoek')
    // Recording it is handling it: the colleague is now an actor on the klantcontact.
    expect(r.body.actoren.map((a) => a.login)).toContain('medewerker2')
  })

  it('refuses an unknown afhandeling with a Dutch reason, and a nummer that is not one', async () => {
    const k = await register()
    const r = await put<{ invalidParams: unknown[] }>(
      medewerker1,
      `/api/klantcontacten/${k.nummer}/afhandeling`,
      { afhandeling: 'opgelost' },
    )
    expect(r.status).toBe(400)
    expect(r.body.invalidParams).toEqual([
      {
        name: 'afhandeling',
        code: 'invalid_choice',
        reason: expect.stringContaining('Kies een van de afhandelingen'),
      },
    ])
    expect((await put(medewerker1, `/api/klantcontacten/${k.nummer}/afhandeling`, {})).status).toBe(400)
    expect((await record(medewerker1, '26x', 'geen_contact')).status).toBe(400)
    expect((await record(medewerker1, '9999999999', 'geen_contact')).status).toBe(404)
  })

  it('tells the live hub, which counts it for the agent afdeling and moves it when it changes', async () => {
    const hub = gw().gateway.live.hub
    const heard: LiveEvent[] = []
    const unsubscribe = hub.subscribe({ kind: 'types', types: ['klantcontact.afgehandeld'] }, (event) => {
      heard.push(event)
    })
    const before = hub.snapshot().counters?.afdelingen['kcc']
    const k = await register()
    await record(medewerker1, k.nummer, 'terugbelverzoek')
    await record(medewerker1, k.nummer, 'doorverbonden')
    unsubscribe()
    expect(
      heard.map(
        (e) => e.type === 'klantcontact.afgehandeld' && [e.login, e.afdeling, e.afhandeling, e.vervangt],
      ),
    ).toEqual([
      ['medewerker1', 'kcc', 'terugbelverzoek', undefined],
      ['medewerker1', 'kcc', 'doorverbonden', 'terugbelverzoek'],
    ])
    const after = hub.snapshot().counters?.afdelingen['kcc']
    const of = (field: 'afgehandeldTerugbelverzoek' | 'afgehandeldDoorverbonden') =>
      (after?.[field] ?? 0) - (before?.[field] ?? 0)
    expect([of('afgehandeldTerugbelverzoek'), of('afgehandeldDoorverbonden')]).toEqual([0, 1])
  })

  it('writes an audit line per recording with the afhandeling and the klantcontact', async () => {
    const k = await register()
    await record(medewerker1, k.nummer, 'zelf_beantwoord')
    await record(medewerker1, k.nummer, 'contactverzoek')
    await record(medewerker3, k.nummer, 'geen_contact')
    const rows = await gw()
      .gateway.storage.db.selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'klantcontact.afhandelen')
      .where('object_nummer', '=', k.nummer)
      .orderBy('id')
      .execute()
    expect(rows.map((r) => [r.actor, r.result, r.status, r.object_uuid, r.detail])).toEqual([
      ['medewerker1', 'ok', 200, k.uuid, 'zelf_beantwoord'],
      ['medewerker1', 'ok', 200, k.uuid, 'contactverzoek'],
      ['medewerker3', 'denied', 403, null, null],
    ])
    expect(JSON.parse(rows[0]!.objects ?? '[]')).toContainEqual({
      type: 'klantcontact',
      uuid: k.uuid,
      nummer: k.nummer,
    })
  })
})
