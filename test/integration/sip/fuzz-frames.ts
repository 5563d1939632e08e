import fc from 'fast-check'
import { SIP_DOMAIN } from '../../support/sip-servers'

/**
 * What the SIP socket fuzz sends: random text and binary frames, and valid SIP messages of the
 * kinds a softphone or a guest sends, mutated: characters flipped, inserted and deleted, cut off
 * (half messages), headers repeated, values made huge, whitespace blobs.
 */
export interface FuzzFrame {
  data: Buffer
  binary: boolean
}

const SDP = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n'

function template(kind: number, from: string, n: number): string {
  const via = `Via: SIP/2.0/WS f${n}.invalid;branch=z9hG4bKfuzz${n}`
  const common = [
    'Max-Forwards: 70',
    `From: <sip:${from}@${SIP_DOMAIN}>;tag=f${n}`,
    `Call-ID: fuzz-${n}`,
    `Contact: <sip:${from}@f${n}.invalid;transport=ws>`,
  ]
  const request = (method: string, uri: string, to: string, body = '', extra: string[] = []): string =>
    [
      `${method} ${uri} SIP/2.0`,
      via,
      `To: <${to}>`,
      ...common,
      `CSeq: ${n} ${method}`,
      ...extra,
      ...(body ? ['Content-Type: application/sdp'] : []),
      `Content-Length: ${body.length}`,
      '',
      body,
    ].join('\r\n')
  const agent = `sip:agent2@${SIP_DOMAIN}`
  switch (kind % 7) {
    case 0:
      return request('INVITE', agent, agent, SDP)
    case 1:
      return request('REGISTER', `sip:${SIP_DOMAIN}`, `sip:${from}@${SIP_DOMAIN}`, '', ['Expires: 600'])
    case 2:
      return request('OPTIONS', `sip:${SIP_DOMAIN}`, `sip:${SIP_DOMAIN}`)
    case 3:
      return request('BYE', `sip:agent2@f${n}.invalid`, `${agent}>;tag=x${n}`, '', [
        `Route: <sip:${SIP_DOMAIN};lr>`,
      ])
    case 4:
      return request('MESSAGE', agent, agent, '', [
        'Authorization: Digest username="agent2", realm="kcc.test", nonce="abc", uri="sip:kcc.test", response="00"',
      ])
    case 5:
      return request('CANCEL', agent, agent)
    default:
      return [
        'SIP/2.0 200 OK',
        via,
        `To: <${agent}>;tag=t${n}`,
        ...common,
        `CSeq: ${n} INVITE`,
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n')
  }
}

type Mutation = (text: string) => string

const at = (text: string, fraction: number): number => Math.floor(fraction * text.length)
const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true })

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fraction, fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })).map(
    ([f, c]): Mutation =>
      (t) =>
        t.slice(0, at(t, f)) + c + t.slice(at(t, f) + 1),
  ),
  fc.tuple(fraction, fc.string({ maxLength: 20, unit: 'binary' })).map(
    ([f, s]): Mutation =>
      (t) =>
        t.slice(0, at(t, f)) + s + t.slice(at(t, f)),
  ),
  fc.tuple(fraction, fc.integer({ min: 1, max: 40 })).map(
    ([f, n]): Mutation =>
      (t) =>
        t.slice(0, at(t, f)) + t.slice(at(t, f) + n),
  ),
  fraction.map(
    (f): Mutation =>
      (t) =>
        t.slice(0, at(t, f)),
  ),
  fc
    .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2, max: 150 }))
    .map(([line, times]): Mutation => (t) => {
      const lines = t.split('\r\n')
      const chosen = lines[line % Math.max(1, lines.indexOf(''))] ?? ''
      lines.splice(1, 0, ...Array<string>(times).fill(chosen))
      return lines.join('\r\n')
    }),
  fc
    .tuple(
      fc.constantFrom('X-Pad', 'Via', 'Route', 'To', 'Authorization', 'Contact', 'CSeq', 'Call-ID'),
      fc.constantFrom('x', ' ', 'a ', '<sip:a>,', ';', '"', 'SIP/2.0/WS h,'),
      fc.integer({ min: 100, max: 20_000 }),
    )
    .map(
      ([name, unit, n]): Mutation =>
        (t) =>
          t.replace('\r\n', `\r\n${name}: ${unit.repeat(Math.ceil(n / unit.length))}\r\n`),
    ),
)

const mutated: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 0, max: 6 }),
    fc.constantFrom('burger', 'stranger'),
    fc.integer({ min: 1, max: 1_000_000 }),
    fc.array(mutation, { maxLength: 3 }),
  )
  .map(([kind, from, n, mutations]) => mutations.reduce((text, m) => m(text), template(kind, from, n)))

const whitespace: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(' ', '\r\n', '\t', '\r\n '), fc.integer({ min: 1, max: 70_000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)))

export const fuzzFrame: fc.Arbitrary<FuzzFrame> = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: mutated.map((text) => Buffer.from(text, 'latin1')) },
      { weight: 1, arbitrary: fc.string({ maxLength: 500, unit: 'grapheme' }).map((s) => Buffer.from(s)) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)) },
      { weight: 1, arbitrary: whitespace.map((text) => Buffer.from(text, 'latin1')) },
    ),
    fc.nat({ max: 9 }),
  )
  .map(([data, n]) => ({ data, binary: n === 0 }))
