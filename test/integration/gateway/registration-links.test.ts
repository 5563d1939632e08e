import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import type { List } from '../../support/klantinteracties-types'
import { GatewayClient, registration, useGateway } from '../../support/gateway'

/**
 * What a registration adds beside the klantcontact (docs/gateway.md, "Registering a contact exactly
 * once"): the caller's number as the klant betrokkene's digitaal adres, and a call-back's link to
 * its aanleiding as an onderwerpobject, both as KISS reads them from the register, and both without
 * a duplicate when the registration is retried.
 */
interface DigitaalAdresBody {
  uuid: string
  adres: string
  soortDigitaalAdres: string
  verstrektDoorBetrokkene: { uuid: string } | null
  verstrektDoorPartij: { uuid: string } | null
}
interface BetrokkeneBody {
  uuid: string
  rol: string
  initiator: boolean
  _expand: { digitaleAdressen: DigitaalAdresBody[] }
}
interface KlantcontactBody {
  uuid: string
  _expand: { hadBetrokkenen: BetrokkeneBody[] }
}
interface OnderwerpobjectBody {
  klantcontact: { uuid: string } | null
  wasKlantcontact: { uuid: string } | null
}

const isCall = (input: RequestInfo | URL, init: RequestInit | undefined, method: string, path: string) => {
  const request = input instanceof Request ? input : null
  const url = request ? request.url : String(input)
  return (request?.method ?? init?.method ?? 'GET') === method && new URL(url).pathname.endsWith(path)
}

