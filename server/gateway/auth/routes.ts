import type { FastifyInstance } from 'fastify'
import type { GatewayServices } from '../services'
import { loginFailed } from '../http/problems'
import { bodyValidator } from '../http/validation'
import { pauzeRedenenOf } from '../live/agent-time'
import { supervisedAfdelingen } from '../monitoring/service'
import { agentOf } from './guard'
import { loginRateLimiter } from './login-rate-limit'
import { IDLE_TIMEOUT_MS } from './sessions'
import type { AgentView, SoftphoneAccountView } from '../../../shared/gateway/api'
import { CONSULT_RING_SECONDS } from '../../../shared/gateway/consult-ring'
import type { AgentIdentity } from './authenticator'

/**
 * Sessions and the agent's own data:
 * - `POST /api/session` {login, password} → 201 {token, tokenType, expiresAt, idleTimeoutSeconds, agent}
 * - `DELETE /api/session` → 204
 * - `GET /api/me` → the agent
 * - `GET /api/softphone` → the agent's SIP credentials, for its own softphone only, and how long
 *   its consult calls ring
 */
interface LoginBody {
  login: string
  password: string
}

const loginBody = bodyValidator<LoginBody>({
  type: 'object',
  required: ['login', 'password'],
  properties: {
    login: { type: 'string', minLength: 1, maxLength: 64 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
})

export function registerAuthRoutes(app: FastifyInstance, services: GatewayServices): void {
  const { config, auth, actors, roster } = services
  const log = services.log.child({ scope: 'auth' })
  const afdelingNaam = new Map(config.afdelingen.map((a) => [a.id, a.naam]))
  const nawerkSeconds = new Map(config.afdelingen.map((a) => [a.id, a.nawerkSeconds ?? null]))
  const me = (agent: AgentIdentity): AgentView => ({
    login: agent.login,
    displayName: agent.displayName,
    email: agent.email,
    role: agent.role,
    afdeling: { id: agent.afdeling, naam: afdelingNaam.get(agent.afdeling) ?? agent.afdeling },
    answerField: config.answerField,
    monitorNotice: config.monitorNotice ?? true,
    supervises: agent.role === 'supervisor' ? supervisedAfdelingen(roster, agent.login) : [],
    pauzeRedenen: [...pauzeRedenenOf(config)],
    nawerkSeconds: nawerkSeconds.get(agent.afdeling) ?? null,
  })

  app.post(
    '/api/session',
    {
      config: { public: true, audit: { action: 'sessie.aanmelden', resource: 'sessie' } },
      preHandler: loginRateLimiter(app, services.loginRateLimit),
    },
    async (request, reply) => {
      const body = loginBody(request.body)
      // Only a known login is named in the audit line: an agent who types the password into
      // the login field must not find it in the log (BIO2 8.15.02).
      request.audit.claimedActor = roster.byLogin(body.login) ? body.login : undefined
      const agent = await auth.authenticator.authenticate({ kind: 'password', ...body })
      if (!agent) {
        throw loginFailed()
      }
      const session = await auth.sessions.create(agent.login)
      request.agent = agent
      // The agent exists in the register as an actor from login on (KISS does the same); if the
      // register is down the login still works, and the actor is resolved on first use.
      await actors.medewerker(agent).catch((error: unknown) => {
        log.warn({ login: agent.login, err: (error as Error).message }, 'actor not resolved at login')
      })
      return reply.code(201).send({
        token: session.token,
        tokenType: 'Bearer',
        expiresAt: new Date(session.expiresAt).toISOString(),
        idleTimeoutSeconds: IDLE_TIMEOUT_MS / 1000,
        agent: me(agent),
      })
    },
  )

  app.delete(
    '/api/session',
    { config: { audit: { action: 'sessie.afmelden', resource: 'sessie' } } },
    async (request, reply) => {
      if (request.sessionToken) {
        await auth.sessions.revoke(request.sessionToken)
      }
      return reply.code(204).send()
    },
  )

  app.get(
    '/api/me',
    { config: { audit: { action: 'medewerker.lezen', resource: 'medewerker' } } },
    (request) => me(agentOf(request)),
  )

  app.get(
    '/api/softphone',
    { config: { audit: { action: 'softphone.lezen', resource: 'sip-account' } } },
    (request) => {
      const agent = roster.byLogin(agentOf(request).login)!
      // The password goes to the agent's own softphone for SIP digest authentication at the PBX;
      // it is never logged (the audit line names only the action) and not cached (no-store).
      return {
        websocketUrl: config.sip.websocketUrl,
        domain: config.sip.domain,
        extension: agent.sipExtension,
        // TRANSITIONAL until ephemeral credentials: the static password.
        authorizationUsername: agent.sipExtension,
        password: config.agents.find((a) => a.login === agent.login)?.sipPassword ?? '',
        credentialsExpireAt: new Date(Date.now() + 12 * 3600_000).toISOString(),
        displayName: agent.displayName,
        aor: `sip:${agent.sipExtension}@${config.sip.domain}`,
        consultRingSeconds: config.transfer?.consultRingSeconds ?? CONSULT_RING_SECONDS.default,
      } satisfies SoftphoneAccountView
    },
  )
}
