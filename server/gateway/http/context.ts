import type { AgentIdentity } from '../auth/authenticator'
import type { AuditObject, AuditOutcome, AuditRoute } from '../audit/types'

/**
 * What the gateway attaches to Fastify's request and route config. Routes declare:
 * - `config.public`: reachable without a session (the login, the web files);
 * - `config.audit`: the action and resource their audit line names (audit/hooks.ts).
 * Handlers set `request.audit.object` to the klantcontact they touched, name in
 * `request.audit.objects` every object whose data their answer disclosed (audit/objects.ts) and,
 * where the status code alone does not say it, set `request.audit.outcome` (a security event, a
 * masked read).
 */
export interface AuditContext {
  object: { uuid?: string | undefined; nummer?: string | undefined }
  objects?: AuditObject[] | undefined
  outcome: AuditOutcome
  /** The login someone tried to use (login route, before a session exists). */
  claimedActor?: string | undefined
  /** Set once the line is written, so an error reply for the same request writes no second line. */
  written: boolean
}

declare module 'fastify' {
  interface FastifyContextConfig {
    public?: boolean
    audit?: AuditRoute
    /** A file of the agent app's web build: public, not audited (server/compose/web-files.ts). */
    webFile?: boolean
    /**
     * Not audited: the answer carries no actor and discloses nothing (a CORS preflight, the desktop
     * app's update feed).
     */
    unaudited?: boolean
  }
  interface FastifyRequest {
    agent: AgentIdentity | null
    sessionToken: string | null
    audit: AuditContext
  }
}

export {}
