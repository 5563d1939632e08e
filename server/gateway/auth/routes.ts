import type { FastifyInstance } from 'fastify'
import type { GatewayServices } from '../services'
import { loginFailed, ProblemError } from '../http/problems'
import { bodyValidator } from '../http/validation'
import { pauzeRedenenOf } from '../live/agent-time'
import { supervisedAfdelingen } from '../monitoring/service'
import { agentOf } from './guard'
import { loginRateLimiter } from './login-rate-limit'
import { logoutUrl, registerOidcRoutes, type OpenSession } from './oidc/routes'
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from './sessions'
import type { AgentView, SoftphoneAccountView } from '../../../shared/gateway/api'
import type { AuthMethodsView, LogoutView } from '../../../shared/gateway/sso'
import { CONSULT_RING_SECONDS } from '../../../shared/gateway/consult-ring'
import type { AgentIdentity } from './authenticator'
import {
  DEFAULT_SIP_CREDENTIALS_TTL_SECONDS,
  issueEphemeral,
  randomEphemeralSecret,
} from '../../lib/sip-ephemeral'

/**
 * Sessions and the agent's own data:
 * - `GET /api/auth/methods` → which sign-in the login screen offers (`auth.methods`)
 * - `POST /api/session` {login, password} → 201 {token, tokenType, expiresAt, idleTimeoutSeconds, agent};
 *   a problem when password login is switched off
 * - single sign-on's routes (oidc/routes.ts), ending in `POST /api/session/sso` → the same 201
 * - `DELETE /api/session` → 204, or 200 {endSessionUrl} for a single-sign-on session, so the app
 *   can end the provider's session too
 * - `GET /api/me` → the agent
 * - `GET /api/softphone` → the agent's ephemeral SIP credentials, for its own softphone only, and
 *   how long its consult calls ring
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
  const methods = config.auth?.methods ?? ['password']
  const oidcSettings = methods.includes('oidc') ? config.auth?.oidc : undefined
  // The secret shared with the SIP server (Kamailio's autheph, or the embedded server, which the
  // composition gives the same one); without one, nothing checks these credentials (tests of the
  // gateway alone), so a random one per process does.
  const sipSecret = config.sip.credentials?.secret ?? randomEphemeralSecret()
  const sipCredentialsTtl = config.sip.credentials?.ttlSeconds ?? DEFAULT_SIP_CREDENTIALS_TTL_SECONDS
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

  const openSession: OpenSession = async (request, reply, agent, opened) => {
    const session = await auth.sessions.create(agent.login, opened)
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
  }

  app.get(
    '/api/auth/methods',
    { config: { public: true, audit: { action: 'aanmelden.methoden', resource: 'sessie' } } },
    () =>
      ({
        password: methods.includes('password'),
        oidc: oidcSettings ? { label: oidcSettings.label ?? 'Aanmelden met uw organisatie-account' } : null,
      }) satisfies AuthMethodsView,
  )

  app.post(
    '/api/session',
    {
      config: { public: true, audit: { action: 'sessie.aanmelden', resource: 'sessie' } },
      preHandler: loginRateLimiter(app, services.loginRateLimit),
    },
    async (request, reply) => {
      if (!methods.includes('password')) {
        throw new ProblemError(
          403,
          'password_login_disabled',
          'Geen toestemming.',
          'Aanmelden met een wachtwoord is op deze gateway uitgeschakeld; meld u aan met het account van uw organisatie.',
          'PermissionDenied',
        )
      }
      const body = loginBody(request.body)
      // Only a known login is named in the audit line: an agent who types the password into
      // the login field must not find it in the log (BIO2 8.15.02).
      request.audit.claimedActor = roster.byLogin(body.login) ? body.login : undefined
      const agent = await auth.authenticator.authenticate({ kind: 'password', ...body })
      if (!agent) {
        throw loginFailed()
      }
      return openSession(request, reply, agent, { method: 'password' })
    },
  )

  registerOidcRoutes(app, services, openSession)

  app.delete(
    '/api/session',
    { config: { audit: { action: 'sessie.afmelden', resource: 'sessie' } } },
    async (request, reply) => {
      const ended = request.sessionToken ? await auth.sessions.end(request.sessionToken) : null
      if (ended?.method !== 'oidc' || !oidcSettings) {
        return reply.code(204).send()
      }
      // The provider's session outlives ours unless the browser is sent to end it (RP-Initiated
      // Logout 1.0); the ID token goes there as hint, fetched by a one-time id, not in the URL.
      const id = ended.idToken ? await services.sso.keepForLogout(ended.idToken) : null
      return reply.code(200).send({ endSessionUrl: logoutUrl(oidcSettings, id) } satisfies LogoutView)
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
    async (request) => {
      const agent = roster.byLogin(agentOf(request).login)!
      // Ephemeral credentials for this session only (docs/telephony.md): they never outlive the
      // session's absolute expiry, so a softphone of a session that ended cannot register for long.
      // They go to the agent's own softphone for SIP digest authentication at the PBX; they are never
      // logged (the audit line names only the action) and not cached (no-store).
      const session = await auth.sessions.verify(request.sessionToken!, { renew: false })
      const now = Date.now()
      const until = Math.min(
        now + sipCredentialsTtl * 1000,
        (session?.createdAt ?? now) + ABSOLUTE_TIMEOUT_MS,
      )
      const credentials = issueEphemeral(sipSecret, agent.sipExtension, until / 1000)
      return {
        websocketUrl: config.sip.websocketUrl,
        domain: config.sip.domain,
        extension: agent.sipExtension,
        authorizationUsername: credentials.username,
        password: credentials.password,
        credentialsExpireAt: new Date(credentials.expiresAt * 1000).toISOString(),
        displayName: agent.displayName,
        aor: `sip:${agent.sipExtension}@${config.sip.domain}`,
        consultRingSeconds: config.transfer?.consultRingSeconds ?? CONSULT_RING_SECONDS.default,
      } satisfies SoftphoneAccountView
    },
  )
}
