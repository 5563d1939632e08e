import { describe, expect, it } from 'vitest'
import { checkFrame, FRAME_LIMITS } from '../../../server/sip/frame-guard'

const HEADERS = [
  'Via: SIP/2.0/WS abc.invalid;branch=z9hG4bK1',
  'To: <sip:agent2@kcc.test>',
  'From: <sip:agent1@kcc.test>;tag=1',
  'Call-ID: c1',
  'CSeq: 1 OPTIONS',
]
const frame = (start: string, headers: string[] = HEADERS, body = '', length = body.length): Buffer =>
  Buffer.from(`${[start, ...headers, `Content-Length: ${length}`].join('\r\n')}\r\n\r\n${body}`, 'latin1')
const options = (headers: string[] = HEADERS): Buffer => frame('OPTIONS sip:kcc.test SIP/2.0', headers)
const reason = (data: Buffer): string | undefined => {
  const verdict = checkFrame(data)
  return verdict.kind === 'junk' ? verdict.reason : undefined
}

describe('the SIP frame guard', () => {
  it('lets requests and responses through, with folded headers and a body', () => {
    expect(checkFrame(options()).kind).toBe('sip')
    expect(checkFrame(frame('SIP/2.0 180 Ringing')).kind).toBe('sip')
    expect(checkFrame(frame('SIP/2.0 200 ')).kind).toBe('sip')
    expect(checkFrame(options([...HEADERS, 'Subject: one,', '\ttwo'])).kind).toBe('sip')
    expect(checkFrame(frame('INVITE sip:agent2@kcc.test SIP/2.0', HEADERS, 'v=0\r\n')).kind).toBe('sip')
  })

  it('ignores a CRLF keep-alive without counting it as junk', () => {
    expect(checkFrame(Buffer.from('\r\n\r\n')).kind).toBe('keepalive')
  })

  it('refuses whitespace and anything without a start line', () => {
    expect(reason(Buffer.alloc(64 * 1024, ' '))).toBe('header section too large')
    expect(reason(Buffer.from('\r\n\r\n\r\n  '))).toBe('not a start line')
    expect(reason(frame(' OPTIONS sip:kcc.test SIP/2.0'))).toBe('not a start line')
    expect(reason(frame('OPTIONS sip:kcc.test SIP/3.0'))).toBe('not a start line')
    expect(reason(frame('SIP/2.0 2000 OK'))).toBe('not a start line')
    expect(reason(frame(`OPTIONS sip:${'a'.repeat(1100)}@kcc.test SIP/2.0`))).toBe('start line too long')
  })

  it('refuses half a message: no end of the headers, or less body than Content-Length says', () => {
    expect(reason(options().subarray(0, 60))).toBe('no end of headers')
    expect(reason(frame('INVITE sip:agent2@kcc.test SIP/2.0', HEADERS, 'v=0', 10))).toBe(
      'body shorter than content-length',
    )
    expect(reason(options([...HEADERS, 'l: 0']))).toBe('bad content-length')
    expect(reason(options([...HEADERS.slice(1), 'Content-Length: -1']))).toBe('bad content-length')
  })

  it('refuses header sections past their bounds', () => {
    const many = Array.from({ length: FRAME_LIMITS.headerLines }, (_, i) => `X-${i}: v`)
    expect(reason(options(many))).toBe('too many header lines')
    expect(reason(options([...HEADERS, `X-Pad: ${'x'.repeat(FRAME_LIMITS.headerBytes)}`]))).toBe(
      'header section too large',
    )
    expect(reason(options([...HEADERS, `Authorization: ${'d'.repeat(FRAME_LIMITS.authHeaderBytes)}`]))).toBe(
      'header too long',
    )
    expect(reason(options([...HEADERS, `To: ${'a '.repeat(FRAME_LIMITS.parsedHeaderBytes)}`]))).toBe(
      'header too long',
    )
    expect(
      reason(
        options([
          ...HEADERS,
          `Route: ${Array(FRAME_LIMITS.listEntries + 1)
            .fill('<sip:a>')
            .join(',')}`,
        ]),
      ),
    ).toBe('list too long')
    expect(reason(options([...HEADERS, ...Array(FRAME_LIMITS.listEntries).fill('v: SIP/2.0/WS a')]))).toBe(
      'list too long',
    )
  })

  it('refuses lines that are not headers, and control characters', () => {
    expect(reason(options([...HEADERS, 'no colon here']))).toBe('not a header line')
    expect(reason(options([...HEADERS, ': empty name']))).toBe('not a header line')
    expect(reason(options(['\tfolded first', ...HEADERS]))).toBe('continuation without a header')
    expect(reason(options([...HEADERS, 'X-Bad: a\0b']))).toBe('control character in a header')
    expect(reason(options([...HEADERS, 'X-Bad: a\nb']))).toBe('control character in a header')
  })
})
