import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import type { Klantcontact, List } from '../../support/klantinteracties-types'
import { GatewayClient, registration, useGateway, type TestGateway } from '../../support/gateway'

/**
 * Registering a contact is idempotent per Idempotency-Key (docs/gateway.md):
 * concurrent duplicates, retries, a gateway that died half-way and a register that refused half of
 * the saga all end with exactly one complete klantcontact, or none.
 */
async function klantcontactCount(gw: TestGateway): Promise<number> {
  return (await gw.register.get<List<unknown>>('/klantcontacten?pageSize=1')).body.count
}

async function stored(gw: TestGateway, referentienummer: string): Promise<Klantcontact[]> {
  return (await gw.register.get<List<Klantcontact>>(`/klantcontacten?referentienummer=${referentienummer}`))
    .body.results
}

const isCall = (
  input: RequestInfo | URL,
  init: RequestInit | undefined,
  method: string,
  path: string,
): boolean => {
  const request = input instanceof Request ? input : null
  const url = request ? request.url : String(input)
  return (request?.method ?? init?.method ?? 'GET') === method && new URL(url).pathname.endsWith(path)
}

describe('registering a contact exactly once', () => {
  const gw = useGateway()
  let agent: GatewayClient

  beforeAll(async () => {
    agent = await gw().login('medewerker1')
  })

  it('makes one klantcontact from the same registration sent 50 times at once', async () => {
    const before = await klantcontactCount(gw())
    const key = randomUUID()
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        agent.post<KlantcontactView>('/api/klantcontacten', registration(), { 'idempotency-key': key }),
      ),
    )
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(201))
    expect(new Set(replies.map((r) => r.body.uuid)).size).toBe(1)
    expect(await klantcontactCount(gw())).toBe(before + 1)
    const [klantcontact] = await stored(gw(), replies[0]!.body.referentienummer!)
    expect(klantcontact!.hadBetrokkenActoren).toHaveLength(1)
  })

  it('makes one klantcontact when two gateway instances share the work of 50 identical requests', async () => {
    const other = await gw().startInstance()
    const otherAgent = new GatewayClient(() => other.app, agent.token)
    const before = await klantcontactCount(gw())
    const key = randomUUID()
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? agent : otherAgent).post<KlantcontactView>('/api/klantcontacten', registration(), {
          'idempotency-key': key,
        }),
      ),
    )
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(201))
    expect(new Set(replies.map((r) => r.body.uuid)).size).toBe(1)
    expect(await klantcontactCount(gw())).toBe(before + 1)
    const [klantcontact] = await stored(gw(), replies[0]!.body.referentienummer!)
    expect(klantcontact!.hadBetrokkenActoren).toHaveLength(1)
  })

  it('answers a retry with the same klantcontact, marked as replayed', async () => {
    const key = randomUUID()
    const first = await agent.post<KlantcontactView>('/api/klantcontacten', registration(), {
      'idempotency-key': key,
    })
    const again = await agent.post<KlantcontactView>('/api/klantcontacten', registration(), {
      'idempotency-key': key,
    })
    expect(again.status).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.body).toEqual(first.body)
  })

  it('refuses the same key with another body (422) and registers nothing for it', async () => {
    const key = randomUUID()
    await agent.post('/api/klantcontacten', registration(), { 'idempotency-key': key })
    const before = await klantcontactCount(gw())
    const other = await agent.post('/api/klantcontacten', registration({ onderwerp: 'Iets anders' }), {
      'idempotency-key': key,
    })
    expect(other.status).toBe(422)
    expect(other.body['code']).toBe('idempotency_key_reused')
    expect(await klantcontactCount(gw())).toBe(before)
  })

  it('requires an Idempotency-Key that is a UUID', async () => {
    const missing = await agent.post('/api/klantcontacten', registration())
    expect(missing.status).toBe(400)
    expect(missing.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'Idempotency-Key', code: 'required' }),
    ])
    const invalid = await agent.post('/api/klantcontacten', registration(), { 'idempotency-key': '42' })
    expect(invalid.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'Idempotency-Key', code: 'invalid' }),
    ])
  })

  it('lets a draft whose registration the register refused be corrected and sent with the same key', async () => {
    const key = randomUUID()
    const refused = await agent.post('/api/klantcontacten', registration({ partijUuid: randomUUID() }), {
      'idempotency-key': key,
    })
    expect(refused.status).toBe(400)
    expect(refused.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'partijUuid', code: 'does_not_exist' }),
    ])
    const corrected = await agent.post('/api/klantcontacten', registration(), { 'idempotency-key': key })
    expect(corrected.status).toBe(201)
  })
})

