import { createHash, randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { IdpBrowser } from './oidc-idp'

/**
 * The app's side of single sign-on (shared/gateway/sso.ts) over HTTP, against a real gateway (by
 * `inject`) and a real identity provider (tests/support/oidc-idp.ts, by its browser): what the
 * web app or the desktop app does, without the app.
 */
export interface AppSide {
  verifier: string
  challenge: string
  state: string
}

export function appSide(): AppSide {
  const verifier = randomBytes(48).toString('base64url')
  return {
    verifier,
    challenge: createHash('sha256').update(verifier).digest('base64url'),
    state: randomBytes(16).toString('base64url'),
  }
}

export interface GatewayAnswer {
  status: number
  location: string | undefined
  contentType: string | undefined
  csp: string | undefined
  body: string
}

export async function gatewayGet(app: FastifyInstance, url: string): Promise<GatewayAnswer> {
  const response = await app.inject({ method: 'GET', url })
  const header = (name: string): string | undefined => {
    const value = response.headers[name]
    return typeof value === 'string' ? value : undefined
  }
  return {
    status: response.statusCode,
    location: header('location'),
    contentType: header('content-type'),
    csp: header('content-security-policy'),
    body: response.body,
  }
}

/** The path and query of an absolute URL the provider sent the browser to (the gateway's callback). */
export function pathOf(url: string): string {
  const parsed = new URL(url)
  return `${parsed.pathname}${parsed.search}`
}

export interface SignInResult {
  app: AppSide
  /** The gateway's answer to the provider's redirect to its callback. */
  callback: GatewayAnswer
}

/**
 * Start → provider login form → callback, as one browser. `start` and `callback` may be different
 * gateway instances (the state lives in the shared database).
 */
export async function signInThroughIdp(options: {
  start: FastifyInstance
  callback?: FastifyInstance
  browser: IdpBrowser
  login: string
  password: string
  client?: 'web' | 'desktop'
  port?: number
}): Promise<SignInResult> {
  const app = appSide()
  const query = new URLSearchParams({
    client: options.client ?? 'web',
    challenge: app.challenge,
    state: app.state,
    ...(options.port !== undefined ? { port: String(options.port) } : {}),
  })
  const started = await gatewayGet(options.start, `/api/auth/oidc/start?${query}`)
  if (started.status !== 303 || !started.location) {
    throw new Error(`start answered ${started.status}: ${started.body}`)
  }
  const back = await options.browser.signIn(started.location, options.login, options.password)
  return { app, callback: await gatewayGet(options.callback ?? options.start, pathOf(back)) }
}

/**
 * The handoff code and state in the web app's return URL `<app>#sso=…&state=…`, where the app's
 * address is the callback's without `api/auth/oidc/callback`.
 */
export function webReturn(location: string | undefined, app: string): { code: string; state: string } {
  const match = /^([^#]*)#(.*)$/.exec(location ?? '')
  if (!match || match[1] !== app) {
    throw new Error(`not a return to the web app at ${app}: ${location}`)
  }
  const fragment = new URLSearchParams(match[2])
  return { code: fragment.get('sso') ?? '', state: fragment.get('state') ?? '' }
}
