import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import type { Klantcontact, List } from '../../support/klantinteracties-types'
import { registration, useGateway, type GatewayClient } from '../../support/gateway'

/**
 * VNG case C0534 through the task API: medewerker 1 (KCC) registers the caller's question,
 * announces the transfer to Afdeling Vergunningen, medewerker 2 opens it from the nummer and
 * answers; the register then holds the appended inhoud and both medewerkers as actors.
 */
const ANTWOORD = 'Een dakkapel op het achterdakvlak is onder voorwaarden vergunningsvrij.'

describe('C0534 through the gateway: a question answered by a colleague after a transfer', () => {
  const gw = useGateway()
  let medewerker1: GatewayClient
  let medewerker2: GatewayClient
  let registered: KlantcontactView

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
    medewerker2 = await gw().login('medewerker2')
  })

  it('step 1: medewerker 1 registers the klantcontact with the caller as betrokkene and herself as actor', async () => {
    const r = await medewerker1.post<KlantcontactView>('/api/klantcontacten', registration(), {
      'idempotency-key': randomUUID(),
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    registered = r.body
    expect(registered.nummer).toMatch(/^\d{8}$/)
    expect(registered.inhoud).toBe(registration()['inhoud'])
    expect(registered.betrokkenen).toEqual([
      { uuid: expect.any(String), rol: 'klant', initiator: true, volledigeNaam: 'Jan de Vries' },
    ])
    expect(registered.actoren.map((a) => a.login)).toEqual(['medewerker1'])
  })

  it('step 3: medewerker 1 announces the transfer to Afdeling Vergunningen', async () => {
    const r = await medewerker1.post('/api/transfers', {
      klantcontactUuid: registered.uuid,
      target: { type: 'afdeling', id: 'vergunningen' },
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body).toMatchObject({ nummer: registered.nummer, from: 'medewerker1' })
  })

  it('step 3B: medewerker 2 opens it from the nummer, with the question and the caller name', async () => {
    const r = await medewerker2.get<{ klantcontact: KlantcontactView }>(
      `/api/transfers/resolve/${registered.nummer}`,
    )
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.klantcontact).toMatchObject({
      uuid: registered.uuid,
      onderwerp: 'Voorwaarden vergunningsvrije dakkapel',
      inhoud: registration()['inhoud'],
      afgeschermd: false,
    })
    expect(r.body.klantcontact.betrokkenen[0]?.volledigeNaam).toBe('Jan de Vries')
  })

  it('step 3B/5: medewerker 2 answers; the register has the appended inhoud and both actors', async () => {
    const r = await medewerker2.post<KlantcontactView>(`/api/klantcontacten/${registered.uuid}/antwoord`, {
      antwoord: ANTWOORD,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)

    const stored = await gw().register.get<Klantcontact>(`/klantcontacten/${registered.uuid}`)
    expect(stored.body.inhoud).toBe(`${String(registration()['inhoud'])}\n\nAntwoord: ${ANTWOORD}`)
    expect(stored.body.onderwerp).toBe('Voorwaarden vergunningsvrije dakkapel')
    expect(stored.body.hadBetrokkenActoren.map((a) => a.actoridentificator)).toEqual(
      expect.arrayContaining([
        {
          objectId: 'medewerker1@kcc.test',
          codeObjecttype: 'mdw',
          codeRegister: 'msei',
          codeSoortObjectId: 'email',
        },
        {
          objectId: 'medewerker2@kcc.test',
          codeObjecttype: 'mdw',
          codeRegister: 'msei',
          codeSoortObjectId: 'email',
        },
      ]),
    )
    expect(stored.body.hadBetrokkenActoren).toHaveLength(2)
  })

  it('an answer sent again is neither appended nor linked a second time', async () => {
    const again = await medewerker2.post(`/api/klantcontacten/${registered.uuid}/antwoord`, {
      antwoord: ANTWOORD,
    })
    expect(again.status).toBe(200)
    const stored = await gw().register.get<Klantcontact>(`/klantcontacten/${registered.uuid}`)
    expect(stored.body.inhoud.split('Antwoord:')).toHaveLength(2)
    const links = await gw().register.get<List<unknown>>(
      `/actorklantcontacten?klantcontact__uuid=${registered.uuid}`,
    )
    expect(links.body.count).toBe(2)
  })

  it('opening by nummer (without a transfer) shows the same klantcontact, with its actors named', async () => {
    const r = await medewerker1.get<KlantcontactView>(`/api/klantcontacten/by-nummer/${registered.nummer}`)
    expect(r.status).toBe(200)
    expect(r.body.uuid).toBe(registered.uuid)
    expect(r.body.actoren.map((a) => a.login).sort()).toEqual(['medewerker1', 'medewerker2'])
    expect(r.body.actoren.map((a) => a.naam).sort()).toEqual([
      'Medewerker 1 (KCC)',
      'Medewerker 2 (Vergunningen)',
    ])
  })

  it('the agents exist in the register as medewerker actors from login on', async () => {
    const r = await gw().register.get<List<{ naam: string; soortActor: string }>>(
      '/actoren?actoridentificatorObjectId=medewerker2@kcc.test',
    )
    expect(r.body.results).toEqual([
      expect.objectContaining({ naam: 'Medewerker 2 (Vergunningen)', soortActor: 'medewerker' }),
    ])
  })
})