describe('registering a contact after a failure half-way', () => {
  const gw = useGateway()
  let agent: GatewayClient

  beforeAll(async () => {
    agent = await gw().login('medewerker1')
  })

  it('completes, without a duplicate, a registration whose gateway died after the register created it', async () => {
    // Instance A sends the klantcontact to the register, then "dies": it never hears the answer.
    let release: (() => void) | undefined
    const dead = new Promise<void>((resolve) => (release = resolve))
    let created!: () => void
    const reached = new Promise<void>((resolve) => (created = resolve))
    const a = await gw().startInstance({
      upstream: {
        timeoutMs: 60_000,
        fetch: async (input, init) => {
          const response = await fetch(input, init)
          if (isCall(input, init, 'POST', '/maak-klantcontact')) {
            created()
            await dead
            throw new TypeError('fetch failed')
          }
          return response
        },
      },
    })
    const before = await klantcontactCount(gw())
    const key = randomUUID()
    const lost = new GatewayClient(() => a.app, agent.token).post('/api/klantcontacten', registration(), {
      'idempotency-key': key,
    })
    await reached
    expect(await klantcontactCount(gw())).toBe(before + 1)

    // The agent's app retries with the same key at the restarted gateway (instance B: the main one).
    const retry = await agent.post<KlantcontactView>('/api/klantcontacten', registration(), {
      'idempotency-key': key,
    })
    expect(retry.status, JSON.stringify(retry.body)).toBe(201)
    expect(await klantcontactCount(gw())).toBe(before + 1)
    const [klantcontact] = await stored(gw(), retry.body.referentienummer!)
    expect(klantcontact!.uuid).toBe(retry.body.uuid)
    expect(klantcontact!.hadBetrokkenActoren).toHaveLength(1)

    release!()
    await lost
  })

  it('completes a klantcontact that exists without its actor link, when the same key is sent again', async () => {
    let failLink = true
    const a = await gw().startInstance({
      upstream: {
        fetch: async (input, init) => {
          if (failLink && isCall(input, init, 'POST', '/actorklantcontacten')) {
            throw new TypeError('fetch failed')
          }
          return fetch(input, init)
        },
      },
    })
    const before = await klantcontactCount(gw())
    const key = randomUUID()
    const failed = await new GatewayClient(() => a.app, agent.token).post(
      '/api/klantcontacten',
      registration(),
      {
        'idempotency-key': key,
      },
    )
    expect(failed.status).toBe(502)
    // The half-made state: the klantcontact is in the register, no actor is linked.
    const page = await gw().register.get<List<Klantcontact>>('/klantcontacten?pageSize=1')
    expect(page.body.count).toBe(before + 1)
    expect(page.body.results[0]!.hadBetrokkenActoren).toEqual([])

    failLink = false
    const retry = await agent.post<KlantcontactView>('/api/klantcontacten', registration(), {
      'idempotency-key': key,
    })
    expect(retry.status).toBe(201)
    expect(retry.body.uuid).toBe(page.body.results[0]!.uuid)
    expect(await klantcontactCount(gw())).toBe(before + 1)
    const [klantcontact] = await stored(gw(), retry.body.referentienummer!)
    expect(klantcontact!.hadBetrokkenActoren).toHaveLength(1)
  })

  it('deletes the half-made klantcontact when the register refuses the actor link, and starts over on a retry', async () => {
    const a = await gw().startInstance({
      upstream: {
        fetch: async (input, init) =>
          isCall(input, init, 'POST', '/actorklantcontacten')
            ? new Response(
                JSON.stringify({
                  code: 'invalid',
                  status: 400,
                  invalidParams: [{ name: 'nonFieldErrors', code: 'invalid', reason: 'Geweigerd.' }],
                }),
                { status: 400, headers: { 'content-type': 'application/problem+json' } },
              )
            : fetch(input, init),
      },
    })
    const before = await klantcontactCount(gw())
    const key = randomUUID()
    const refused = await new GatewayClient(() => a.app, agent.token).post(
      '/api/klantcontacten',
      registration(),
      {
        'idempotency-key': key,
      },
    )
    expect(refused.status).toBe(502)
    expect(refused.body['code']).toBe('registratie_teruggedraaid')
    expect(await klantcontactCount(gw())).toBe(before)

    const retry = await agent.post<KlantcontactView>('/api/klantcontacten', registration(), {
      'idempotency-key': key,
    })
    expect(retry.status).toBe(201)
    expect(await klantcontactCount(gw())).toBe(before + 1)
    expect((await stored(gw(), retry.body.referentienummer!))[0]!.hadBetrokkenActoren).toHaveLength(1)
  })
})
