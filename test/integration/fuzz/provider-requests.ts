import fc from 'fast-check'
import { parse } from 'yaml'
import { loadOas } from '../../../server/klantinteracties/validation/oas-document'
import { BASE } from '../../support/provider-client'
import {
  bodyOf,
  type Body,
  headersOf,
  otherMethod,
  pathTail,
  queryString,
  strayParameter,
  type FuzzRequest,
} from './requests'
import { mutated, plausible, type Pool, type Schema, type SchemaContext } from './schema-values'
import { hostileSegment, hostileString } from './values'

/**
 * Requests for every operation of the vendored OAS (spec/klantinteracties-openapi.yaml): its path
 * parameters, its query parameters and its request body, each plausible from the schema or
 * mutated, with the provider's token, another token or none.
 */
interface Parameter {
  in: string
  name: string
  schema: Schema
}

interface Operation {
  operationId: string
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: Schema }> }
}

export interface ProviderOperation {
  id: string
  method: string
  path: string
  query: Parameter[]
  body?: Schema
}

export function providerOperations(): ProviderOperation[] {
  const doc = parse(loadOas().text) as { paths: Record<string, Record<string, Operation>> }
  const out: ProviderOperation[] = []
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const body = operation.requestBody?.content['application/json']?.schema
      out.push({
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
        query: (operation.parameters ?? []).filter((p) => p.in === 'query'),
        ...(body ? { body } : {}),
      })
    }
  }
  return out
}

function credentials(token: string): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    { weight: 16, arbitrary: fc.constant({ authorization: `Token ${token}` }) },
    { weight: 1, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { authorization: `Bearer ${token}` },
        { authorization: 'Token ' },
        { authorization: 'Token nope' },
        { authorization: `token ${token}` },
        { authorization: `Token ${token}x` },
      ),
    },
  )
}

/** The resource a path is about: `/partijen/{uuid}` → `partijen`, the pool its uuids come from. */
export const resourceOf = (path: string): string => path.split('/')[1] ?? ''

/** Reference schemas of the OAS and the resource each points at. */
export const REFERENCES: Record<string, string> = {
  ActorForeignKey: 'actoren',
  BetrokkeneForeignKey: 'betrokkenen',
  BijlageForeignKey: 'bijlagen',
  CategorieForeignKey: 'categorieen',
  CategorieRelatieForeignKey: 'categorie-relaties',
  DigitaalAdresForeignKey: 'digitaleadressen',
  InterneTaakForeignKey: 'internetaken',
  KlantcontactForeignKey: 'klantcontacten',
  OnderwerpobjectForeignKey: 'onderwerpobjecten',
  PartijForeignKey: 'partijen',
  PartijForeignkeyBase: 'partijen',
  PartijIdentificatorForeignkey: 'partij-identificatoren',
  RekeningnummerForeignKey: 'rekeningnummers',
}

function pathOf(op: ProviderOperation, pool: Pool): fc.Arbitrary<string> {
  if (!op.path.includes('{uuid}')) {
    return fc.constant(op.path)
  }
  const known = pool.pick(resourceOf(op.path), fc.uuid())
  const uuid = fc.oneof(
    { weight: 6, arbitrary: known },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: known.map((u) => u.toUpperCase()) },
    { weight: 2, arbitrary: hostileSegment },
  )
  return uuid.map((u) => op.path.replace('{uuid}', u))
}

function queryOf(op: ProviderOperation, ctx: SchemaContext): fc.Arbitrary<string> {
  const known = op.query.map(
    (p) =>
      [
        p.name,
        fc.oneof(
          {
            weight: 3,
            arbitrary: plausible(p.schema, ctx).map((v) => (Array.isArray(v) ? v.join(',') : String(v))),
          },
          { weight: 1, arbitrary: hostileString },
        ),
      ] as const,
  )
  const chosen =
    known.length === 0
      ? fc.constant([] as Array<readonly [string, string]>)
      : fc
          .subarray(known, { maxLength: Math.min(3, known.length) })
          .chain((subset) =>
            subset.length === 0
              ? fc.constant([] as Array<readonly [string, string]>)
              : fc.tuple(...subset.map(([name, value]) => value.map((v) => [name, v] as const))),
          )
  return fc
    .tuple(
      chosen,
      fc.oneof(
        { weight: 6, arbitrary: fc.constant([] as Array<readonly [string, string]>) },
        { weight: 1, arbitrary: fc.array(strayParameter(op.query.map((p) => p.name)), { maxLength: 2 }) },
      ),
    )
    .map(([a, b]) => queryString([...a, ...b]))
}

/** One request aimed at `op`. */
export function providerRequest(
  op: ProviderOperation,
  ctx: SchemaContext,
  token: string,
): fc.Arbitrary<FuzzRequest> {
  const value = op.body ? plausible(op.body, ctx) : fc.constant({})
  const body = op.body
    ? bodyOf(fc.oneof({ weight: 1, arbitrary: value }, { weight: 1, arbitrary: mutated(value) }))
    : fc.oneof(
        { weight: 8, arbitrary: fc.constant<Body>({}) },
        { weight: 1, arbitrary: bodyOf(mutated(value)) },
      )
  const method = fc.oneof(
    { weight: 15, arbitrary: fc.constant(op.method) },
    { weight: 1, arbitrary: otherMethod },
  )
  return fc
    .record({
      method,
      path: pathOf(op, ctx.pool),
      tail: pathTail,
      query: op.method === 'GET' ? queryOf(op, ctx) : fc.constant(''),
      body,
      auth: credentials(token),
    })
    .map(({ method: m, path, tail, query, body: b, auth }) => ({
      target: `${op.method} ${op.path}`,
      method: m,
      url: `${BASE}${path}${tail}${query}`,
      headers: headersOf(b, auth),
      ...(b.payload !== undefined && m !== 'GET' && m !== 'HEAD' ? { payload: b.payload } : {}),
    }))
}

/** A request to any operation of the OAS. */
export function anyProviderRequest(ctx: SchemaContext, token: string): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...providerOperations().map((op) => providerRequest(op, ctx, token)))
}

export function oasComponents(): Record<string, Schema> {
  return loadOas().schemas
}
