import { beforeAll, describe, expect, it } from 'vitest'
import type { AuditEvent } from '../../../server/gateway/audit/types'
import type { KlantbeeldView } from '../../../shared/gateway/klantbeeld'
import {
  createActor,
  createActorKlantcontact,
  createBetrokkene,
  createDigitaalAdres,
  createInterneTaak,
  createKlantcontact,
  createPartij,
  persoon,
} from '../../support/builders'
import { useGateway, type GatewayClient } from '../../support/gateway'
import type { Klantcontact, Partij } from '../../support/klantinteracties-types'

/**
 * `GET /api/klantbeeld?telefoonnummer=`: the caller's picture at ring, from the real provider: who
 * the number belongs to, their earlier klantcontacten (through the partij, and through the number a
 * betrokkene gave), and the contactverzoeken still open for them.
 */
describe('the caller’s picture at ring', () => {
  const gw = useGateway()
  let medewerker1: GatewayClient
  let medewerker2: GatewayClient
  let supervisor: GatewayClient
  let jan: Partij
  let eerder: Klantcontact
  let laatst: Klantcontact
  let viaNummer: Klantcontact
  let geheim: Klantcontact
  let openVerzoek: string

  const picture = (telefoonnummer: string, as: GatewayClient = medewerker1) =>
    as.get<KlantbeeldView>(`/api/klantbeeld?telefoonnummer=${encodeURIComponent(telefoonnummer)}`)

  const contactOf = async (partij: Partij | null, overrides: Record<string, unknown>, adres?: string) => {
    const api = gw().register
    const klantcontact = await createKlantcontact(api, overrides)
    const betrokkene = await createBetrokkene(
      api,
      klantcontact.uuid,
      partij ? { wasPartij: { uuid: partij.uuid } } : {},
    )
    if (adres !== undefined) {
      await createDigitaalAdres(api, {
        soortDigitaalAdres: 'telefoonnummer',
        adres,
        verstrektDoorBetrokkene: { uuid: betrokkene.uuid },
      })
    }
    return klantcontact
  }

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
    medewerker2 = await gw().login('medewerker2')
    supervisor = await gw().login('supervisor')
    const api = gw().register
    jan = await createPartij(api, persoon('Jan'))
    await createDigitaalAdres(api, {
      soortDigitaalAdres: 'telefoonnummer',
      adres: '0612340001',
      verstrektDoorPartij: { uuid: jan.uuid },
    })
    const behandelaar = await createActor(api, { naam: 'Anna Jansen' })
    const vergunningen = await createActor(api, {
      naam: 'Vergunningen',
      soortActor: 'organisatorische_eenheid',
    })
    eerder = await contactOf(jan, { onderwerp: 'Paspoort', plaatsgevondenOp: '2026-11-02T09:00:00Z' })
    laatst = await contactOf(jan, {
      onderwerp: 'Dakkapel vergunning',
      plaatsgevondenOp: '2026-12-01T10:00:00Z',
      indicatieContactGelukt: true,
    })
    await createActorKlantcontact(api, behandelaar.uuid, laatst.uuid)
    openVerzoek = (await createInterneTaak(api, laatst.uuid, [vergunningen.uuid])).uuid
    await createInterneTaak(api, eerder.uuid, [vergunningen.uuid], { status: 'verwerkt' })
    // A caller the register does not know as partij, who gave the same number at an earlier call.
    viaNummer = await contactOf(
      null,
      { onderwerp: 'Afval', plaatsgevondenOp: '2026-11-20T08:00:00Z' },
      '+31612340001',
    )
    geheim = await contactOf(jan, {
      onderwerp: 'Schuldhulp',
      vertrouwelijk: true,
      plaatsgevondenOp: '2026-11-25T12:00:00Z',
    })
    await createInterneTaak(api, geheim.uuid, [vergunningen.uuid], {
      gevraagdeHandeling: 'Schuldhulp bellen',
    })
  })

  it('shows a known caller with their klantcontacten newest first and their open contactverzoek', async () => {
    const r = await picture('0612340001')
    expect(r.status).toBe(200)
    expect(r.body.partijen).toEqual([{ uuid: jan.uuid, naam: 'Jan de Vries' }])
    expect(r.body.klantcontacten.map((k) => k.uuid)).toEqual([
      laatst.uuid,
      geheim.uuid,
      viaNummer.uuid,
      eerder.uuid,
    ])
    expect(r.body.klantcontacten[0]).toEqual({
      uuid: laatst.uuid,
      nummer: laatst.nummer,
      kanaal: 'Telefoon',
      onderwerp: 'Dakkapel vergunning',
      plaatsgevondenOp: '2026-12-01T10:00:00Z',
      medewerkers: ['Anna Jansen'],
      indicatieContactGelukt: true,
      vertrouwelijk: false,
      afgeschermd: false,
      afhandeling: null,
    })
    const open = r.body.contactverzoeken.find((c) => c.uuid === openVerzoek)
    expect(open).toMatchObject({
      gevraagdeHandeling: 'Terugbellen',
      toegewezenAan: ['Vergunningen'],
      klantcontactNummer: laatst.nummer,
    })
    // The verwerkt one is not open any more.
    expect(r.body.contactverzoeken).toHaveLength(2)
  })

  it('finds the same caller however the number is spelled', async () => {
    const expected = (await picture('0612340001')).body
    for (const spelling of ['06 12 34 00 01', '+31612340001', '0031612340001', '+31 (0)6 1234 0001']) {
      const r = await picture(spelling)
      expect(r.status, spelling).toBe(200)
      expect(r.body, spelling).toEqual(expected)
    }
  })

  it('answers empty lists for a number nobody gave, and for an extension', async () => {
    for (const number of ['0687650000', '1001']) {
      const r = await picture(number)
      expect(r.status, number).toBe(200)
      expect(r.body, number).toEqual({ partijen: [], klantcontacten: [], contactverzoeken: [] })
    }
  })

  it('shows a vertrouwelijk klantcontact and its contactverzoek without content to agents not involved', async () => {
    for (const other of [medewerker2, supervisor]) {
      const r = await picture('0612340001', other)
      const shown = r.body.klantcontacten.find((k) => k.uuid === geheim.uuid)
      expect(shown).toMatchObject({
        vertrouwelijk: true,
        afgeschermd: true,
        onderwerp: null,
        kanaal: 'Telefoon',
      })
      expect(JSON.stringify(r.body)).not.toMatch(/Schuldhulp/)
    }
  })

  it('audits the lookup with every partij, klantcontact and interne taak it returned, never the number', async () => {
    const r = await picture('+31612340001')
    const audit = await supervisor.get<{ results: AuditEvent[] }>('/api/audit?limit=20')
    const event = audit.body.results.find(
      (e) => e.action === 'klantbeeld.opvragen' && e.actor === 'medewerker1',
    )
    expect(event).toMatchObject({ result: 'ok', status: 200 })
    expect(event!.objects).toEqual([
      { type: 'partij', uuid: jan.uuid },
      ...r.body.klantcontacten.map((k) => ({ type: 'klantcontact', uuid: k.uuid, nummer: k.nummer })),
      ...r.body.contactverzoeken.map((t) => ({
        type: 'internetaak',
        uuid: t.uuid,
        ...(t.nummer ? { nummer: t.nummer } : {}),
      })),
    ])
    expect(event!.objects.filter((o) => o.type === 'internetaak')).toHaveLength(2)
    const rows = await gw().gateway.storage.db.selectFrom('audit_event').selectAll().execute()
    const everything = JSON.stringify(rows) + gw().logs.join('\n')
    for (const fragment of ['612340001', '12 34 00 01', 'Dakkapel', 'Jan de Vries']) {
      expect(everything).not.toContain(fragment)
    }
  })

  it('refuses a query that is not a telefoonnummer with a field error, and answers only a logged-in agent', async () => {
    for (const bad of ['anonymous', '06abc', '12', '0612340001;drop']) {
      const r = await picture(bad)
      expect(r.status, bad).toBe(400)
      expect(r.body, bad).toMatchObject({
        invalidParams: [expect.objectContaining({ name: 'telefoonnummer', code: 'invalid' })],
      })
    }
    const missing = await medewerker1.get('/api/klantbeeld')
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ invalidParams: [expect.objectContaining({ code: 'required' })] })
    expect((await gw().anonymous.get('/api/klantbeeld?telefoonnummer=0612340001')).status).toBe(401)
  })
})
