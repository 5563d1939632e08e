import fc from 'fast-check'
import type { RouteEntry } from '../../../server/lib/http/route-table'
import {
  bodyOf,
  headersOf,
  otherMethod,
  pathTail,
  queryString,
  strayParameter,
  type Body,
  type FuzzRequest,
} from './requests'
import { mutated, plausible, type Schema, type SchemaContext } from './schema-values'
import { hostileSegment, hostileString } from './values'

/**
 * Requests for every route of the gateway's task API (docs/gateway.md), from the route table the
 * app records: path parameters from what the gateway really holds (klantcontacten, nummers,
 * transfers) or junk, the documented query parameters, and bodies from the schemas the routes
 * declare, plausible or mutated; as an agent, as the supervisor, with a bad token or none.
 */
const text = (maxLength: number): Schema => ({ type: 'string', minLength: 1, maxLength })
const login: Schema = { type: 'string', 'x-pool': 'login' }

/** The bodies the routes take, as docs/gateway.md lists them. */
const BODIES: Record<string, Schema> = {
  'POST /api/session': {
    type: 'object',
    required: ['login', 'password'],
    properties: { login, password: text(1024) },
  },
  'POST /api/klantcontacten': {
    type: 'object',
    required: ['kanaal', 'onderwerp'],
    properties: {
      kanaal: { type: 'string', enum: ['Telefoon', 'E-mail', 'Balie'] },
      onderwerp: text(200),
      inhoud: { type: 'string', nullable: true, maxLength: 1000 },
      taal: { type: 'string', nullable: true, enum: ['nld', 'eng', 'xx'] },
      vertrouwelijk: { type: 'boolean', nullable: true },
      indicatieContactGelukt: { type: 'boolean', nullable: true },
      plaatsgevondenOp: { type: 'string', nullable: true, format: 'date-time' },
      contactnaam: {
        type: 'object',
        nullable: true,
        properties: {
          voorletters: text(10),
          voornaam: text(200),
          voorvoegselAchternaam: text(10),
          achternaam: text(200),
        },
      },
      partijUuid: { type: 'string', nullable: true, 'x-pool': 'partij' },
    },
  },
  'POST /api/klantcontacten/:uuid/antwoord': {
    type: 'object',
    required: ['antwoord'],
    properties: { antwoord: text(4000) },
  },
  'POST /api/contactverzoeken': {
    type: 'object',
    required: ['klantcontactUuid', 'gevraagdeHandeling', 'toegewezenAan'],
    properties: {
      klantcontactUuid: { type: 'string', 'x-pool': 'klantcontact' },
      gevraagdeHandeling: text(200),
      toelichting: { type: 'string', nullable: true, maxLength: 1000 },
      toegewezenAan: assignee(),
    },
  },
  'POST /api/transfers': {
    type: 'object',
    required: ['target'],
    properties: {
      klantcontactUuid: { type: 'string', nullable: true, 'x-pool': 'klantcontact' },
      nummer: { type: 'string', nullable: true, 'x-pool': 'nummer' },
      target: assignee(),
    },
  },
  'POST /api/transfers/:id/close': {
    type: 'object',
    required: ['outcome'],
    properties: { outcome: { type: 'string', enum: ['accepted', 'declined', 'cancelled'] } },
  },
  'POST /api/monitor-sessions': {
    type: 'object',
    required: ['agent', 'mode'],
    properties: { agent: login, mode: { type: 'string', enum: ['listen', 'whisper', 'barge'] } },
  },
  'POST /api/security-events': {
    type: 'object',
    required: ['kind'],
    properties: {
      kind: { type: 'string', enum: ['refer-refused'] },
      callId: { type: 'string', format: 'uuid' },
    },
  },
}

function assignee(): Schema {
  return {
    type: 'object',
    required: ['type', 'id'],
    properties: {
      type: { type: 'string', enum: ['agent', 'afdeling'] },
      id: { type: 'string', 'x-pool': 'assignee' },
    },
  }
}

/** The documented query parameters per route. */
const QUERIES: Record<string, ReadonlyArray<readonly [string, fc.Arbitrary<string>]>> = {
  'GET /api/audit': [
    ['limit', fc.oneof(fc.integer({ min: -5, max: 600 }).map(String), hostileString)],
    ['security', fc.oneof(fc.constantFrom('true', 'false'), hostileString)],
  ],
  'GET /api/partijen': [
    ['telefoonnummer', fc.oneof(fc.constantFrom('0612345678', '+31 (0)6-1234 5678', '112'), hostileString)],
  ],
}

/** Which pool a path parameter draws from. */
const PARAMETERS: Record<string, string> = { uuid: 'klantcontact', nummer: 'nummer', id: 'transfer' }

