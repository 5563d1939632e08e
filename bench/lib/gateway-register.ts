import { randomUUID } from 'node:crypto'
import { KlantinteractiesClient } from '../../server/gateway/register-client/client'
import type { IdempotencyRecord } from '../../server/gateway/register-client/idempotency'
import {
  maakKlantcontactBody,
  type RegisterInput,
} from '../../server/gateway/register-client/maak-klantcontact'
import type { KlantcontactView } from '../../server/gateway/register-client/view'
import { createRootLogger } from '../../server/lib/logger'
import { demoPassword, monoMs } from './gateway-child'
import { connection, expectJson, type HttpConnection } from './gateway-http'
import { BENCH_TOKEN, C0534_BODY } from './klantcontact'
import { percentile } from './stats'

/**
 * Register-contact latency: `POST /api/klantcontacten` through the gateway, against the provider
 * calls the gateway makes for that registration (register.ts, happy path with a fresh
 * Idempotency-Key and the agent's actor cached), made straight to the provider:
 *
 * 1. `POST /klantinteracties/api/v1/maak-klantcontact` with the body the gateway builds
 *    (`maakKlantcontactBody`: klantcontact with referentienummer and `metadata.kccIdempotencyKey`,
 *    betrokkene with contactnaam);
 * 2. `POST /klantinteracties/api/v1/actorklantcontacten` linking the agent's actor to the
 *    klantcontact that call 1 answered.
 *
 * Two more paths explain the difference, without counting in the target: the same two calls
 * through the gateway's own register client (`KlantinteractiesClient` and its keep-alive
 * transport, server/gateway/register-client/http-transport.ts), and one
 * request to a trivial Fastify route (`POST /echo`, bench/trivial-server.ts), the cost of the one
 * HTTP hop the gateway adds.
 *
 * Every path runs in the benchmark process, sequentially, each over its own keep-alive connection;
 * one iteration makes one request (or pair) of each path, in an order that rotates, so drift in
 * the shared machine's load hits all of them alike.
 */
export const PROVIDER_API = '/klantinteracties/api/v1'
export const AGENT = 'medewerker1'

/** What an agent registers at the end of a C0534 call, as the agent app POSTs it to the gateway. */
export const REGISTRATION: RegisterInput = {
  ...C0534_BODY,
  contactnaam: { voornaam: 'Jan', voorvoegselAchternaam: 'de', achternaam: 'Vries' },
}
const REGISTRATION_JSON = JSON.stringify(REGISTRATION)

export interface RegisterRun {
  /** POST /api/klantcontacten through the gateway. */
  gateway: number[]
  /** The two provider calls, plain HTTP client (node:http). */
  direct: number[]
  /** The same two calls through the gateway's register client (keep-alive node:http). */
  directClient: number[]
  /** POST /echo on the trivial Fastify app: one HTTP hop. */
  echo: number[]
}

export interface RegisterStats {
  p50: number
  p95: number
  p99: number
  max: number
  samples: number
}

export function registerStats(samples: readonly number[]): RegisterStats {
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: Math.max(...samples),
    samples: samples.length,
  }
}

export interface RegisterBench {
  /** `count` iterations, each one request (or pair) of every path in rotating order; ms each. */
  run(count: number): Promise<RegisterRun>
  close(): void
}

interface MaakReply {
  klantcontact: { uuid: string; nummer: string | null }
  betrokkene?: { uuid: string }
}

interface ActorPage {
  count: number
  results: { uuid: string }[]
}

export async function registerBench(
  gatewayPort: number,
  providerPort: number,
  echoPort: number,
): Promise<RegisterBench> {
  const gateway = connection(gatewayPort)
  const direct = connection(providerPort)
  const echo = connection(echoPort)
  const client = new KlantinteractiesClient(
    { baseUrl: `http://127.0.0.1:${providerPort}${PROVIDER_API}`, token: BENCH_TOKEN },
    createRootLogger({ level: 'warn', name: 'bench-register-client' }),
  )
  const closeAll = (): void => {
    gateway.close()
    direct.close()
    echo.close()
    client.close()
  }
  try {
    const session = expectJson<{ token: string }>(
      await gateway.request(
        'POST',
        '/api/session',
        { 'content-type': 'application/json' },
        JSON.stringify({ login: AGENT, password: demoPassword(AGENT) }),
      ),
      201,
      `login as ${AGENT}`,
    )
    const gatewayHeaders = { 'content-type': 'application/json', authorization: `Bearer ${session.token}` }
    const providerHeaders = { 'content-type': 'application/json', authorization: `Token ${BENCH_TOKEN}` }

    // The first registration makes the gateway find or create the agent's actor (then cached);
    // the direct path uses that same actor, as the gateway does from then on.
    await viaGateway(gateway, gatewayHeaders)
    const actors = expectJson<ActorPage>(
      await direct.request(
        'GET',
        `${PROVIDER_API}/actoren?${new URLSearchParams({
          actoridentificatorObjectId: `${AGENT}@kcc.test`,
          actoridentificatorCodeObjecttype: 'mdw',
          actoridentificatorCodeRegister: 'msei',
        })}`,
        providerHeaders,
      ),
      200,
      'actor lookup',
    )
    const actor = actors.results[0]?.uuid
    if (actors.count !== 1 || !actor) {
      throw new Error(`expected one actor for ${AGENT}, found ${actors.count}`)
    }

    const sequence = { direct: 0, client: 0 }
    const paths: (() => Promise<void>)[] = []
    let result: RegisterRun = { gateway: [], direct: [], directClient: [], echo: [] }
    paths.push(async () => {
      result.gateway.push(await viaGateway(gateway, gatewayHeaders))
    })
    paths.push(async () => {
      sequence.direct += 1
      result.direct.push(
        await viaProvider(direct, providerHeaders, actor, referentienummer('99', sequence.direct)),
      )
    })
    paths.push(async () => {
      sequence.client += 1
      result.directClient.push(await viaClient(client, actor, referentienummer('98', sequence.client)))
    })
    paths.push(async () => {
      result.echo.push(await viaEcho(echo))
    })
    return {
      async run(count) {
        result = { gateway: [], direct: [], directClient: [], echo: [] }
        for (let i = 0; i < count; i++) {
          for (let j = 0; j < paths.length; j++) {
            await paths[(i + j) % paths.length]!()
          }
        }
        return result
      },
      close: closeAll,
    }
  } catch (error) {
    closeAll()
    throw error
  }
}

