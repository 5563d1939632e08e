/**
 * A cheap look at a WebSocket message before the `sip` package parses it. That parser is a chain of
 * regular expressions, several of which take time quadratic in their input: a 64 KiB message of
 * whitespace costs it about a third of a second, a long header without spaces or a long comma list
 * tens of milliseconds, all of it blocking the one thread every other connection and the gateway
 * share. Whatever is not shaped like one SIP message (RFC 3261 §7, one per WebSocket message as
 * RFC 7118 §5 says) is refused here in time linear in the header section, and the parser only ever
 * sees messages whose start line, header lines, lists and lengths are bounded.
 */
export interface FrameLimits {
  /** Longest start line (request line or status line). */
  startLineBytes: number
  /** Largest header section: start line and headers, up to the empty line. */
  headerBytes: number
  /** Most header lines, folded continuation lines included. */
  headerLines: number
  /** Longest header line (with its continuations) of a header the package parses with regexes. */
  parsedHeaderBytes: number
  /** The same for the digest headers, whose regexes take time quadratic in a value without spaces. */
  authHeaderBytes: number
  /** Most entries in a comma-separated list header (Via, Route, Record-Route, Path, Contact). */
  listEntries: number
}

export const FRAME_LIMITS: FrameLimits = {
  startLineBytes: 1024,
  headerBytes: 16 * 1024,
  headerLines: 100,
  parsedHeaderBytes: 2048,
  authHeaderBytes: 1024,
  listEntries: 32,
}

export type FrameVerdict =
  | { kind: 'sip' }
  /** RFC 5626 §4.4.1 CRLF keep-alive: not a message, not a mistake. */
  | { kind: 'keepalive' }
  /** Why it is not a SIP message we parse: a fixed phrase, never the message's content. */
  | { kind: 'junk'; reason: string }

const REQUEST_LINE = /^[A-Za-z][A-Za-z0-9.!%*_+`'~-]{0,31} [A-Za-z][A-Za-z0-9+.-]{0,15}:[!-~]+ SIP\/2\.0$/
const STATUS_LINE = /^SIP\/2\.0 [1-6][0-9]{2}(?: .*)?$/
/** `token *(SP / HTAB) ":"` (RFC 3261 §25.1); a token is never empty. */
const HEADER_NAME = /^([!#$%&'*+.^_`|~0-9A-Za-z-]{1,64})[ \t]*:/
const CONTENT_LENGTH = /^[ \t]*([0-9]{1,9})[ \t]*$/

const COMPACT: Record<string, string> = {
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  f: 'from',
  t: 'to',
  v: 'via',
}
const LISTS = new Set(['via', 'route', 'record-route', 'path', 'contact'])
const AUTH = new Set([
  'www-authenticate',
  'proxy-authenticate',
  'authorization',
  'proxy-authorization',
  'authentication-info',
])
/** Headers the package parses with its own regexes (sip.js `parsers`); the rest it keeps as text. */
const PARSED = new Set([...LISTS, ...AUTH, 'to', 'from', 'cseq', 'refer-to'])

const CRLF_CRLF = Buffer.from('\r\n\r\n', 'latin1')

const junk = (reason: string): FrameVerdict => ({ kind: 'junk', reason })

export function checkFrame(data: Buffer, limits: FrameLimits = FRAME_LIMITS): FrameVerdict {
  if (data.length <= 4 && data.every((byte) => byte === 0x0d || byte === 0x0a)) {
    return { kind: 'keepalive' }
  }
  const end = data.subarray(0, limits.headerBytes + CRLF_CRLF.length).indexOf(CRLF_CRLF)
  if (end < 0) {
    return junk(data.length > limits.headerBytes ? 'header section too large' : 'no end of headers')
  }
  const lines = data.toString('latin1', 0, end).split('\r\n')
  const startLine = lines[0]!
  if (startLine.length > limits.startLineBytes) {
    return junk('start line too long')
  }
  if (hasControl(startLine) || (!REQUEST_LINE.test(startLine) && !STATUS_LINE.test(startLine))) {
    return junk('not a start line')
  }
  if (lines.length - 1 > limits.headerLines) {
    return junk('too many header lines')
  }
  const entries = new Map<string, number>()
  let contentLength: number | undefined
  let name = ''
  let size = 0
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    if (hasControl(line)) {
      return junk('control character in a header')
    }
    const first = line.charCodeAt(0)
    const continuation = first === 0x20 || first === 0x09
    if (continuation) {
      if (name === '') {
        return junk('continuation without a header')
      }
      size += line.length
    } else {
      const match = HEADER_NAME.exec(line)
      if (!match) {
        return junk('not a header line')
      }
      const lower = match[1]!.toLowerCase()
      name = COMPACT[lower] ?? lower
      size = line.length
      if (name === 'content-length') {
        const value = CONTENT_LENGTH.exec(line.slice(match[0].length))
        if (!value || contentLength !== undefined) {
          return junk('bad content-length')
        }
        contentLength = Number(value[1])
      }
    }
    if (PARSED.has(name) && size > (AUTH.has(name) ? limits.authHeaderBytes : limits.parsedHeaderBytes)) {
      return junk('header too long')
    }
    if (LISTS.has(name)) {
      const count = (entries.get(name) ?? 0) + commas(line) + (continuation ? 0 : 1)
      if (count > limits.listEntries) {
        return junk('list too long')
      }
      entries.set(name, count)
    }
  }
  // A message transport: the body is the rest of the WebSocket message. RFC 3261 §18.3 drops bytes
  // past Content-Length; fewer bytes than it says is a truncated message.
  const body = data.length - end - CRLF_CRLF.length
  if (contentLength !== undefined && contentLength > body) {
    return junk('body shorter than content-length')
  }
  return { kind: 'sip' }
}

function commas(line: string): number {
  let count = 0
  for (let at = line.indexOf(','); at >= 0; at = line.indexOf(',', at + 1)) {
    count++
  }
  return count
}

/** Control characters other than HTAB; CR and LF only appear as the line ends we split on. */
function hasControl(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) {
      return true
    }
  }
  return false
}
