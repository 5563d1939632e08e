import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type KoaContext } from 'oidc-provider'

/**
 * A real OpenID Connect provider (oidc-provider 9, the certified implementation) on 127.0.0.1:<free
 * port>, as the municipality's Entra ID or Keycloak would be: one confidential client for the
 * gateway (client_secret_basic, PKCE required), the users the test defines with a `groups` claim
 * (scope `groups`, as Keycloak's group mapper), claims in the ID token, and RP-initiated logout.
 *
 * Sign-in is a plain HTML form (labelled "Gebruikersnaam", "Wachtwoord", button "Inloggen") that a
 * browser test fills, or `browser().signIn(…)` submits over HTTP. Consent is granted implicitly, as
 * for a first-party application. The logout confirmation has a button "Afmelden".
 *
 * `forgeNextIdToken` replaces the ID token of the next token response with a forged one (wrong
 * audience, expired, or a broken signature), signed with the provider's own key where a signature
 * is meant to verify, so a test can show the client refuses each for that one reason.
 */
export interface IdpUser {
  /** `sub` and `preferred_username`. */
  login: string
  password: string
  name: string
  email: string
  groups: string[]
  /** Further claims in the ID token (e.g. an extension). */
  claims?: Record<string, unknown>
}

export interface IdpOptions {
  users: IdpUser[]
  clientId: string
  clientSecret: string
  redirectUris: string[]
  postLogoutRedirectUris?: string[]
}

export type ForgedIdToken = 'wrong-audience' | 'expired' | 'tampered-signature'

export interface TestIdp {
  /** e.g. `http://127.0.0.1:41234` (discovery at `/.well-known/openid-configuration`). */
  issuer: string
  /** Signs a JWT with the provider's key, as its ID tokens are signed (RS256). */
  signIdToken(claims: Record<string, unknown>): string
  forgeNextIdToken(kind: ForgedIdToken): void
  /** How many token responses the provider sent (forged or not). */
  readonly tokenResponses: number
  /** An HTTP client with its own cookie jar, as one user's browser at the provider. */
  browser(): IdpBrowser
  close(): Promise<void>
}

/** Where the provider sends the browser once it leaves the provider, or the page it stopped at. */
export type IdpStep = { leftTo: string } | { page: string; url: string }

export interface IdpBrowser {
  /** Follows redirects within the provider until it sends the browser elsewhere or shows a page. */
  follow(url: string): Promise<IdpStep>
  /**
   * Opens an authorization URL, signs in on the form (unless the provider's session already
   * exists) and answers where the provider sends the browser: the client's redirect URI with
   * `code` and `state`, or with `error`.
   */
  signIn(authorizationUrl: string, login: string, password: string): Promise<string>
  /** Opens an end-session URL, confirms "Afmelden", answers where the provider sends the browser. */
  endSession(url: string): Promise<IdpStep>
}

const SCOPE_CLAIMS = {
  openid: ['sub'],
  profile: ['name', 'preferred_username'],
  email: ['email', 'email_verified'],
  groups: ['groups'],
}

