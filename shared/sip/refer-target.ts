/**
 * The target of a REFER an agent's phone received (RFC 3515 §2.1 `Refer-To`), read strictly: the
 * phone would dial it with its own credentials, so a value that is not exactly a plain address on
 * our domain, optionally with one well-formed Replaces (RFC 3891), is refused as a whole.
 *
 *   Refer-To: <sip:medewerker2@kcc.test>
 *   Refer-To: "Medewerker 2" <sip:medewerker2@kcc.test?Replaces=abc%40pc1%3Bto-tag%3D1%3Bfrom-tag%3D2>
 *
 * Embedded URI headers (RFC 3261 §19.1.1) are how a REFER smuggles headers onto the INVITE it asks
 * for, and their percent-encoding is how it smuggles a CR/LF past a parser; so any other embedded
 * header, any URI parameter, a port, an escaped user part, and anything in a Replaces value outside
 * the RFC 3261 `callid` / `token` alphabets make the whole value unreadable here.
 *
 * Pure TypeScript: no sip.js, so the same rules can be tested without a phone.
 */
import { hasControlCharacter } from './control-characters'

export interface ReplacesValue {
  readonly callId: string
  readonly toTag: string
  readonly fromTag: string
  readonly earlyOnly: boolean
}

export interface ReferTarget {
  /** The user part: an extension or a group address's user. */
  readonly user: string
  /** The host, lower case. */
  readonly host: string
  readonly replaces?: ReplacesValue
}

const NAME_ADDR = /^(?:"[^"\\]{0,80}"[ \t]*)?<([^<>]+)>$/
const ADDR_SPEC = /^(sip:[^<>\s;?,"]+)$/
const URI = /^sip:([A-Za-z0-9._~-]{1,64})@([A-Za-z0-9.-]{1,253})(?:\?(.*))?$/
/** RFC 3261 §25.1 `word` (for a Call-ID) without `%`, `\` and DQUOTE, which no UA of ours sends. */
const WORD = /^[A-Za-z0-9\-.!*_+`'~()<>:/[\]?{}]{1,128}$/
/** RFC 3261 §25.1 `token` without `%`. */
const TOKEN = /^[A-Za-z0-9\-.!*_+`'~]{1,64}$/

/** The target of a Refer-To header value, or undefined for anything but the forms above. */
export function parseReferTo(value: string): ReferTarget | undefined {
  const trimmed = value.trim()
  if (hasControlCharacter(trimmed)) {
    return undefined
  }
  const uri = NAME_ADDR.exec(trimmed)?.[1] ?? ADDR_SPEC.exec(trimmed)?.[1]
  const match = uri === undefined ? null : URI.exec(uri)
  if (!match) {
    return undefined
  }
  const [, user, host, query] = match
  const target = { user: user!, host: host!.toLowerCase() }
  if (query === undefined) {
    return target
  }
  const replaces = replacesOf(query)
  return replaces ? { ...target, replaces } : undefined
}

/** The Replaces of an embedded-headers query that holds exactly one header, Replaces. */
function replacesOf(query: string): ReplacesValue | undefined {
  const separator = query.indexOf('=')
  if (query.includes('&') || separator < 0 || query.slice(0, separator).toLowerCase() !== 'replaces') {
    return undefined
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(query.slice(separator + 1))
  } catch {
    return undefined
  }
  return parseReplaces(decoded)
}

/** A decoded Replaces value (RFC 3891 §6.1): `callid;to-tag=…;from-tag=…[;early-only]`, strictly. */
export function parseReplaces(value: string): ReplacesValue | undefined {
  if (hasControlCharacter(value)) {
    return undefined
  }
  const [callId, ...params] = value.split(';')
  if (callId === undefined || !isCallId(callId)) {
    return undefined
  }
  const tags = new Map<string, string>()
  let earlyOnly = false
  for (const param of params) {
    const [name, tag, ...rest] = param.split('=')
    const key = name?.toLowerCase()
    if (key === 'early-only' && tag === undefined && !earlyOnly) {
      earlyOnly = true
    } else if (
      (key === 'to-tag' || key === 'from-tag') &&
      !tags.has(key) &&
      rest.length === 0 &&
      tag !== undefined &&
      TOKEN.test(tag)
    ) {
      tags.set(key, tag)
    } else {
      return undefined
    }
  }
  const toTag = tags.get('to-tag')
  const fromTag = tags.get('from-tag')
  return toTag && fromTag ? { callId, toTag, fromTag, earlyOnly } : undefined
}

/** The Replaces header line for the INVITE, written from the parsed parts only. */
export function replacesHeader(replaces: ReplacesValue): string {
  const early = replaces.earlyOnly ? ';early-only' : ''
  return `Replaces: ${replaces.callId};to-tag=${replaces.toTag};from-tag=${replaces.fromTag}${early}`
}

function isCallId(value: string): boolean {
  const parts = value.split('@')
  return parts.length <= 2 && parts.every((part) => WORD.test(part))
}
