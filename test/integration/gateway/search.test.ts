import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KlantcontactSearchView } from '../../../shared/gateway/search'
import type { AuditEvent } from '../../../server/gateway/audit/types'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import { createDigitaalAdres, createPartij, persoon } from '../../support/builders'
import { registration, useGateway, type GatewayClient } from '../../support/gateway'

/**
 * `GET /api/klantcontacten/zoeken` on the real provider (docs/gateway.md, "Zoeken"): each criterion
 * mapped to the register's filters or checked by the gateway, combined with AND, newest first, in
 * pages; vertrouwelijk contacts masked, `bewerkbaar` only for the agent's own or passed ones.
 */
describe('searching klantcontacten', () => {
  const gw = useGateway()
  let medewerker1: GatewayClient
  let medewerker2: GatewayClient
  let supervisor: GatewayClient
  /** medewerker1's, with the partij whose number is 06 12345678; 2 March. */
  let aanvragen: KlantcontactView
  /** medewerker1's, the caller gave +31687654321 on the contact; 5 March, 00:30 in Amsterdam. */
  let afval: KlantcontactView
  /** medewerker2's, vertrouwelijk; 7 March. */
  let schuldhulp: KlantcontactView
  /** medewerker2's, passed to medewerker1; 8 March. */
  let kwijt: KlantcontactView
  /** medewerker2's; 10 March. */
  let verlengen: KlantcontactView

  const register = async (
    agent: GatewayClient,
    overrides: Record<string, unknown>,
  ): Promise<KlantcontactView> => {
    const r = await agent.post<KlantcontactView>('/api/klantcontacten', registration(overrides), {
      'idempotency-key': randomUUID(),
    })
    expect(r.status).toBe(201)
    return r.body
  }
  const search = async (
    agent: GatewayClient,
    query: Record<string, string>,
  ): Promise<KlantcontactSearchView> => {
    const r = await agent.get<KlantcontactSearchView>(
      `/api/klantcontacten/zoeken?${new URLSearchParams(query).toString()}`,
    )
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    return r.body
  }
  const nummers = (view: KlantcontactSearchView): Array<string | null> => view.results.map((r) => r.nummer)

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
    medewerker2 = await gw().login('medewerker2')
    supervisor = await gw().login('supervisor')
    const jan = await createPartij(gw().register, persoon('Jan'))
    await createDigitaalAdres(gw().register, {
      soortDigitaalAdres: 'telefoonnummer',
      adres: '0612345678',
      verstrektDoorPartij: { uuid: jan.uuid },
    })
    aanvragen = await register(medewerker1, {
      onderwerp: 'Paspoort aanvragen',
      plaatsgevondenOp: '2026-03-02T09:30:00Z',
      partijUuid: jan.uuid,
    })
    afval = await register(medewerker1, {
      onderwerp: 'Grofvuil ophalen',
      plaatsgevondenOp: '2026-03-04T23:30:00Z',
      contactnaam: { voornaam: 'Els', achternaam: 'Bakker' },
    })
    await createDigitaalAdres(gw().register, {
      soortDigitaalAdres: 'telefoonnummer',
      adres: '+31687654321',
      verstrektDoorBetrokkene: { uuid: afval.betrokkenen[0]!.uuid },
    })
    schuldhulp = await register(medewerker2, {
      onderwerp: 'Schuldhulp',
      vertrouwelijk: true,
      plaatsgevondenOp: '2026-03-07T10:00:00Z',
      contactnaam: { voornaam: 'Kees', achternaam: 'Bakker' },
    })
    kwijt = await register(medewerker2, {
      onderwerp: 'Paspoort kwijt',
      plaatsgevondenOp: '2026-03-08T10:00:00Z',
      contactnaam: { achternaam: 'Smit' },
    })
    const transfer = await medewerker2.post('/api/transfers', {
      klantcontactUuid: kwijt.uuid,
      target: { type: 'agent', id: 'medewerker1' },
    })
    expect(transfer.status).toBe(201)
    verlengen = await register(medewerker2, {
      onderwerp: 'Paspoort verlengen',
      plaatsgevondenOp: '2026-03-10T08:00:00Z',
    })
  })

  it('finds one klantcontact by its nummer, also typed in groups', async () => {
    expect(nummers(await search(medewerker2, { nummer: aanvragen.nummer! }))).toEqual([aanvragen.nummer])
    const grouped = aanvragen.nummer!.replace(/(\d{2})(\d{3})/, '$1 $2 ')
    expect(nummers(await search(medewerker2, { nummer: grouped }))).toEqual([aanvragen.nummer])
  })

  it('finds by text in the onderwerp, in any case, newest first, as lists show them', async () => {
    const view = await search(medewerker1, { onderwerp: 'PASPOORT' })
    expect(nummers(view)).toEqual([verlengen.nummer, kwijt.nummer, aanvragen.nummer])
    expect(view.results[2]).toEqual({
      uuid: aanvragen.uuid,
      nummer: aanvragen.nummer,
      kanaal: 'Telefoon',
      onderwerp: 'Paspoort aanvragen',
      plaatsgevondenOp: '2026-03-02T09:30:00Z',
      medewerkers: [expect.any(String)],
      indicatieContactGelukt: true,
      vertrouwelijk: false,
      afgeschermd: false,
      afhandeling: null,
      bewerkbaar: true,
    })
  })

  it('finds by the caller’s number, through the partij that gave it and the betrokkene who gave it', async () => {
    for (const telefoonnummer of ['06-12345678', '+31612345678', '0031 6 1234 5678']) {
      expect(nummers(await search(medewerker2, { telefoonnummer }))).toEqual([aanvragen.nummer])
    }
    expect(nummers(await search(medewerker2, { telefoonnummer: '06 87654321' }))).toEqual([afval.nummer])
    expect(await search(medewerker2, { telefoonnummer: '0611119999' })).toEqual({
      results: [],
      page: 1,
      next: false,
    })
    expect((await search(medewerker2, { telefoonnummer: '1001' })).results).toEqual([])
  })

  it('finds by the achternaam, with or without voorvoegsel and capital, or not at all by part of it', async () => {
    // registration() names the caller Jan de Vries unless a test names another.
    for (const naam of ['de vries', 'De Vries', 'Vries', 'vries']) {
      expect(nummers(await search(medewerker2, { naam })), naam).toEqual([verlengen.nummer, aanvragen.nummer])
    }
    expect((await search(medewerker2, { naam: 'Vri' })).results).toEqual([])
    expect(nummers(await search(medewerker2, { naam: 'smit' }))).toEqual([kwijt.nummer])
  })

  it('masks a vertrouwelijk klantcontact found by name, and does not find it by its hidden onderwerp', async () => {
    const view = await search(medewerker1, { naam: 'Bakker' })
    expect(nummers(view)).toEqual([schuldhulp.nummer, afval.nummer])
    expect(view.results[0]).toMatchObject({
      onderwerp: null,
      vertrouwelijk: true,
      afgeschermd: true,
      bewerkbaar: false,
    })
    expect(JSON.stringify(view)).not.toContain('Schuldhulp')
    expect((await search(medewerker1, { onderwerp: 'schuldhulp' })).results).toEqual([])
    const own = await search(medewerker2, { onderwerp: 'schuldhulp' })
    expect(own.results).toMatchObject([{ onderwerp: 'Schuldhulp', afgeschermd: false, bewerkbaar: true }])
  })

  it('marks as bewerkbaar only the agent’s own klantcontacten and those passed to them', async () => {
    const view = await search(medewerker1, { onderwerp: 'paspoort' })
    expect(view.results.map((r) => [r.nummer, r.bewerkbaar])).toEqual([
      [verlengen.nummer, false],
      [kwijt.nummer, true],
      [aanvragen.nummer, true],
    ])
    const others = await search(supervisor, { onderwerp: 'paspoort' })
    expect(others.results.map((r) => r.bewerkbaar)).toEqual([false, false, false])
  })

  it('lists the agent’s own klantcontacten as Mijn recente, not those only passed to them', async () => {
    expect(nummers(await search(medewerker1, { mijn: 'true' }))).toEqual([afval.nummer, aanvragen.nummer])
    expect(nummers(await search(medewerker2, { mijn: 'true' }))).toEqual([
      verlengen.nummer,
      kwijt.nummer,
      schuldhulp.nummer,
    ])
    expect((await search(supervisor, { mijn: 'true' })).results).toEqual([])
  })

  it('combines criteria with AND', async () => {
    expect(nummers(await search(medewerker1, { onderwerp: 'paspoort', mijn: 'true' }))).toEqual([
      aanvragen.nummer,
    ])
    expect(nummers(await search(medewerker2, { naam: 'Bakker', onderwerp: 'grofvuil' }))).toEqual([
      afval.nummer,
    ])
    expect(
      (await search(medewerker2, { naam: 'Bakker', mijn: 'false', nummer: aanvragen.nummer! })).results,
    ).toEqual([])
    expect(
      nummers(
        await search(medewerker1, { telefoonnummer: '0612345678', onderwerp: 'aanvragen', mijn: 'true' }),
      ),
    ).toEqual([aanvragen.nummer])
    expect((await search(medewerker1, { telefoonnummer: '0612345678', onderwerp: 'kwijt' })).results).toEqual(
      [],
    )
  })

  it('keeps to the date range, both days inclusive, as days in Amsterdam', async () => {
    const inRange = (van: string, tot: string) => search(medewerker2, { onderwerp: 'p', van, tot })
    // Grofvuil took place on 4 March 23:30 UTC, which is 5 March in Amsterdam.
    expect(nummers(await inRange('2026-03-05', '2026-03-08'))).toEqual([
      kwijt.nummer,
      schuldhulp.nummer,
      afval.nummer,
    ])
    expect(nummers(await inRange('2026-03-01', '2026-03-04'))).toEqual([aanvragen.nummer])
    expect(nummers(await search(medewerker2, { onderwerp: 'paspoort', van: '2026-03-09' }))).toEqual([
      verlengen.nummer,
    ])
    expect(nummers(await search(medewerker2, { onderwerp: 'paspoort', tot: '2026-03-02' }))).toEqual([
      aanvragen.nummer,
    ])
  })

  it('answers in pages, saying whether a next page exists', async () => {
    const first = await search(medewerker1, { onderwerp: 'paspoort', pageSize: '2' })
    expect(first).toMatchObject({ page: 1, next: true })
    expect(nummers(first)).toEqual([verlengen.nummer, kwijt.nummer])
    const second = await search(medewerker1, { onderwerp: 'paspoort', pageSize: '2', page: '2' })
    expect(second).toMatchObject({ page: 2, next: false })
    expect(nummers(second)).toEqual([aanvragen.nummer])
    expect((await search(medewerker1, { onderwerp: 'paspoort', pageSize: '2', page: '3' })).results).toEqual(
      [],
    )
  })

  it('audits every klantcontact it returned, and neither the query nor its values', async () => {
    const view = await search(medewerker1, { naam: 'Bakker', van: '2026-03-01' })
    const audit = await supervisor.get<{ results: AuditEvent[] }>('/api/audit?limit=20')
    const event = audit.body.results.find((e) => e.action === 'klantcontact.zoeken')
    expect(event).toMatchObject({ actor: 'medewerker1', resource: 'klantcontact', result: 'ok' })
    expect(event!.objects).toEqual(
      view.results.map((r) => ({ type: 'klantcontact', uuid: r.uuid, nummer: r.nummer })),
    )
    expect(event!.objects).toHaveLength(2)
    const everything = JSON.stringify(audit.body) + gw().logs.join('\n')
    for (const fragment of ['Bakker', 'Schuldhulp', '612345678', '87654321', 'paspoort', 'PASPOORT']) {
      expect(everything).not.toContain(fragment)
    }
    expect(gw().logs.some((line) => line.includes('"url":"/api/klantcontacten/zoeken?'))).toBe(true)
  })

  it('refuses a search without a narrowing criterion, naming the reason in Dutch', async () => {
    for (const query of ['', '?van=2026-03-01&tot=2026-03-31', '?page=1&mijn=false']) {
      const r = await medewerker1.get(`/api/klantcontacten/zoeken${query}`)
      expect(r.status, query).toBe(400)
      expect(r.body['invalidParams'], query).toEqual([
        expect.objectContaining({
          name: 'nonFieldErrors',
          code: 'required',
          reason: expect.stringMatching(/periode/),
        }),
      ])
    }
  })

  it('names every wrong field in one 400, and searches for nothing', async () => {
    const r = await medewerker1.get<{ invalidParams: Array<{ name: string; code: string; reason: string }> }>(
      '/api/klantcontacten/zoeken?nummer=abc&telefoonnummer=bel%20mij&naam=%20&onderwerp=a&onderwerp=b' +
        '&van=2026-02-30&tot=gisteren&mijn=ja&page=0&pageSize=51&sorteer=datum',
    )
    expect(r.status).toBe(400)
    const byName = Object.fromEntries(r.body.invalidParams.map((p) => [p.name, p]))
    expect(Object.keys(byName).sort()).toEqual(
      [
        'mijn',
        'naam',
        'nummer',
        'onderwerp',
        'page',
        'pageSize',
        'sorteer',
        'telefoonnummer',
        'tot',
        'van',
      ].sort(),
    )
    expect(byName['sorteer']).toMatchObject({ code: 'unknown_field' })
    expect(byName['naam']).toMatchObject({ code: 'blank' })
    expect(byName['van']!.reason).toBe('Geef een bestaande datum als JJJJ-MM-DD.')
    expect(byName['pageSize']!.reason).toBe('Geef een geheel getal van 1 tot en met 50.')
    const backwards = await medewerker1.get(
      '/api/klantcontacten/zoeken?mijn=true&van=2026-03-10&tot=2026-03-01',
    )
    expect(backwards.status).toBe(400)
    expect(backwards.body['invalidParams']).toEqual([expect.objectContaining({ name: 'tot' })])
    const control = await medewerker1.get('/api/klantcontacten/zoeken?onderwerp=a%00b')
    expect(control.status).toBe(400)
  })

  it('answers only a logged-in agent', async () => {
    const r = await gw().anonymous.get('/api/klantcontacten/zoeken?mijn=true')
    expect(r.status).toBe(401)
  })
})
