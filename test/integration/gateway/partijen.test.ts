import { beforeAll, describe, expect, it } from 'vitest'
import type { PartijLookupView } from '../../../shared/gateway/api'
import { createDigitaalAdres, createPartij, persoon } from '../../support/builders'
import { useGateway, type GatewayClient } from '../../support/gateway'
import type { Partij } from '../../support/klantinteracties-types'

/**
 * `GET /api/partijen?telefoonnummer=`: a ringing call's number matched against the digitale adressen
 * of known partijen in the real provider, whatever spelling the register and the caller use.
 */
describe('looking up partijen by a caller’s telefoonnummer', () => {
  const gw = useGateway()
  let medewerker1: GatewayClient
  let jan: Partij
  let bakkerij: Partij
  let petra: Partij

  const telefoon = async (partij: Partij, adres: string): Promise<void> => {
    await createDigitaalAdres(gw().register, {
      soortDigitaalAdres: 'telefoonnummer',
      adres,
      verstrektDoorPartij: { uuid: partij.uuid },
    })
  }
  const lookup = (telefoonnummer: string) =>
    medewerker1.get<PartijLookupView>(`/api/partijen?telefoonnummer=${encodeURIComponent(telefoonnummer)}`)

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
    const api = gw().register
    jan = await createPartij(api, persoon('Jan'))
    await telefoon(jan, '0612345678')
    bakkerij = await createPartij(api, {
      soortPartij: 'organisatie',
      indicatieActief: true,
      partijIdentificatie: { naam: 'Bakkerij De Korenbloem' },
    })
    await telefoon(bakkerij, '+31201234567')
    petra = await createPartij(api, {
      soortPartij: 'contactpersoon',
      indicatieActief: true,
      partijIdentificatie: {
        contactnaam: { voornaam: 'Petra', achternaam: 'Smit' },
        werkteVoorPartij: { uuid: bakkerij.uuid },
      },
    })
    await telefoon(petra, '0031201234567')
  })

  it('offers the persoon whose telefoonnummer it is, however the caller’s number is spelled', async () => {
    for (const spelling of ['06 12 34 56 78', '+31612345678', '0031612345678']) {
      const r = await lookup(spelling)
      expect(r.status, spelling).toBe(200)
      expect(r.body, spelling).toEqual({ results: [{ uuid: jan.uuid, naam: 'Jan de Vries' }] })
    }
  })

  it('offers an organisatie by its naam and a contactpersoon by its contactnaam, sharing one number', async () => {
    const r = await lookup('020-1234567')
    expect(r.status).toBe(200)
    expect(r.body.results).toHaveLength(2)
    expect(r.body.results).toEqual(
      expect.arrayContaining([
        { uuid: bakkerij.uuid, naam: 'Bakkerij De Korenbloem' },
        { uuid: petra.uuid, naam: 'Petra Smit' },
      ]),
    )
  })

  it('answers no partijen for a number no partij gave, or that only a betrokkene gave', async () => {
    expect((await lookup('0687654321')).body).toEqual({ results: [] })
    await createDigitaalAdres(gw().register, { soortDigitaalAdres: 'telefoonnummer', adres: '0611112222' })
    expect((await lookup('0611112222')).body).toEqual({ results: [] })
    // An extension has no public number: nothing can match it.
    expect((await lookup('1001')).body).toEqual({ results: [] })
  })

  it('still offers the partij once many later calls stored the same number for their betrokkenen', async () => {
    // Every registered call stores the caller's number as a digitaal adres of its own, and the
    // register lists the newest first: 25 of them push the partij's older number off the first page.
    const vaak = await createPartij(gw().register, persoon('Vaak'))
    await telefoon(vaak, '+31655556666')
    for (let i = 0; i < 25; i += 1) {
      await createDigitaalAdres(gw().register, {
        soortDigitaalAdres: 'telefoonnummer',
        adres: '+31655556666',
      })
    }
    const r = await lookup('06 5555 6666')
    expect(r.status).toBe(200)
    expect(r.body.results).toEqual([{ uuid: vaak.uuid, naam: expect.stringContaining('Vaak') as string }])
  })

  it('does not offer a partij that is no longer active, whose contact details may not be used', async () => {
    const oud = await createPartij(gw().register, persoon('Oud', { indicatieActief: false }))
    await telefoon(oud, '0633334444')
    expect((await lookup('0633334444')).body).toEqual({ results: [] })
  })

  it('offers at most five partijen for a number many share', async () => {
    for (let i = 0; i < 7; i++) {
      await telefoon(await createPartij(gw().register, persoon(`Lid${i}`)), '0655556666')
    }
    const r = await lookup('0655556666')
    expect(r.status).toBe(200)
    expect(r.body.results).toHaveLength(5)
  })

  it('refuses a query that is not a telefoonnummer with a field error', async () => {
    for (const bad of ['anonymous', '06abc', '12', '+31 6 1234 5678 9012 3456 78', '0612345678;drop']) {
      const r = await lookup(bad)
      expect(r.status, bad).toBe(400)
      expect(r.body, bad).toMatchObject({
        invalidParams: [expect.objectContaining({ name: 'telefoonnummer', code: 'invalid' })],
      })
    }
    const missing = await medewerker1.get('/api/partijen')
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ invalidParams: [expect.objectContaining({ code: 'required' })] })
  })

  it('answers only a logged-in agent', async () => {
    const r = await gw().anonymous.get('/api/partijen?telefoonnummer=0612345678')
    expect(r.status).toBe(401)
    expect(r.headers['www-authenticate']).toMatch(/^Bearer/)
  })

  it('audits the search without the telefoonnummer, and keeps it out of the request log', async () => {
    await lookup('06 12 34 56 78')
    const rows = await gw()
      .gateway.storage.db.selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'partij.zoeken')
      .execute()
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.at(-1)).toMatchObject({ actor: 'medewerker1', resource: 'partij', result: 'ok' })
    const everything = JSON.stringify(rows) + gw().logs.join('\n')
    for (const fragment of ['612345678', '12 34 56 78', '201234567', '0655556666']) {
      expect(everything).not.toContain(fragment)
    }
    expect(gw().logs.some((line) => line.includes('"url":"/api/partijen"'))).toBe(true)
  })
})
