import { describe, expect, it } from 'vitest'
import { GatewayError } from '../../../renderer/src/api/errors'
import { createGatewayClient } from '../../../renderer/src/api/gateway-client'

type Handler = (request: Request) => Response | Promise<Response>

/** A fetch stand-in (unit test only): answers from `handler` and records every request. */
function fakeFetch(handler: Handler): { fetch: typeof fetch; requests: Request[] } {
  const requests: Request[] = []
  return {
    requests,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init)
      requests.push(request)
      return handler(request)
    }) as typeof fetch,
  }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } })

const client = (handler: Handler, token = 'tok') => {
  const fake = fakeFetch(handler)
  let lost = 0
  const api = createGatewayClient({
    baseUrl: 'http://gateway.test/',
    token: () => token,
    onUnauthenticated: () => lost++,
    fetch: fake.fetch,
  })
  return { api, requests: fake.requests, lost: () => lost }
}

const error = async (promise: Promise<unknown>): Promise<GatewayError> => {
  try {
    await promise
  } catch (caught) {
    if (caught instanceof GatewayError) {
      return caught
    }
    throw caught
  }
  throw new Error('expected a GatewayError')
}

describe('the gateway client', () => {
  it('sends the bearer token and the idempotency key with a registration', async () => {
    const { api, requests } = client(() => json(201, { uuid: 'u', nummer: '26000001' }))
    const view = await api.registerKlantcontact({ kanaal: 'Telefoon', onderwerp: 'Dakkapel' }, 'key-1')
    expect(view.nummer).toBe('26000001')
    expect(requests[0]!.url).toBe('http://gateway.test/api/klantcontacten')
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer tok')
    expect(requests[0]!.headers.get('idempotency-key')).toBe('key-1')
  })

  it('turns a 400 problem into a rejected error that carries the field errors', async () => {
    const { api } = client(() =>
      json(400, {
        detail: 'Ongeldig',
        invalidParams: [{ name: 'onderwerp', code: 'max_length', reason: 'te lang' }],
      }),
    )
    const e = await error(api.registerKlantcontact({ kanaal: 'Telefoon', onderwerp: 'x' }, 'k'))
    expect(e.kind).toBe('rejected')
    expect(e.retryable).toBe(false)
    expect(e.problem?.invalidParams?.[0]?.name).toBe('onderwerp')
  })

  it('says a 5xx or no answer at all may be retried', async () => {
    const failed = await error(client(() => json(504, { detail: 'register timeout' })).api.recent())
    expect(failed.kind).toBe('failed')
    expect(failed.retryable).toBe(true)
    const down = await error(
      client(() => {
        throw new TypeError('fetch failed')
      }).api.recent(),
    )
    expect(down.kind).toBe('unreachable')
    expect(down.retryable).toBe(true)
  })

  it('reports a lost session once, but not a wrong password at login', async () => {
    const lostSession = client(() => json(401, { detail: 'no session' }))
    expect((await error(lostSession.api.me())).kind).toBe('unauthenticated')
    expect(lostSession.lost()).toBe(1)

    const wrongPassword = client(() => json(401, { detail: 'wrong' }))
    expect((await error(wrongPassword.api.login('a', 'b'))).kind).toBe('unauthenticated')
    expect(wrongPassword.lost()).toBe(0)
  })

  it('refuses a klantcontactnummer that is not 1 to 10 digits without asking the gateway', async () => {
    const { api, requests } = client(() => json(200, {}))
    const e = await error(api.klantcontactByNummer('123/../x'))
    expect(e.kind).toBe('rejected')
    expect(requests).toHaveLength(0)
  })

  it('does not look up a withheld or non-numeric caller', async () => {
    const { api, requests } = client(() => json(200, { results: [{ uuid: 'p', naam: 'X' }] }))
    expect(await api.partijenByTelefoonnummer('anonymous')).toEqual({ results: [] })
    expect(requests).toHaveLength(0)
    expect((await api.partijenByTelefoonnummer('+31612345678')).results).toHaveLength(1)
    expect(new URL(requests[0]!.url).searchParams.get('telefoonnummer')).toBe('+31612345678')
  })
})

describe('the gateway client’s sign-in', () => {
  it('asks which sign-in the gateway offers', async () => {
    const { api, requests } = client(() => json(200, { password: false, oidc: { label: 'Gemeente' } }))
    await expect(api.authMethods()).resolves.toEqual({ password: false, oidc: { label: 'Gemeente' } })
    expect(requests[0]!.url).toBe('http://gateway.test/api/auth/methods')
  })

  it('exchanges the handoff code with the verifier, and a refused code is not a lost session', async () => {
    let body: unknown
    const { api, requests, lost } = client(async (request) => {
      body = await request.clone().json()
      return json(401, { detail: 'verlopen' })
    })
    const refused = await error(api.loginWithSso('code-1', 'verifier-1'))
    expect(refused.kind).toBe('unauthenticated')
    expect(lost()).toBe(0)
    expect(requests[0]!.method).toBe('POST')
    expect(requests[0]!.url).toBe('http://gateway.test/api/session/sso')
    expect(body).toEqual({ code: 'code-1', verifier: 'verifier-1' })
  })

  it('answers where the provider’s session ends after logging out of a single-sign-on session', async () => {
    const url = 'http://gateway.test/api/auth/oidc/logout?id=x'
    await expect(client(() => json(200, { endSessionUrl: url })).api.logout()).resolves.toEqual({
      endSessionUrl: url,
    })
    await expect(client(() => new Response(null, { status: 204 })).api.logout()).resolves.toEqual({
      endSessionUrl: null,
    })
  })
})