describe('a registration’s caller number and call-back link', () => {
  const gw = useGateway()
  let agent: GatewayClient
  let colleague: GatewayClient

  beforeAll(async () => {
    agent = await gw().login('medewerker1')
    colleague = await gw().login('medewerker2')
  })

  const register = async (
    by: GatewayClient,
    overrides: Record<string, unknown>,
    key = randomUUID(),
  ): Promise<KlantcontactView> => {
    const r = await by.post<KlantcontactView>('/api/klantcontacten', registration(overrides), {
      'idempotency-key': key,
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body
  }

  const betrokkenen = async (uuid: string): Promise<BetrokkeneBody[]> =>
    (
      await gw().register.get<KlantcontactBody>(
        `/klantcontacten/${uuid}?expand=hadBetrokkenen,hadBetrokkenen.digitaleAdressen`,
      )
    ).body._expand.hadBetrokkenen

  const onderwerpobjecten = async (uuid: string): Promise<OnderwerpobjectBody[]> =>
    (await gw().register.get<List<OnderwerpobjectBody>>(`/onderwerpobjecten?klantcontact__uuid=${uuid}`)).body
      .results

  it('stores the caller’s number as the klant betrokkene’s digitaal adres of soort telefoonnummer', async () => {
    const k = await register(agent, { telefoonnummer: '06 12 34 56 78' })
    const [klant] = await betrokkenen(k.uuid)
    expect(klant).toMatchObject({ rol: 'klant', initiator: true })
    expect(klant!._expand.digitaleAdressen).toEqual([
      expect.objectContaining({
        adres: '+31612345678',
        soortDigitaalAdres: 'telefoonnummer',
        verstrektDoorBetrokkene: expect.objectContaining({ uuid: klant!.uuid }),
        verstrektDoorPartij: null,
      }),
    ])
    expect(gw().logs.filter((l) => l.includes('612345678'))).toEqual([])
  })

  it('makes an unnamed klant betrokkene to hold the number when the caller gave no name', async () => {
    const k = await register(agent, { telefoonnummer: '+31 20 123 4567', contactnaam: null })
    const found = await betrokkenen(k.uuid)
    expect(found).toHaveLength(1)
    expect(found[0]!._expand.digitaleAdressen.map((d) => d.adres)).toEqual(['+31201234567'])
  })

  it('ignores what is no phone number: an extension or a withheld number', async () => {
    for (const telefoonnummer of ['1001', 'anonymous']) {
      const k = await register(agent, { telefoonnummer, contactnaam: null })
      expect(await betrokkenen(k.uuid), telefoonnummer).toEqual([])
    }
  })

  it('writes the number once when its answer was lost and the registration is sent again', async () => {
    let loseAnswer = true
    const flaky = await gw().startInstance({
      upstream: {
        fetch: async (input, init) => {
          const response = await fetch(input, init)
          if (loseAnswer && isCall(input, init, 'POST', '/digitaleadressen')) {
            // The register applied it; the answer never came back.
            throw new TypeError('fetch failed')
          }
          return response
        },
      },
    })
    const key = randomUUID()
    const body = registration({ telefoonnummer: '0612345670' })
    const failed = await new GatewayClient(() => flaky.app, agent.token).post('/api/klantcontacten', body, {
      'idempotency-key': key,
    })
    // Settled by reading the betrokkene again: the number is there, so the registration completes.
    expect(failed.status).toBe(201)
    loseAnswer = false
    const again = await agent.post<KlantcontactView>('/api/klantcontacten', body, { 'idempotency-key': key })
    expect(again.status).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    const [klant] = await betrokkenen(again.body.uuid)
    expect(klant!._expand.digitaleAdressen.map((d) => d.adres)).toEqual(['+31612345670'])
  })

  it('completes the number on a retry when the register was unreachable for it, without a second klantcontact', async () => {
    let down = true
    const flaky = await gw().startInstance({
      upstream: {
        fetch: async (input, init) => {
          if (down && isCall(input, init, 'POST', '/digitaleadressen')) {
            throw new TypeError('fetch failed')
          }
          return fetch(input, init)
        },
      },
    })
    const key = randomUUID()
    const body = registration({ telefoonnummer: '0612345671' })
    const failed = await new GatewayClient(() => flaky.app, agent.token).post('/api/klantcontacten', body, {
      'idempotency-key': key,
    })
    expect(failed.status).toBe(502)
    down = false
    const retry = await agent.post<KlantcontactView>('/api/klantcontacten', body, { 'idempotency-key': key })
    expect(retry.status).toBe(201)
    const same = await gw().register.get<List<{ uuid: string }>>(
      `/klantcontacten?referentienummer=${retry.body.referentienummer}`,
    )
    expect(same.body.count).toBe(1)
    const [klant] = await betrokkenen(retry.body.uuid)
    expect(klant!._expand.digitaleAdressen.map((d) => d.adres)).toEqual(['+31612345671'])
  })

  it('links a call-back to its aanleiding: the new klantcontact went about an onderwerpobject that was the earlier one', async () => {
    const earlier = await register(colleague, {})
    const key = randomUUID()
    const body = { aanleidingKlantcontactUuid: earlier.uuid, telefoonnummer: '0612345672' }
    const callBack = await register(agent, body, key)
    const links = [
      expect.objectContaining({
        klantcontact: expect.objectContaining({ uuid: callBack.uuid }),
        wasKlantcontact: expect.objectContaining({ uuid: earlier.uuid }),
      }),
    ]
    expect(await onderwerpobjecten(callBack.uuid)).toEqual(links)
    // The earlier one went about nothing new; it only is what the call-back went about.
    expect(await onderwerpobjecten(earlier.uuid)).toEqual([])
    // A retry links nothing twice: the link was made in the klantcontact's own transaction.
    expect((await register(agent, body, key)).uuid).toBe(callBack.uuid)
    expect(await onderwerpobjecten(callBack.uuid)).toEqual(links)
  })

  it('does not link to a vertrouwelijk klantcontact the agent may not read, and still registers the call', async () => {
    const secret = await register(colleague, { vertrouwelijk: true })
    const callBack = await register(agent, { aanleidingKlantcontactUuid: secret.uuid })
    expect(await onderwerpobjecten(callBack.uuid)).toEqual([])
  })

  it('links to a vertrouwelijk klantcontact whose contactverzoek is assigned to the agent’s afdeling', async () => {
    const secret = await register(colleague, { vertrouwelijk: true })
    const verzoek = await colleague.post('/api/contactverzoeken', {
      klantcontactUuid: secret.uuid,
      gevraagdeHandeling: 'Terugbellen',
      toegewezenAan: { type: 'afdeling', id: 'kcc' },
    })
    expect(verzoek.status).toBe(201)
    const callBack = await register(agent, { aanleidingKlantcontactUuid: secret.uuid })
    expect(await onderwerpobjecten(callBack.uuid)).toEqual([
      expect.objectContaining({ wasKlantcontact: expect.objectContaining({ uuid: secret.uuid }) }),
    ])
  })

  it('registers a call-back whose aanleiding does not exist, without a link', async () => {
    const callBack = await register(agent, { aanleidingKlantcontactUuid: randomUUID() })
    expect(await onderwerpobjecten(callBack.uuid)).toEqual([])
  })
})
