import { ephemeralPassword, parseEphemeralUsername } from '../lib/sip-ephemeral'
import { computeHa1, type DigestCredential } from './digest'
import type { AgentSet, SipAccount, SipEphemeralOptions } from './types'

/**
 * Whose digest credentials the server accepts: static accounts (tests, guests' callers need none)
 * and the ephemeral credentials the gateway issues per session (docs/telephony.md). An ephemeral
 * username `<expiry>:<user>` names the SIP user it is for; it counts as that user, so access.ts's
 * rule that the authentication user is the From (To for REGISTER) user covers it too.
 */
export interface Credentials {
  /** Static accounts and, with ephemeral credentials, the gateway's agents. */
  agents: AgentSet
  /** The user a digest username speaks for (the part after the expiry of an ephemeral one). */
  userOf(username: string): string
  /** What the digest check needs for a username; undefined for an unknown one. */
  lookup(username: string): DigestCredential | undefined
  staticCount: number
}

const USER = /^[A-Za-z0-9._-]{1,64}$/

export function createCredentials(options: {
  realm: string
  accounts: readonly SipAccount[]
  ephemeral?: SipEphemeralOptions
  now?: () => number
}): Credentials {
  const { realm, ephemeral } = options
  const now = options.now ?? Date.now
  const ha1 = new Map<string, string>()
  for (const account of options.accounts) {
    if (!USER.test(account.username) || ha1.has(account.username)) {
      throw new Error(`sip server: account ${account.username} is invalid or defined twice`)
    }
    ha1.set(account.username, computeHa1(account.username, realm, account.password))
  }
  const agents: AgentSet = {
    has: (user) => ha1.has(user) || (ephemeral !== undefined && USER.test(user) && ephemeral.isAgent(user)),
  }
  return {
    agents,
    staticCount: ha1.size,
    userOf: (username) => (ephemeral ? parseEphemeralUsername(username)?.user : undefined) ?? username,
    lookup(username) {
      const known = ha1.get(username)
      if (known !== undefined) {
        return { user: username, ha1: known }
      }
      const parsed = ephemeral ? parseEphemeralUsername(username) : undefined
      if (!ephemeral || !parsed || !USER.test(parsed.user) || !ephemeral.isAgent(parsed.user)) {
        return undefined
      }
      if (parsed.expiresAt * 1000 <= now()) {
        return { user: parsed.user, expired: true }
      }
      return {
        user: parsed.user,
        ha1: computeHa1(username, realm, ephemeralPassword(ephemeral.secret, username)),
      }
    },
  }
}