/**
 * Sessions end (the fuzz logs itself out), so a request names whose session it carries and the
 * sender puts in the current token: {@link withSessions}.
 */
export interface Identities {
  agent: string
  supervisor: string
}

const tokens: Identities = { agent: '{agent}', supervisor: '{supervisor}' }

export function withSessions(request: FuzzRequest, current: Identities): FuzzRequest {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name] = value
      .replaceAll(tokens.agent, current.agent)
      .replaceAll(tokens.supervisor, current.supervisor)
  }
  return { ...request, headers }
}

/** Whose session `request` carries, if any. */
export function sessionOf(request: FuzzRequest): keyof Identities | undefined {
  const auth = request.headers['authorization'] ?? ''
  return auth === `Bearer ${tokens.agent}`
    ? 'agent'
    : auth === `Bearer ${tokens.supervisor}`
      ? 'supervisor'
      : undefined
}

function credentials(): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant({ authorization: `Bearer ${tokens.agent}` }) },
    { weight: 4, arbitrary: fc.constant({ authorization: `Bearer ${tokens.supervisor}` }) },
    { weight: 1, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { authorization: 'Bearer ' },
        { authorization: 'Bearer onbekend' },
        { authorization: `Token ${tokens.agent}` },
        { authorization: `bearer ${tokens.agent}` },
        { authorization: `Bearer ${tokens.agent} ${tokens.supervisor}` },
      ),
    },
  )
}

function pathOf(route: RouteEntry, ctx: SchemaContext): fc.Arbitrary<string> {
  const parts = route.url.split('/').map((part) => {
    if (!part.startsWith(':')) {
      return fc.constant(part)
    }
    const known = ctx.pool.pick(PARAMETERS[part.slice(1)] ?? part.slice(1), fc.uuid())
    return fc.oneof(
      { weight: 6, arbitrary: known },
      { weight: 1, arbitrary: fc.uuid() },
      { weight: 3, arbitrary: hostileSegment },
    )
  })
  return fc.tuple(...parts).map((segments) => segments.join('/'))
}

/** One request aimed at `route`. */
export function gatewayRequest(route: RouteEntry, ctx: SchemaContext): fc.Arbitrary<FuzzRequest> {
  const target = `${route.method} ${route.url}`
  const schema = BODIES[target]
  const value = schema ? plausible(schema, ctx) : fc.constant({})
  const body: fc.Arbitrary<Body> = schema
    ? bodyOf(fc.oneof({ weight: 1, arbitrary: value }, { weight: 1, arbitrary: mutated(value) }))
    : fc.oneof(
        { weight: 8, arbitrary: fc.constant<Body>({}) },
        { weight: 1, arbitrary: bodyOf(mutated(value)) },
      )
  const known = QUERIES[target] ?? []
  const query = fc
    .tuple(
      fc.tuple(
        ...known.map(([name, v]) =>
          fc.option(
            v.map((x) => [name, x] as const),
            { nil: undefined },
          ),
        ),
      ),
      fc.oneof(
        { weight: 6, arbitrary: fc.constant([]) },
        { weight: 1, arbitrary: fc.array(strayParameter(known.map(([n]) => n)), { maxLength: 2 }) },
      ),
    )
    .map(([a, b]) => queryString([...a.filter((x) => x !== undefined), ...b]))
  const idempotency = fc.oneof(
    { weight: 8, arbitrary: fc.uuid().map((key) => ({ 'idempotency-key': key })) },
    { weight: 1, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: hostileString.map((key) => ({
        'idempotency-key': encodeURI(key.replace(/[\ud800-\udfff]/g, '')),
      })),
    },
  )
  return fc
    .record({
      method: fc.oneof(
        { weight: 15, arbitrary: fc.constant(route.method) },
        { weight: 1, arbitrary: otherMethod },
      ),
      path: pathOf(route, ctx),
      tail: pathTail,
      query,
      body,
      auth: credentials(),
      idempotency,
    })
    .map(({ method, path, tail, query: q, body: b, auth, idempotency: key }) => ({
      target,
      method,
      url: `${path}${tail}${q}`,
      headers: headersOf(b, { ...auth, ...key }),
      ...(b.payload !== undefined && method !== 'GET' && method !== 'HEAD' ? { payload: b.payload } : {}),
    }))
}

/** A request to any route of the task API. */
export function anyGatewayRequest(
  routes: readonly RouteEntry[],
  ctx: SchemaContext,
): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...taskRoutes(routes).map((route) => gatewayRequest(route, ctx)))
}

/** The task API's routes: every route under /api but the live socket (its own protocol). */
export function taskRoutes(routes: readonly RouteEntry[]): RouteEntry[] {
  return routes.filter((r) => r.url.startsWith('/api/') && r.url !== '/api/live' && r.method !== 'HEAD')
}