export async function startIdp(options: IdpOptions): Promise<TestIdp> {
  const users = new Map(options.users.map((u) => [u.login, u]))
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const kid = randomBytes(8).toString('hex')
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }
  const signIdToken = (claims: Record<string, unknown>): string => {
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }))
    const input = `${header}.${base64url(JSON.stringify(claims))}`
    return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`
  }

  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end()
  const server: Server = createServer((req, res) => handler(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris ?? [],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    // A user's further claims come with the profile scope, as a directory attribute mapped there would.
    claims: {
      ...SCOPE_CLAIMS,
      profile: [
        ...SCOPE_CLAIMS.profile,
        ...new Set(options.users.flatMap((u) => Object.keys(u.claims ?? {}))),
      ],
    },
    // Claims of the granted scopes in the ID token itself, as Entra ID and Keycloak do by default.
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [jwk] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true, logoutSource } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const user = users.get(sub)
      return user
        ? {
            accountId: sub,
            claims: () => ({
              sub,
              preferred_username: user.login,
              name: user.name,
              email: user.email,
              email_verified: true,
              groups: user.groups,
              ...user.claims,
            }),
          }
        : undefined
    },
    // First-party client: every requested scope is granted without a consent screen.
    async loadExistingGrant(ctx) {
      const client = ctx.oidc.client!
      const accountId = ctx.oidc.session!.accountId!
      const existing = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(client.clientId)
      const found = existing ? await ctx.oidc.provider.Grant.find(existing) : undefined
      if (found) {
        return found
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId })
      grant.addOIDCScope(Object.keys(SCOPE_CLAIMS).join(' '))
      await grant.save()
      return grant
    },
  })

  const forged: ForgedIdToken[] = []
  let tokenResponses = 0
  provider.use(async (ctx: KoaContext, next) => {
    await next()
    if (ctx.path !== '/token' || ctx.method !== 'POST' || ctx.status !== 200) {
      return
    }
    tokenResponses += 1
    const kind = forged.shift()
    const body = ctx.body as { id_token?: string }
    if (kind && body.id_token) {
      ctx.body = { ...body, id_token: forge(body.id_token, kind, signIdToken) }
    }
  })

  const providerCallback = provider.callback()
  handler = (req, res) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(new URL(req.url ?? '/', issuer).pathname)
    if (!match) {
      providerCallback(req, res)
      return
    }
    interaction(provider, users, req, res, match[2] !== undefined).catch((error: unknown) => {
      res.statusCode = 500
      res.end(String(error))
    })
  }

  return {
    issuer,
    signIdToken,
    forgeNextIdToken: (kind) => forged.push(kind),
    get tokenResponses() {
      return tokenResponses
    },
    browser: () => new CookieBrowser(issuer),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

function forge(
  idToken: string,
  kind: ForgedIdToken,
  sign: (claims: Record<string, unknown>) => string,
): string {
  const [, payload, signature] = idToken.split('.')
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>
  const now = Math.floor(Date.now() / 1000)
  switch (kind) {
    case 'wrong-audience':
      return sign({ ...claims, aud: 'another-application' })
    case 'expired':
      return sign({ ...claims, iat: now - 7200, exp: now - 3600 })
    case 'tampered-signature': {
      // The claims are the provider's own, unaltered; only the signature no longer matches them.
      const bytes = Buffer.from(signature!, 'base64url')
      bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff
      return `${idToken.split('.').slice(0, 2).join('.')}.${bytes.toString('base64url')}`
    }
  }
}

async function interaction(
  provider: Provider,
  users: Map<string, IdpUser>,
  req: IncomingMessage,
  res: ServerResponse,
  submitted: boolean,
): Promise<void> {
  const details = await provider.interactionDetails(req, res)
  if (details.prompt.name !== 'login') {
    // Consent is implicit (loadExistingGrant); any other prompt ends the interaction as it is.
    await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true })
    return
  }
  let failed = false
  if (submitted && req.method === 'POST') {
    const form = new URLSearchParams(await readBody(req))
    const user = users.get(form.get('login') ?? '')
    if (user && user.password === form.get('password')) {
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.login } },
        { mergeWithLastSubmission: false },
      )
      return
    }
    failed = true
  }
  res.setHeader('content-type', 'text/html; charset=utf-8')
  res.setHeader('cache-control', 'no-store')
  res.end(`<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Inloggen bij de test-IdP</title></head>
<body><main><h1>Inloggen</h1>
${failed ? '<p role="alert">Onjuiste gebruikersnaam of wachtwoord.</p>' : ''}
<form method="post" action="/interaction/${details.uid}/login">
<label for="login">Gebruikersnaam</label> <input id="login" name="login" autocomplete="username">
<label for="password">Wachtwoord</label> <input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Inloggen</button>
</form></main></body></html>`)
}

async function logoutSource(ctx: KoaContext, form: string): Promise<void> {
  ctx.body = `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Afmelden bij de test-IdP</title></head>
