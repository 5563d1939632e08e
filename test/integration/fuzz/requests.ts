import fc from 'fast-check'
import { hostileSegment, hostileString, percentEncode } from './values'

/**
 * One HTTP request as the fuzz sends it, and the parts of it that are the same whatever server
 * it goes to: the body as JSON, JSON-like junk or not JSON at all, under the right or a wrong
 * content type; query strings with known and unknown parameters; trailing junk on a path.
 */
export interface FuzzRequest {
  /** The operation or route it aims at, for the counts per status. */
  target: string
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON']
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/merge-patch+json',
  'application/json; charset=latin1',
  'application/xml',
  '',
]

/** Body texts no JSON parser should take without a fight. */
const JUNK_BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"tekst"',
  '42',
  'true',
  '{"a":1,}',
  "{'a':1}",
  '{"a":1e999999}',
  '{"a":-1e999999}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '\ufeff{}',
  '{"a":1}{"b":2}',
  '['.repeat(100_000),
  `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`,
  `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`,
]

export interface Body {
  payload?: string
  contentType?: string
}

/** A JSON body of `value`, or junk, under a JSON content type mostly, sometimes another or none. */
export function bodyOf(value: fc.Arbitrary<unknown>): fc.Arbitrary<Body> {
  const text = fc.oneof(
    { weight: 8, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.constantFrom(...JUNK_BODIES) },
    { weight: 1, arbitrary: hostileString },
  )
  const type = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...JSON_TYPES) },
    { weight: 1, arbitrary: fc.constantFrom(...OTHER_TYPES) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  )
  return fc.oneof(
    { weight: 12, arbitrary: fc.record({ payload: text, contentType: type }) },
    { weight: 1, arbitrary: fc.constant({}) },
  )
}

/** `name=value` pairs as a query string (`?` included, or empty), every part percent-encoded. */
export function queryString(pairs: ReadonlyArray<readonly [string, string]>): string {
  if (pairs.length === 0) {
    return ''
  }
  return `?${pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')}`
}

/** A parameter nobody declared, or a known one twice or in another case. */
export function strayParameter(known: readonly string[]): fc.Arbitrary<readonly [string, string]> {
  const names =
    known.length > 0
      ? fc.oneof(
          hostileString,
          fc.constantFrom(...known).map((k) => k.toUpperCase()),
        )
      : hostileString
  return fc.tuple(names, hostileString)
}

/** Sometimes something after the path: another segment, a slash, a dot-segment. */
export const pathTail: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constant('/') },
  { weight: 1, arbitrary: hostileSegment.map((s) => `/${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('/..', '/.', '//', ';x', '%00', '#frag') },
)

/** The headers of `body`, with `extra`. */
export function headersOf(body: Body, extra: Record<string, string>): Record<string, string> {
  return {
    ...extra,
    ...(body.contentType !== undefined && body.payload !== undefined
      ? { 'content-type': body.contentType }
      : {}),
  }
}

/** Methods a client may send where another was expected. */
export const otherMethod = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD')
