import type { Logger } from '../../lib/logger'
import { filterFor } from './filter'
import { LiveCloseCode, type LiveFilter, type LiveIdentity, type LiveSessionChecks } from './types'

/**
 * The session checks of one live socket (session.ts), as verdicts: whom a socket's `auth` admits,
 * and whether its session still stands later on. A session that ended, or whose agent is no longer
 * who it was (removed, another role or afdeling), is refused with 4401, like a REST request's 401;
 * a check that could not be made with 1011, so the app reconnects and authenticates again.
 */
export type Refusal = { code: number; reason: string }

export type Admission = { identity: LiveIdentity; filter: LiveFilter } | Refusal

/** Checks the token of an `auth` message and records the audit line before anything is sent. */
export async function admit(
  checks: LiveSessionChecks,
  token: string,
  request: { origin: string; requestId: string },
  logger: Logger,
): Promise<Admission> {
  let identity: LiveIdentity | null
  try {
    identity = await checks.authenticate(token)
  } catch (err) {
    logger.error({ err }, 'live socket: session check failed')
    return { code: LiveCloseCode.internalError, reason: 'session check failed' }
  }
  const filter = identity ? filterFor(identity) : null
  // As a REST answer waits for its audit line: nothing is sent without a record of it.
  try {
    await checks.audit?.({
      actor: identity?.login ?? null,
      result: identity ? 'ok' : 'denied',
      subscription: filter?.kind ?? null,
      status: identity ? 101 : LiveCloseCode.unauthenticated,
      ...request,
    })
  } catch (err) {
    logger.error({ err }, 'live socket: audit line not stored')
    return { code: LiveCloseCode.internalError, reason: 'audit unavailable' }
  }
  if (!identity || !filter) {
    logger.warn('live socket: invalid session token')
    return { code: LiveCloseCode.unauthenticated, reason: 'invalid session' }
  }
  return { identity, filter }
}

/** Null while the session still stands for `identity`; else why the socket must close. */
export async function stillValid(
  check: (token: string) => Promise<LiveIdentity | null>,
  token: string,
  identity: LiveIdentity,
  logger: Logger,
): Promise<Refusal | null> {
  let current: LiveIdentity | null
  try {
    current = await check(token)
  } catch (err) {
    logger.error({ err }, 'live socket: session check failed')
    return { code: LiveCloseCode.internalError, reason: 'session check failed' }
  }
  if (!current) {
    return { code: LiveCloseCode.unauthenticated, reason: 'session ended' }
  }
  if (!sameAgent(current, identity)) {
    return { code: LiveCloseCode.unauthenticated, reason: 'session changed' }
  }
  return null
}

/** The same agent in the same role and afdeling: what the socket's filter was made for. */
function sameAgent(a: LiveIdentity, b: LiveIdentity): boolean {
  return a.login === b.login && a.role === b.role && a.afdeling === b.afdeling
}
