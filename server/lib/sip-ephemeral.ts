import { createHmac, randomBytes } from 'node:crypto'

/**
 * Short-lived SIP digest credentials in the format of Kamailio's auth_ephemeral module (autheph,
 * after draft-uberti-rtcweb-turn-rest): the username is `<expiry>:<user>` (expiry in Unix seconds,
 * the module's `username_format` 1), the password base64(HMAC-SHA1(secret, username)). Whoever
 * knows the secret issues them (the gateway, per session) and checks them (the embedded SIP server,
 * Kamailio with the same secret); no password is stored anywhere. docs/telephony.md.
 */
export interface EphemeralCredentials {
  /** The digest username, `<expiry>:<user>`. */
  username: string
  password: string
  /** When they stop working, in Unix seconds (the username's first part). */
  expiresAt: number
}

/** How long issued credentials work unless `sip.credentials.ttlSeconds` says otherwise. */
export const DEFAULT_SIP_CREDENTIALS_TTL_SECONDS = 3600

/** The username's parts: Unix seconds, then the SIP user (`username_format` 1). */
const USERNAME = /^([0-9]{1,12}):(.+)$/

export function ephemeralPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64')
}

/** Credentials for `user` that work until `expiresAt` (Unix seconds, rounded down). */
export function issueEphemeral(secret: string, user: string, expiresAt: number): EphemeralCredentials {
  const seconds = Math.floor(expiresAt)
  const username = `${seconds}:${user}`
  return { username, password: ephemeralPassword(secret, username), expiresAt: seconds }
}

/** The expiry and the SIP user of an ephemeral username, or undefined when it is not one. */
export function parseEphemeralUsername(username: string): { expiresAt: number; user: string } | undefined {
  const match = USERNAME.exec(username)
  return match ? { expiresAt: Number(match[1]), user: match[2]! } : undefined
}

/**
 * A fresh secret for a process that both issues and checks (the embedded SIP server without a
 * configured one): 256 random bits, URL-safe so it also fits a Kamailio string.
 */
export function randomEphemeralSecret(): string {
  return randomBytes(32).toString('base64url')
}
