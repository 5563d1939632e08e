import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import * as oidc from 'openid-client'
import {
  SSO_CHALLENGE_PATTERN,
  SSO_LOOPBACK_PATH,
  SSO_STATE_PATTERN,
  SSO_VERIFIER_PATTERN,
  type SsoClient,
  type SsoExchangeBody,
} from '../../../../shared/gateway/sso'
import type { OidcConfig } from '../../config/types'
import { RosterConflict } from '../../directory/roster'
import { fieldError, ProblemError } from '../../http/problems'
import { bodyValidator } from '../../http/validation'
import type { GatewayServices } from '../../services'
import type { AgentIdentity } from '../authenticator'
import { loginRateLimiter } from '../login-rate-limit'
import type { SessionMethod } from '../sessions'
import { medewerkerFromClaims } from './claims'
import { OidcClient } from './client'
import { sendRefusal, type RefusalReason } from './page'
import type { PendingLogin } from './store'

/**
 * Single sign-on's routes (shared/gateway/sso.ts; docs/gateway.md, "Single sign-on"),
 * all public (there is no session yet) and audited:
 * - `GET /api/auth/oidc/start` keeps the sign-in's checks in the gateway database and sends the
 *   browser to the provider;
 * - `GET /api/auth/oidc/callback` takes the provider's answer, maps the claims to a medewerker,
 *   provisions them in the roster and sends the browser back to the app with a handoff code, or
 *   shows the refusal page;
 * - `POST /api/session/sso` exchanges code + verifier for a session;
 * - `GET /api/auth/oidc/logout` sends the browser to the provider's end-session endpoint.
 * Without `oidc` in `auth.methods` each answers 404 with a problem saying so.
 */
export type OpenSession = (
  request: FastifyRequest,
  reply: FastifyReply,
  agent: AgentIdentity,
  opened: SessionMethod,
) => Promise<FastifyReply>

const HANDOFF_CODE = /^[A-Za-z0-9_-]{43}$/
/** The end of `redirectUri`, as the configuration's schema requires it. */
const CALLBACK_PATH = 'api/auth/oidc/callback'
const LOGOUT_ID = /^[A-Za-z0-9_-]{43}$/
/** RFC 6749 §4.1.2.1: an error code is ASCII without quotes or backslashes; kept short for the log. */
const ERROR_CODE = /^[a-z_]{1,64}$/

const exchangeBody = bodyValidator<SsoExchangeBody>({
  type: 'object',
  required: ['code', 'verifier'],
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 128 },
    verifier: { type: 'string', minLength: 1, maxLength: 128 },
  },
})