<body><main><h1>Wilt u zich afmelden?</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Afmelden</button>
</main></body></html>`
  await Promise.resolve()
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) {
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString()
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url')
}

/** A browser's cookie handling, enough for the provider's own cookies on one origin. */
class CookieBrowser implements IdpBrowser {
  private readonly cookies = new Map<string, string>()

  constructor(private readonly issuer: string) {}

  async follow(url: string): Promise<IdpStep> {
    let next = url
    let init: RequestInit = {}
    for (let hop = 0; hop < 20; hop++) {
      if (new URL(next).origin !== new URL(this.issuer).origin) {
        return { leftTo: next }
      }
      const response = await fetch(next, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
      })
      this.store(response)
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        next = new URL(location, next).toString()
        init = {}
        continue
      }
      const page = await response.text()
      // A provider page that posts itself (form_post to a client, or a logout without a session).
      const autoPost = /<form method="post" action="([^"]+)"/.exec(page)
      if (autoPost && /<script[^>]*>[^<]*submit\(\)/.test(page)) {
        const action = new URL(decodeHtml(autoPost[1]!), next).toString()
        if (new URL(action).origin !== new URL(this.issuer).origin) {
          return { page, url: next }
        }
        next = action
        init = postForm(hiddenInputs(page))
        continue
      }
      return { page, url: next }
    }
    throw new Error(`too many redirects from ${url}`)
  }

  async signIn(authorizationUrl: string, login: string, password: string): Promise<string> {
    const step = await this.follow(authorizationUrl)
    if ('leftTo' in step) {
      return step.leftTo
    }
    const action = /<form method="post" action="(\/interaction\/[^"]+\/login)"/.exec(step.page)
    if (!action) {
      throw new Error(`the provider showed no login form at ${step.url}: ${step.page.slice(0, 300)}`)
    }
    const after = await this.submit(new URL(action[1]!, this.issuer).toString(), { login, password })
    if ('leftTo' in after) {
      return after.leftTo
    }
    throw new Error(`the provider did not accept the login: ${after.page.slice(0, 300)}`)
  }

  async endSession(url: string): Promise<IdpStep> {
    const step = await this.follow(url)
    if ('leftTo' in step) {
      return step
    }
    const form = /<form id="op.logoutForm" method="post" action="([^"]+)">/.exec(step.page)
    if (!form) {
      return step
    }
    return this.submit(decodeHtml(form[1]!), { ...hiddenInputs(step.page), logout: 'yes' })
  }

  private async submit(action: string, fields: Record<string, string>): Promise<IdpStep> {
    const response = await fetch(action, {
      ...postForm(fields),
      redirect: 'manual',
      headers: { ...postForm(fields).headers, cookie: this.cookieHeader() },
    })
    this.store(response)
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      return this.follow(new URL(location, action).toString())
    }
    return { page: await response.text(), url: action }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  private store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const [name, ...value] = pair!.split('=')
      const expired = attributes.some((a) => {
        const [key, val] = a.trim().split('=')
        return (
          (key?.toLowerCase() === 'expires' && Date.parse(val ?? '') < Date.now()) ||
          (key?.toLowerCase() === 'max-age' && Number(val) <= 0)
        )
      })
      if (expired) {
        this.cookies.delete(name!.trim())
      } else {
        this.cookies.set(name!.trim(), value.join('='))
      }
    }
  }
}

function postForm(fields: Record<string, string>): {
  method: 'POST'
  body: string
  headers: Record<string, string>
} {
  return {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  }
}

function hiddenInputs(page: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const input of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)) {
    fields[input[1]!] = decodeHtml(input[2]!)
  }
  return fields
}

function decodeHtml(text: string): string {
  return text
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
}