/** One registration through the gateway, checked after the clock stopped. */
async function viaGateway(gateway: HttpConnection, headers: Record<string, string>): Promise<number> {
  const answer = await gateway.request(
    'POST',
    '/api/klantcontacten',
    { ...headers, 'idempotency-key': randomUUID() },
    REGISTRATION_JSON,
  )
  const view = expectJson<KlantcontactView>(answer, 201, 'gateway POST /api/klantcontacten')
  if (!view.uuid || !view.nummer || !view.actoren.some((a) => a.login === AGENT)) {
    throw new Error(`gateway registration incomplete: ${answer.body.slice(0, 300)}`)
  }
  if (view.betrokkenen.length !== 1) {
    throw new Error(`gateway registration without its betrokkene: ${answer.body.slice(0, 300)}`)
  }
  return answer.ms
}

/** Referentienummers of the direct paths (`99…`, `98…`) cannot collide with the gateway's (`<yy>…`). */
function referentienummer(prefix: string, sequence: number): string {
  return `${prefix}${String(sequence).padStart(8, '0')}`
}

/** The body the gateway sends to `POST /maak-klantcontact` for REGISTRATION, built before timing. */
function maakBody(referentie: string): Record<string, unknown> {
  const now = Date.now()
  const record: IdempotencyRecord = {
    agent_login: AGENT,
    idempotency_key: randomUUID(),
    request_hash: '',
    referentienummer: referentie,
    nummer: null,
    klantcontact_uuid: null,
    state: 'pending',
    created_at: now,
    updated_at: now,
  }
  return maakKlantcontactBody(record, REGISTRATION, new Date(now))
}

/** The gateway's two register calls for one registration, straight to the provider (node:http). */
async function viaProvider(
  direct: HttpConnection,
  headers: Record<string, string>,
  actor: string,
  referentie: string,
): Promise<number> {
  const body = JSON.stringify(maakBody(referentie))
  const started = monoMs()
  const made = await direct.request('POST', `${PROVIDER_API}/maak-klantcontact`, headers, body)
  // Parsing the answer for the uuid is part of the work: the link needs it, as in the gateway.
  const reply = expectJson<MaakReply>(made, 201, 'provider POST /maak-klantcontact')
  const linked = await direct.request(
    'POST',
    `${PROVIDER_API}/actorklantcontacten`,
    headers,
    JSON.stringify({ actor: { uuid: actor }, klantcontact: { uuid: reply.klantcontact.uuid } }),
  )
  const ms = monoMs() - started
  expectJson(linked, 201, 'provider POST /actorklantcontacten')
  checkMade(reply)
  return ms
}

/** The same two calls through the gateway's register client, as register.ts and actor-link.ts make them. */
async function viaClient(client: KlantinteractiesClient, actor: string, referentie: string): Promise<number> {
  const body = maakBody(referentie)
  const started = monoMs()
  const reply = await client.post<MaakReply>('maak-klantcontact', body)
  await client.post('actorklantcontacten', {
    actor: { uuid: actor },
    klantcontact: { uuid: reply.klantcontact.uuid },
  })
  const ms = monoMs() - started
  checkMade(reply)
  return ms
}

async function viaEcho(echo: HttpConnection): Promise<number> {
  const answer = await echo.request(
    'POST',
    '/echo',
    { 'content-type': 'application/json' },
    REGISTRATION_JSON,
  )
  expectJson(answer, 201, 'trivial POST /echo')
  return answer.ms
}

function checkMade(reply: MaakReply): void {
  if (!reply.klantcontact.nummer || !reply.betrokkene) {
    throw new Error('provider maak-klantcontact answered without a nummer or betrokkene')
  }
}