export function registerOidcRoutes(
  app: FastifyInstance,
  services: GatewayServices,
  openSession: OpenSession,
): void {
  const { config, sso, roster } = services
  const log = services.log.child({ scope: 'oidc' })
  const settings = config.auth?.methods.includes('oidc') ? config.auth.oidc : undefined
  const client = settings ? new OidcClient(settings) : undefined
  const afdelingen = new Set(config.afdelingen.map((a) => a.id))
  const enabled = (): { settings: OidcConfig; client: OidcClient } => {
    if (!settings || !client) {
      throw new ProblemError(
        404,
        'sso_disabled',
        'Niet gevonden.',
        'Aanmelden met single sign-on is op deze gateway niet ingeschakeld.',
        'NotFound',
      )
    }
    return { settings, client }
  }
  const refuse = (request: FastifyRequest, reply: FastifyReply, reason: RefusalReason): FastifyReply => {
    request.audit.outcome = {
      detail: reason,
      ...(reason === 'ongeldig-antwoord' ? { security: true } : {}),
    }
    return sendRefusal(reply, reason)
  }

  app.get(
    '/api/auth/oidc/start',
    { config: { public: true, audit: { action: 'sessie.sso-starten', resource: 'sessie' } } },
    async (request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply) => {
      const { client: idp } = enabled()
      const appSide = startQuery(request.query)
      const check = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
      }
      let url: URL
      try {
        url = await idp.authorizationUrl(check)
      } catch (error) {
        log.warn({ err: errorCode(error) }, 'identity provider unreachable at sign-in start')
        return refuse(request, reply, 'idp-onbereikbaar')
      }
      await sso.savePending({ ...check, app: appSide })
      return reply.redirect(url.href, 303)
    },
  )

  app.get(
    '/api/auth/oidc/callback',
    { config: { public: true, audit: { action: 'sessie.sso-terugkeer', resource: 'sessie' } } },
    async (request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply) => {
      const { client: idp, settings: oidcSettings } = enabled()
      const state = request.query.state
      const pending = typeof state === 'string' && state.length <= 128 ? await sso.takePending(state) : null
      if (!pending) {
        return refuse(request, reply, 'verlopen')
      }
      if (request.query.error !== undefined) {
        const code = ERROR_CODE.test(request.query.error) ? request.query.error : 'onleesbaar'
        log.warn({ error: code }, 'identity provider answered with an error')
        return refuse(request, reply, 'geweigerd-door-idp')
      }
      let signedIn: Awaited<ReturnType<OidcClient['signedIn']>>
      try {
        signedIn = await idp.signedIn(request.url.split('?')[1] ?? '', pending)
      } catch (error) {
        const reason = callbackFailure(error)
        log.warn({ err: errorCode(error), reason }, 'single sign-on not completed')
        return refuse(request, reply, reason)
      }
      const mapped = medewerkerFromClaims(signedIn.claims, oidcSettings, afdelingen)
      if ('refused' in mapped) {
        log.warn({ reason: mapped.refused }, 'single sign-on refused')
        return refuse(request, reply, mapped.refused)
      }
      request.audit.claimedActor = mapped.medewerker.login
      let medewerker
      try {
        medewerker = await roster.provision(mapped.medewerker)
      } catch (error) {
        if (error instanceof RosterConflict) {
          log.warn(
            { login: mapped.medewerker.login, field: error.field },
            'single sign-on refused: roster conflict',
          )
          return refuse(request, reply, 'in-gebruik')
        }
        throw error
      }
      const code = await sso.issueHandoff(medewerker.login, pending.app.challenge, signedIn.idToken)
      return reply.redirect(returnUrl(pending, code, oidcSettings), 303)
    },
  )

  app.post(
    '/api/session/sso',
    {
      config: { public: true, audit: { action: 'sessie.aanmelden-sso', resource: 'sessie' } },
      preHandler: loginRateLimiter(app, services.loginRateLimit, { byLogin: false }),
    },
    async (request, reply) => {
      enabled()
      const body = exchangeBody(request.body)
      if (!HANDOFF_CODE.test(body.code)) {
        throw fieldError('code', 'invalid', 'Deze code is niet geldig.')
      }
      if (!SSO_VERIFIER_PATTERN.test(body.verifier)) {
        throw fieldError('verifier', 'invalid', 'Een verifier heeft 43 tot 128 tekens (RFC 7636).')
      }
      const handoff = await sso.redeemHandoff(body.code, body.verifier)
      if (typeof handoff === 'string') {
        request.audit.outcome = {
          detail: handoff,
          ...(handoff === 'verkeerde-verifier' ? { security: true } : {}),
        }
        throw new ProblemError(
          401,
          'sso_code_invalid',
          'Ongeldige authenticatiegegevens.',
          'Deze aanmeldcode is onbekend, verlopen of al gebruikt. Meld u opnieuw aan.',
          'AuthenticationFailed',
        )
      }
      request.audit.claimedActor = handoff.login
      const agent =
        services.auth.authenticator.identity(handoff.login) ??
        ((await roster.find(handoff.login)) ? services.auth.authenticator.identity(handoff.login) : null)
      if (!agent) {
        throw new ProblemError(
          401,
          'authentication_failed',
          'Ongeldige authenticatiegegevens.',
          'Deze medewerker is niet (meer) bekend. Meld u opnieuw aan.',
          'AuthenticationFailed',
        )
      }
      return openSession(request, reply, agent, { method: 'oidc', idToken: handoff.idToken })
    },
  )

  app.get(
    '/api/auth/oidc/logout',
    { config: { public: true, audit: { action: 'sessie.sso-afmelden', resource: 'sessie' } } },
    async (request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply) => {
      const { client: idp, settings: oidcSettings } = enabled()
      const id = request.query.id
      if (id !== undefined && !LOGOUT_ID.test(id)) {
        throw fieldError('id', 'invalid', 'Deze afmeldverwijzing is niet geldig.')
      }
      const idToken = id ? await sso.takeForLogout(id) : null
      let url: URL | null
      try {
        url = await idp.endSessionUrl(idToken)
      } catch (error) {
        log.warn({ err: errorCode(error) }, 'identity provider unreachable at logout')
        return refuse(request, reply, 'idp-onbereikbaar')
      }
      return reply.redirect(url?.href ?? oidcSettings.postLogoutRedirectUri ?? '/', 303)
    },
  )
}

