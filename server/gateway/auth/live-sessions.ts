import type { AuditLog } from '../audit/audit-log'
import type { Clock } from '../lib/clock'
import type { LiveAuditEntry, LiveSessionChecks } from '../live/types'
import type { SessionAuth } from './guard'

/**
 * The gateway's sessions and audit log as the live socket checks them (live/types.ts
 * `LiveSessionChecks`): the socket's first message and every command count as the agent's activity;
 * the periodic re-check does not, so an idle agent's session still expires with the socket open,
 * and the socket closes with it. An agent removed from the configuration loses the session here as
 * on a REST request (guard.ts).
 */
export function liveSessionChecks(deps: {
  auth: SessionAuth
  audit: AuditLog
  clock: Clock
}): LiveSessionChecks {
  const { auth, audit, clock } = deps
  return {
    authenticate: (token) => auth.authenticate(token),
    recheck: (token) => auth.authenticate(token, { renew: false }),
    watch: (token, ended) => auth.sessions.watch(token, ended),
    audit: (entry) => audit.record(auditEventOf(entry, clock)),
  }
}

/**
 * One line per socket that asked to subscribe: who, and which events (`alle-medewerkers`: the
 * supervisor's feed of every agent's state and calls; `eigen`: the agent's own, and transfers to it
 * or its afdeling), or `ongeldige-sessie` when the token opened nothing.
 */
function auditEventOf(entry: LiveAuditEntry, clock: Clock): Parameters<AuditLog['record']>[0] {
  const detail =
    entry.subscription === 'everything'
      ? 'alle-medewerkers'
      : entry.subscription === null
        ? 'ongeldige-sessie'
        : 'eigen'
  return {
    at: new Date(clock()).toISOString(),
    actor: entry.actor,
    action: 'live.abonneren',
    resource: 'live-gebeurtenissen',
    objectUuid: null,
    objectNummer: null,
    objects: [],
    result: entry.result,
    status: entry.status,
    security: false,
    detail,
    origin: entry.origin,
    requestId: entry.requestId,
  }
}
