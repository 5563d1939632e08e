import { seededRandom } from './stats'

/**
 * The messages `npm run bench:sip` sends: the worst a client can put in one WebSocket message for
 * the `sip` package's parser (its slow paths are quadratic in whitespace, in header values without
 * spaces and in comma lists), each at or just past what server/sip/frame-guard.ts lets through,
 * and the largest valid INVITE. All fit in the server's 64 KiB message limit.
 */
export interface WorstCase {
  name: string
  /** What the frame guard should do with it. */
  expect: 'refused' | 'parsed'
  message: Buffer
}

export const MAX_MESSAGE_BYTES = 64 * 1024
const DOMAIN = 'kcc.test'

const startLine = `OPTIONS sip:${DOMAIN} SIP/2.0`
const basicHeaders = (method = 'OPTIONS'): string[] => [
  'Via: SIP/2.0/WS bench.invalid;branch=z9hG4bKbench1',
  'Max-Forwards: 70',
  `To: <sip:${DOMAIN}>`,
  `From: <sip:bench@${DOMAIN}>;tag=bench1`,
  'Call-ID: bench-call-1',
  `CSeq: 1 ${method}`,
]
const message = (lines: string[], body = ''): Buffer =>
  Buffer.from(`${lines.join('\r\n')}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`, 'latin1')

/** Fills a message up to exactly `size` bytes with `filler` in place of `{}`. */
function sized(size: number, build: (filler: string) => Buffer, unit = 'x'): Buffer {
  const bare = build('').length
  return build(unit.repeat(Math.max(0, size - bare)))
}

export function worstCases(seed = 7): WorstCase[] {
  const random = seededRandom(seed)
  const junk = Buffer.alloc(MAX_MESSAGE_BYTES)
  for (let i = 0; i < junk.length; i++) {
    junk[i] = Math.floor(random() * 256)
  }
  const sdp = (size: number): string => {
    const head =
      'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n'
    const line = 'a=x-bench:0123456789abcdef0123456789abcdef0123456789abcdef\r\n'
    return head + line.repeat(Math.floor((size - head.length) / line.length))
  }
  const invite = (body: string): Buffer =>
    message(
      [
        `INVITE sip:agent2@${DOMAIN} SIP/2.0`,
        ...basicHeaders('INVITE'),
        `Contact: <sip:bench@bench.invalid;transport=ws>`,
        'Content-Type: application/sdp',
      ],
      body,
    )
  const inviteHead = invite('').length
  return [
    { name: '64 KiB of whitespace', expect: 'refused', message: Buffer.alloc(MAX_MESSAGE_BYTES, ' ') },
    {
      name: '64 KiB of CRLF and spaces',
      expect: 'refused',
      message: Buffer.from('\r\n  '.repeat(MAX_MESSAGE_BYTES / 4), 'latin1'),
    },
    { name: '64 KiB of random bytes', expect: 'refused', message: junk },
    {
      name: 'one 64 KiB header',
      expect: 'refused',
      message: sized(MAX_MESSAGE_BYTES, (f) => message([startLine, ...basicHeaders(), `X-Pad: ${f}`])),
    },
    {
      name: 'headers without an end (half a message)',
      expect: 'refused',
      message: Buffer.from(`${startLine}\r\n${'X-Pad: y\r\n'.repeat(6000)}`, 'latin1'),
    },
    {
      name: '3,000 header lines',
      expect: 'refused',
      message: message([startLine, ...basicHeaders(), ...Array.from({ length: 3000 }, () => 'a:b')]),
    },
    {
      name: 'Route with 1,800 entries',
      expect: 'refused',
      message: message([startLine, ...basicHeaders(), `Route: ${Array(1800).fill('<sip:a>').join(',')}`]),
    },
    {
      name: 'Authorization of 2 KiB without spaces',
      expect: 'refused',
      message: message([startLine, ...basicHeaders(), `Authorization: ${'d'.repeat(2048)}`]),
    },
    {
      name: '100 header lines (the maximum)',
      expect: 'parsed',
      message: message([startLine, ...basicHeaders(), ...Array.from({ length: 93 }, (_, i) => `X-H${i}: v`)]),
    },
    {
      name: 'Authorization of 1 KiB without spaces (the maximum)',
      expect: 'parsed',
      message: message([startLine, ...basicHeaders(), `Authorization: ${'d'.repeat(1000)}`]),
    },
    {
      name: 'To of 2 KiB of words (the maximum)',
      expect: 'parsed',
      message: message([
        startLine,
        ...basicHeaders().filter((h) => !h.startsWith('To:')),
        `To: ${'a '.repeat(1000)}`,
      ]),
    },
    {
      name: 'Via with 32 entries (the maximum)',
      expect: 'parsed',
      message: message([
        startLine,
        `Via: ${Array(32).fill('SIP/2.0/WS b.invalid;branch=z9hG4bKx').join(',')}`,
        ...basicHeaders().slice(1),
      ]),
    },
    {
      name: 'Route with 32 entries (the maximum)',
      expect: 'parsed',
      message: message([
        startLine,
        ...basicHeaders(),
        `Route: ${Array(32)
          .fill(`<sip:${'r'.repeat(30)}@${DOMAIN}>`)
          .join(',')}`,
      ]),
    },
    {
      name: 'X-Pad of 15 KiB (largest header section)',
      expect: 'parsed',
      message: sized(16 * 1024, (f) => message([startLine, ...basicHeaders(), `X-Pad: ${f}`])),
    },
    {
      name: 'INVITE of 64 KiB with SDP',
      expect: 'parsed',
      message: invite(sdp(MAX_MESSAGE_BYTES - inviteHead)),
    },
  ]
}