/** Where `DELETE /api/session` sends the browser after a single-sign-on session: the logout route. */
export function logoutUrl(settings: OidcConfig, id: string | null): string {
  const url = new URL('logout', settings.redirectUri)
  if (id) {
    url.searchParams.set('id', id)
  }
  return url.href
}

function startQuery(query: Record<string, string | undefined>): PendingLogin['app'] {
  const known = new Set(['client', 'challenge', 'state', 'port'])
  const unknown = Object.keys(query).find((key) => !known.has(key))
  if (unknown !== undefined) {
    throw fieldError(
      'nonFieldErrors',
      'unknown_field',
      'Dit verzoek kent alleen client, challenge, state en port.',
    )
  }
  const client = query.client
  if (client !== 'web' && client !== 'desktop') {
    throw fieldError('client', 'invalid_choice', 'Kies web of desktop.')
  }
  if (typeof query.challenge !== 'string' || !SSO_CHALLENGE_PATTERN.test(query.challenge)) {
    throw fieldError(
      'challenge',
      'invalid',
      'De challenge is base64url(SHA-256(verifier)), 43 tekens (RFC 7636).',
    )
  }
  if (typeof query.state !== 'string' || !SSO_STATE_PATTERN.test(query.state)) {
    throw fieldError('state', 'invalid', 'De state heeft 16 tot 128 URL-veilige tekens.')
  }
  return { client, challenge: query.challenge, state: query.state, port: portOf(client, query.port) }
}

/** The desktop app's loopback port (RFC 8252 §7.3); the web app has none. */
function portOf(client: SsoClient, port: string | undefined): number | null {
  if (client === 'web') {
    if (port !== undefined) {
      throw fieldError('port', 'invalid', 'Alleen de desktop-app geeft een poort op.')
    }
    return null
  }
  const value = port !== undefined && /^[0-9]{1,5}$/.test(port) ? Number(port) : NaN
  if (!(value >= 1024 && value <= 65535)) {
    throw fieldError(
      'port',
      'invalid',
      'De desktop-app geeft de poort van zijn luisteraar op 127.0.0.1 op (1024–65535).',
    )
  }
  return value
}

export function returnUrl(pending: PendingLogin, code: string, settings: OidcConfig): string {
  const parameters = new URLSearchParams({ code, state: pending.app.state })
  if (pending.app.client === 'desktop') {
    return `http://127.0.0.1:${pending.app.port}${SSO_LOOPBACK_PATH}?${parameters}`
  }
  // The app's address is the callback's without its path: behind a reverse proxy under a path
  // (https://gemeente.example/kcc/) the app is there, not at the host's root. The fragment stays in
  // the browser: the code never reaches a server log on the way back.
  const app = settings.redirectUri.slice(0, -CALLBACK_PATH.length)
  return `${app}#${new URLSearchParams({ sso: code, state: pending.app.state })}`
}

/**
 * Why the provider's answer gave no sign-in: it said no (an error response from its token
 * endpoint or in the callback), the answer did not verify (issuer, audience, expiry, nonce,
 * signature: a security event), or the provider could not be reached.
 */
function callbackFailure(error: unknown): RefusalReason {
  if (error instanceof oidc.ResponseBodyError || error instanceof oidc.AuthorizationResponseError) {
    return 'geweigerd-door-idp'
  }
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && code.startsWith('OAUTH_') && code !== 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
    return 'ongeldig-antwoord'
  }
  return 'idp-onbereikbaar'
}

/** An error's code for the operational log: never its message, which may quote a token. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown; cause?: { code?: unknown } }).code
  return typeof code === 'string' ? code : (error as Error).name
}
