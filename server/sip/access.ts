import type { SipRequest } from 'sip'
import { KLANTCONTACT_HEADER, USER_TO_USER_HEADER } from '../../shared/sip/klantcontactnummer'
import { MONITOR_HEADER } from '../../shared/sip/monitor-header'
import type { Logger } from '../lib/logger'
import type { AuthLimits } from './auth-limits'
import type { Digest } from './digest'
import { uriOf } from './messages'
import type { Flow } from './ws-transport'
import type { AgentSet } from './types'

/**
 * Who sent an initial request, and may they. Every REGISTER and every initial request other than
 * ACK/CANCEL must carry digest credentials of the account it claims to come from (From user; To
 * user for REGISTER), so an agent identity is never taken on trust. The configured guests (the demo
 * caller page) are the one exception: unauthenticated, INVITE only, never REGISTER.
 */
export type Caller = { kind: 'agent'; user: string } | { kind: 'guest'; user: string }

export type AccessResult =
  | { allowed: true; caller: Caller }
  | { allowed: false; status: number; reason: string; headers?: Record<string, unknown>; closeFlow?: boolean }

/**
 * Headers an outsider must never be able to inject (only an agent may present a klantcontactnummer
 * or a monitoring session): those the app reads a klantcontactnummer or a monitoring session from
 * (shared/sip/), lower-cased as the `sip` package keys its headers. deploy/kamailio/kamailio.cfg
 * strips the same ones (route[UNTRUSTED]; test/unit/sip/kamailio-cfg.test.ts holds the two
 * together).
 */
export const GUEST_STRIPPED_HEADERS: readonly string[] = [
  KLANTCONTACT_HEADER,
  USER_TO_USER_HEADER,
  MONITOR_HEADER,
].map((name) => name.toLowerCase())

export interface Access {
  check(request: SipRequest, flow: Flow): AccessResult
}

export function createAccess(options: {
  domain: string
  agents: AgentSet
  guests: ReadonlySet<string>
  digest: Digest
  maxAuthFailures: number
  /** Failures counted across connections (per account and address, and per address). */
  limits: AuthLimits
  logger: Logger
}): Access {
  const { domain, agents, guests, digest, logger } = options
  return {
    check(request, flow) {
      const register = request.method === 'REGISTER'
      const identity = uriOf(register ? request.headers.to : request.headers.from)
      const user = identity?.user
      if (!identity || !user || identity.host.toLowerCase() !== domain) {
        return { allowed: false, status: 403, reason: 'Unknown Domain' }
      }
      if (guests.has(user)) {
        if (register) {
          return { allowed: false, status: 403, reason: 'Guests Cannot Register' }
        }
        if (request.method !== 'INVITE') {
          return { allowed: false, status: 403, reason: 'Guests May Only Call' }
        }
        return { allowed: true, caller: { kind: 'guest', user } }
      }
      if (!agents.has(user)) {
        return { allowed: false, status: 403, reason: 'Forbidden' }
      }
      const kind = register ? 'www' : 'proxy'
      // A blocked key is refused before its password is looked at, so a guess during the block
      // learns nothing (not even a right one), and it still counts towards closing this connection.
      const claimed = digest.claimedUser(request, kind)
      const wait = claimed === undefined ? 0 : options.limits.blockedFor(claimed, flow.address)
      if (wait > 0) {
        flow.authFailures++
        return {
          allowed: false,
          status: 403,
          reason: 'Too Many Failed Authentications',
          headers: { 'retry-after': String(wait) },
          closeFlow: flow.authFailures >= options.maxAuthFailures,
        }
      }
      const result = digest.verify(request, kind)
      switch (result.outcome) {
        case 'ok':
          if (result.user !== user) {
            logger.warn({ connection: flow.id, user, authUser: result.user }, 'sip auth: user mismatch')
            return { allowed: false, status: 403, reason: 'Authentication User Mismatch' }
          }
          flow.authenticated.add(user)
          options.limits.succeeded(user, flow.address)
          return { allowed: true, caller: { kind: 'agent', user } }
        case 'missing':
        case 'stale':
          return {
            allowed: false,
            status: register ? 401 : 407,
            reason: register ? 'Unauthorized' : 'Proxy Authentication Required',
            headers: digest.challenge(kind, result.outcome === 'stale'),
          }
        case 'failed': {
          flow.authFailures++
          options.limits.failed(result.user ?? claimed ?? user, flow.address)
          logger.warn(
            { connection: flow.id, remote: flow.remote, user: result.user, why: result.why },
            'sip auth failed',
          )
          return {
            allowed: false,
            status: 403,
            reason: 'Forbidden',
            closeFlow: flow.authFailures >= options.maxAuthFailures,
          }
        }
      }
    },
  }
}
