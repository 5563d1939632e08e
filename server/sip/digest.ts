import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { AuthHeader, SipRequest } from 'sip'

/**
 * SIP digest authentication, RFC 3261 §22 / RFC 2617: MD5 (the only algorithm sip.js speaks),
 * qop=auth, stateless signed nonces that expire (then the challenge says stale=true), and a
 * nonce-count check so a captured Authorization cannot be replayed (it gets a new challenge). Only HA1 = md5(user:realm:pw)
 * is kept; the plain passwords are dropped as soon as HA1 is computed. Whose credentials exist, and
 * which user a username speaks for (an ephemeral one: the part after its expiry), is credentials.ts's.
 */
export type DigestKind = 'www' | 'proxy'

/** A username's HA1 and the user it speaks for; or that its (ephemeral) credentials expired. */
export type DigestCredential = { user: string; ha1: string } | { user: string; expired: true }

export type DigestResult =
  /** `user`: whom the credentials speak for (an ephemeral username's user part). */
  | { outcome: 'ok'; user: string }
  /** No credentials for our realm: send a challenge. */
  | { outcome: 'missing' }
  /**
   * The right password, but for an expired nonce or with a nonce count already used (sip.js sends
   * its last Authorization again on every REGISTER refresh): challenge again with stale=true.
   */
  | { outcome: 'stale' }
  /** Wrong password, unknown user, replay, bad parameters: refuse (403). */
  | { outcome: 'failed'; user?: string; why: string }

export interface Digest {
  challenge(kind: DigestKind, stale?: boolean): Record<string, AuthHeader[]>
  verify(request: SipRequest, kind: DigestKind): DigestResult
  /** The user the request's credentials for our realm claim to be, before any check (undefined: none). */
  claimedUser(request: SipRequest, kind: DigestKind): string | undefined
  /** Forgets nonce counters of expired nonces; returns how many are still kept. */
  sweep(): number
  nonceCount(): number
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex')

export function computeHa1(user: string, realm: string, password: string): string {
  return md5(`${user}:${realm}:${password}`)
}

const unquote = (value: string | undefined): string | undefined =>
  value === undefined
    ? undefined
    : value.startsWith('"') && value.endsWith('"') && value.length >= 2
      ? value.slice(1, -1).replace(/\\(.)/g, '$1')
      : value

const MAX_TRACKED_NONCES = 50_000

export function createDigest(options: {
  realm: string
  lookup(username: string): DigestCredential | undefined
  /** The user a username speaks for, without checking anything. */
  userOf(username: string): string
  nonceTtlSeconds: number
  now?: () => number
}): Digest {
  const { realm } = options
  const now = options.now ?? Date.now
  const secret = randomBytes(32)
  const opaque = randomBytes(12).toString('base64url')
  /** Highest nonce-count seen per nonce, with the nonce's expiry. */
  const counters = new Map<string, { nc: number; expiresAt: number }>()

  const sign = (payload: string): string =>
    createHmac('sha256', secret).update(payload).digest().subarray(0, 18).toString('base64url')

  const newNonce = (): string => {
    const payload = `${Math.floor(now() / 1000).toString(36)}.${randomBytes(9).toString('base64url')}`
    return `${payload}.${sign(payload)}`
  }

  /** The nonce's issue time in ms if we issued it, else undefined. */
  const issuedAt = (nonce: string): number | undefined => {
    const dot = nonce.lastIndexOf('.')
    if (dot <= 0) {
      return undefined
    }
    const payload = nonce.slice(0, dot)
    const given = Buffer.from(nonce.slice(dot + 1), 'base64url')
    const expected = Buffer.from(sign(payload), 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return undefined
    }
    const seconds = parseInt(payload.split('.')[0] ?? '', 36)
    return Number.isFinite(seconds) ? seconds * 1000 : undefined
  }

  const pickCredentials = (request: SipRequest, kind: DigestKind): Record<string, string> | undefined => {
    const headers = kind === 'www' ? request.headers.authorization : request.headers['proxy-authorization']
    for (const header of headers ?? []) {
      if (header.scheme?.toLowerCase() !== 'digest') {
        continue
      }
      const params: Record<string, string> = {}
      for (const [name, value] of Object.entries(header)) {
        if (name !== 'scheme' && value !== undefined) {
          params[name.toLowerCase()] = unquote(value) ?? ''
        }
      }
      if (params['realm'] === realm) {
        return params
      }
    }
    return undefined
  }

  return {
    challenge(kind, stale = false) {
      const header: AuthHeader = {
        scheme: 'Digest',
        realm: `"${realm}"`,
        nonce: `"${newNonce()}"`,
        opaque: `"${opaque}"`,
        algorithm: 'MD5',
        qop: '"auth"',
      }
      if (stale) {
        header['stale'] = 'true'
      }
      return { [kind === 'www' ? 'www-authenticate' : 'proxy-authenticate']: [header] }
    },

    verify(request, kind) {
      const c = pickCredentials(request, kind)
      if (!c) {
        return { outcome: 'missing' }
      }
      const username = c['username']
      const { nonce, uri, response, cnonce, nc } = c
      if (!username || !nonce || !uri || !response || !cnonce || !nc) {
        return { outcome: 'failed', why: 'incomplete credentials' }
      }
      const user = options.userOf(username)
      if ((c['algorithm'] ?? 'MD5').toUpperCase() !== 'MD5' || c['qop'] !== 'auth') {
        return { outcome: 'failed', user, why: 'algorithm or qop not supported' }
      }
      if (uri !== request.uri) {
        return { outcome: 'failed', user, why: 'digest uri differs from the Request-URI' }
      }
      const issued = issuedAt(nonce)
      if (issued === undefined) {
        return { outcome: 'failed', user, why: 'nonce not issued here' }
      }
      const credential = options.lookup(username)
      if (!credential) {
        return { outcome: 'failed', user, why: 'unknown user' }
      }
      if ('expired' in credential) {
        return { outcome: 'failed', user, why: 'credentials expired' }
      }
      const { ha1 } = credential
      const ha2 = md5(`${request.method}:${uri}`)
      const expected = Buffer.from(md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`), 'hex')
      const given = /^[0-9a-f]{32}$/i.test(response) ? Buffer.from(response, 'hex') : Buffer.alloc(0)
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return { outcome: 'failed', user, why: 'wrong password' }
      }
      const expiresAt = issued + options.nonceTtlSeconds * 1000
      if (now() >= expiresAt) {
        return { outcome: 'stale' }
      }
      const count = /^[0-9a-f]{8}$/i.test(nc) ? parseInt(nc, 16) : NaN
      const seen = counters.get(nonce)
      if (!Number.isFinite(count)) {
        return { outcome: 'failed', user, why: 'bad nonce count' }
      }
      if (seen && count <= seen.nc) {
        return { outcome: 'stale' } // a replay: never accepted, answered with a fresh nonce
      }
      if (!seen && counters.size >= MAX_TRACKED_NONCES) {
        return { outcome: 'stale' } // full: make the client take a fresh nonce after the sweep
      }
      counters.set(nonce, { nc: count, expiresAt })
      return { outcome: 'ok', user: credential.user }
    },

    claimedUser(request, kind) {
      const username = pickCredentials(request, kind)?.['username']
      return username ? options.userOf(username) : undefined
    },

    sweep() {
      const t = now()
      for (const [nonce, entry] of counters) {
        if (entry.expiresAt <= t) {
          counters.delete(nonce)
        }
      }
      return counters.size
    },

    nonceCount() {
      return counters.size
    },
  }
}
