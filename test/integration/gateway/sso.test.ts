import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuthConfig, GatewayConfig } from '../../../server/gateway/config/types'
import type { AuthMethodsView, LogoutView } from '../../../shared/gateway/sso'
import { GatewayClient, startGateway, type TestGateway } from '../../support/gateway'
import { startIdp, type ForgedIdToken, type IdpUser, type TestIdp } from '../../support/oidc-idp'
import { appSide, gatewayGet, pathOf, signInThroughIdp, webReturn } from '../../support/sso-app'

/**
 * Single sign-on (docs/gateway.md, "Single sign-on"): the real gateway as a
 * confidential client of a real OpenID Connect provider (oidc-provider), over HTTP with the
 * provider's cookies, the gateway's state in its database (both engines).
 */
const GATEWAY = 'http://127.0.0.1:8080'
const CLIENT_ID = 'kcc-gateway'
const CLIENT_SECRET = 'een-geheim-van-de-gateway-bij-de-idp'
const AFTER_LOGOUT = `${GATEWAY}/afgemeld`

const USERS: IdpUser[] = [
  {
    login: 'jjansen',
    password: 'wachtwoord-jan',
    name: 'Jan Jansen',
    email: 'jan.jansen@gemeente.test',
    groups: ['kcc-medewerkers', 'afd-vergunningen', 'afd-kcc'],
    claims: { toestel: '2101' },
  },
  {
    login: 'pdevries',
    password: 'wachtwoord-petra',
    name: 'Petra de Vries',
    email: 'petra.devries@gemeente.test',
    groups: ['kcc-medewerkers', 'kcc-supervisors', 'afd-kcc', 'afd-vergunningen'],
    claims: { toestel: '2102' },
  },
  {
    login: 'mbakker',
    password: 'wachtwoord-mark',
    name: 'Mark <b>Bakker</b>',
    email: 'mark.bakker@gemeente.test',
    groups: ['marketing'],
    claims: { toestel: '2103' },
  },
  {
    login: 'lsmit',
    password: 'wachtwoord-lisa',
    name: 'Lisa Smit',
    email: 'lisa.smit@gemeente.test',
    groups: ['kcc-medewerkers'],
    claims: { toestel: '2104' },
  },
  {
    // Claims the extension of a configured agent.
    login: 'kdekker',
    password: 'wachtwoord-kees',
    name: 'Kees Dekker',
    email: 'kees.dekker@gemeente.test',
    groups: ['kcc-medewerkers', 'afd-kcc'],
    claims: { toestel: 'medewerker1' },
  },
  {
    // A configured agent signing in through the provider: the configuration decides who they are.
    login: 'medewerker2',
    password: 'wachtwoord-m2',
    name: 'Iemand Anders',
    email: 'medewerker2@kcc.test',
    groups: ['kcc-supervisors', 'afd-kcc'],
    claims: { toestel: '2999' },
  },
  ...['aud', 'exp', 'sig'].map((tag) => ({
    login: `forged-${tag}`,
    password: `wachtwoord-${tag}`,
    name: `Forged ${tag}`,
    email: `forged-${tag}@gemeente.test`,
    groups: ['kcc-medewerkers', 'afd-kcc'],
    claims: { toestel: `29${tag.length}${tag.charCodeAt(0)}` },
  })),
]

function authConfig(issuer: string, methods: AuthConfig['methods'] = ['password', 'oidc']): AuthConfig {
  return {
    methods,
    oidc: {
      issuer,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUri: `${GATEWAY}/api/auth/oidc/callback`,
      postLogoutRedirectUri: AFTER_LOGOUT,
      scopes: ['openid', 'profile', 'email', 'groups'],
      label: 'Aanmelden met uw Gemeente-account',
      claims: { extension: 'toestel' },
      roles: { 'kcc-medewerkers': 'agent', 'kcc-supervisors': 'supervisor' },
      // Order matters: an agent works in the first mapped afdeling.
      afdelingen: { 'afd-kcc': 'kcc', 'afd-vergunningen': 'vergunningen' },
    },
  }
}

describe('single sign-on through the municipality identity provider', () => {
  let idp: TestIdp
  let gw: TestGateway
  let offsetMs = 0

  beforeAll(async () => {
    idp = await startIdp({
      users: USERS,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [`${GATEWAY}/api/auth/oidc/callback`],
      postLogoutRedirectUris: [AFTER_LOGOUT],
    })
    gw = await startGateway({
      config: { auth: authConfig(idp.issuer) } satisfies Partial<GatewayConfig>,
      app: { clock: () => Date.now() + offsetMs },
    })
  })

  afterAll(async () => {
    await gw?.close()
    await idp?.close()
  })

  const exchange = (code: string, verifier: string) =>
    gw.anonymous.post<Record<string, unknown>>('/api/session/sso', { code, verifier })

  const auditLines = (action: string) =>
    gw.gateway.storage.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', action)
      .orderBy('id', 'desc')
      .execute()

  it('offers both sign-in methods with the configured button text', async () => {
    const r = await gw.anonymous.get<AuthMethodsView>('/api/auth/methods')
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ password: true, oidc: { label: 'Aanmelden met uw Gemeente-account' } })
  })

  it('signs an agent in: groups give the role and the first mapped afdeling, and the session is the usual one', async () => {
    const { app, callback } = await signInThroughIdp({
      start: gw.app,
      browser: idp.browser(),
      login: 'jjansen',
      password: 'wachtwoord-jan',
    })
    expect(callback.status).toBe(303)
    const back = webReturn(callback.location, `${GATEWAY}/`)
    expect(back.state).toBe(app.state)
    const session = await exchange(back.code, app.verifier)
    expect(session.status).toBe(201)
    expect(session.body).toMatchObject({ tokenType: 'Bearer', idleTimeoutSeconds: 1800 })
    const agent = new GatewayClient(() => gw.app, session.body['token'] as string)
    const me = await agent.get('/api/me')
    expect(me.body).toMatchObject({
      login: 'jjansen',
      displayName: 'Jan Jansen',
      email: 'jan.jansen@gemeente.test',
      role: 'agent',
      afdeling: { id: 'kcc' },
      supervises: [],
    })
    // Provisioned: the roster knows them with the extension from the claim.
    expect(gw.gateway.services.roster.byLogin('jjansen')).toMatchObject({ sipExtension: '2101' })
    const softphone = await agent.get('/api/softphone')
    expect(softphone.body).toMatchObject({ extension: '2101' })
    expect((await auditLines('sessie.aanmelden-sso'))[0]).toMatchObject({ actor: 'jjansen', result: 'ok' })
  })

  it('makes a supervisor of someone in the supervisors group, supervising every mapped afdeling', async () => {
    const { app, callback } = await signInThroughIdp({
      start: gw.app,
      browser: idp.browser(),
      login: 'pdevries',
      password: 'wachtwoord-petra',
    })
    const session = await exchange(webReturn(callback.location, `${GATEWAY}/`).code, app.verifier)
    const me = await new GatewayClient(() => gw.app, session.body['token'] as string).get('/api/me')
    expect(me.body).toMatchObject({ role: 'supervisor', afdeling: { id: 'kcc' } })
    expect(me.body['supervises']).toEqual(['kcc', 'vergunningen'])
  })

  it('keeps a configured agent as configured when they sign in through the provider', async () => {
    const { app, callback } = await signInThroughIdp({
      start: gw.app,
      browser: idp.browser(),
      login: 'medewerker2',
      password: 'wachtwoord-m2',
    })
    const session = await exchange(webReturn(callback.location, `${GATEWAY}/`).code, app.verifier)
    const me = await new GatewayClient(() => gw.app, session.body['token'] as string).get('/api/me')
    expect(me.body).toMatchObject({ login: 'medewerker2', role: 'agent', afdeling: { id: 'vergunningen' } })
  })

  it('finishes on another instance than it started, and that instance knows the provisioned medewerker', async () => {
    const other = await gw.startInstance()
    const { app, callback } = await signInThroughIdp({
      start: gw.app,
      callback: other.app,
      browser: idp.browser(),
      login: 'jjansen',
      password: 'wachtwoord-jan',
    })
    expect(callback.status).toBe(303)
    const session = await exchange(webReturn(callback.location, `${GATEWAY}/`).code, app.verifier)
    expect(session.status).toBe(201)
    const me = await new GatewayClient(() => other.app, session.body['token'] as string).get('/api/me')
    expect(me.body).toMatchObject({ login: 'jjansen' })
  })

  it('returns the desktop app to its loopback listener', async () => {
    const { app, callback } = await signInThroughIdp({
      start: gw.app,
      browser: idp.browser(),
      login: 'jjansen',
      password: 'wachtwoord-jan',
      client: 'desktop',
      port: 49152,
    })
    expect(callback.status).toBe(303)
    const url = new URL(callback.location!)
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:49152/aanmelden')
    expect(url.searchParams.get('state')).toBe(app.state)
    expect((await exchange(url.searchParams.get('code')!, app.verifier)).status).toBe(201)
  })

  it('refuses a start that does not say where to return, or says it wrongly', async () => {
    const { challenge, state } = appSide()
    const cases: Array<[string, string]> = [
      [`client=mobile&challenge=${challenge}&state=${state}`, 'client'],
      [`client=web&challenge=kort&state=${state}`, 'challenge'],
      [`client=web&challenge=${challenge}&state=x`, 'state'],
      [`client=desktop&challenge=${challenge}&state=${state}`, 'port'],
      [`client=desktop&challenge=${challenge}&state=${state}&port=80`, 'port'],
      [`client=desktop&challenge=${challenge}&state=${state}&port=8080x`, 'port'],
      [`client=web&challenge=${challenge}&state=${state}&port=49152`, 'port'],
      [`client=web&challenge=${challenge}&state=${state}&redirect=https://elders.test`, 'nonFieldErrors'],
    ]
    for (const [query, field] of cases) {
      const r = await gw.anonymous.get<{ invalidParams: Array<{ name: string }> }>(
        `/api/auth/oidc/start?${query}`,
      )
      expect(r.status, query).toBe(400)
      expect(r.body.invalidParams[0]?.name, query).toBe(field)
    }
  })

  it('refuses someone in no mapped group with the Dutch page, audited, and provisions nobody', async () => {
    const { callback } = await signInThroughIdp({
      start: gw.app,
      browser: idp.browser(),
      login: 'mbakker',
      password: 'wachtwoord-mark',
    })
    expect(callback.status).toBe(403)
    expect(callback.contentType).toMatch(/^text\/html/)
    expect(callback.csp).toContain("default-src 'none'")
    expect(callback.body).toContain('Geen toegang')
    expect(callback.body).not.toContain('Bakker')
    expect(gw.gateway.services.roster.byLogin('mbakker')).toBeUndefined()
    expect((await auditLines('sessie.sso-terugkeer'))[0]).toMatchObject({
      result: 'denied',
      detail: 'geen-rol',
    })
  })

  it('refuses someone in a role group but no afdeling group', async () => {
    const { callback } = await signInThroughIdp({
      start: gw.app,
      browser: idp.browser(),
      login: 'lsmit',
      password: 'wachtwoord-lisa',
    })
    expect(callback.status).toBe(403)
    expect(callback.body).toContain('niet gekoppeld aan een afdeling')
    expect((await auditLines('sessie.sso-terugkeer'))[0]).toMatchObject({ detail: 'geen-afdeling' })
  })

  it("refuses someone whose extension is a configured agent's", async () => {
    const { callback } = await signInThroughIdp({
      start: gw.app,
      browser: idp.browser(),
      login: 'kdekker',
      password: 'wachtwoord-kees',
    })
    expect(callback.status).toBe(403)
    expect(callback.body).toContain('al van een andere medewerker')
    expect(gw.gateway.services.roster.byLogin('kdekker')).toBeUndefined()
  })

  it("refuses the provider's error answer and a callback whose state is unknown or used", async () => {
    const { app } = { app: appSide() }
    const started = await gatewayGet(
      gw.app,
      `/api/auth/oidc/start?client=web&challenge=${app.challenge}&state=${app.state}`,
    )
    const state = new URL(started.location!).searchParams.get('state')!
    const denied = await gatewayGet(
      gw.app,
      `/api/auth/oidc/callback?error=access_denied&error_description=%3Cscript%3E&state=${state}`,
    )
    expect(denied.status).toBe(403)
    expect(denied.body).toContain('afgebroken of niet gelukt')
    expect(denied.body).not.toContain('<script>')
    // The state was used by that answer.
    const replay = await gatewayGet(gw.app, `/api/auth/oidc/callback?code=abc&state=${state}`)
    expect(replay.status).toBe(400)
    expect(replay.body).toContain('verlopen of al gebruikt')
    const unknown = await gatewayGet(gw.app, '/api/auth/oidc/callback?code=abc&state=nooitgezienestate')
    expect(unknown.status).toBe(400)
  })

  it('lets a handoff code be used once, only with the verifier of its challenge', async () => {
    const first = await signInThroughIdp({
      start: gw.app,
      browser: idp.browser(),
      login: 'jjansen',
      password: 'wachtwoord-jan',
    })
    const { code } = webReturn(first.callback.location, `${GATEWAY}/`)
    expect((await exchange(code, first.app.verifier)).status).toBe(201)
    const again = await exchange(code, first.app.verifier)
    expect(again.status).toBe(401)
    expect(again.body['code']).toBe('sso_code_invalid')

    const second = await signInThroughIdp({
      start: gw.app,
      browser: idp.browser(),
      login: 'jjansen',
      password: 'wachtwoord-jan',
    })
    const stolen = webReturn(second.callback.location, `${GATEWAY}/`).code
    expect((await exchange(stolen, appSide().verifier)).status).toBe(401)
    // A wrong verifier used the code up: the right one no longer helps.
    expect((await exchange(stolen, second.app.verifier)).status).toBe(401)
    expect(
      (await auditLines('sessie.aanmelden-sso')).some(
        (l) => l.detail === 'verkeerde-verifier' && l.security === 1,
      ),
    ).toBe(true)
  })

  it('refuses a handoff code after its 60 seconds', async () => {
    const { app, callback } = await signInThroughIdp({
      start: gw.app,
      browser: idp.browser(),
      login: 'jjansen',
      password: 'wachtwoord-jan',
    })
    offsetMs = 61_000
    try {
      const r = await exchange(webReturn(callback.location, `${GATEWAY}/`).code, app.verifier)
      expect(r.status).toBe(401)
      expect((await auditLines('sessie.aanmelden-sso'))[0]).toMatchObject({ detail: 'verlopen' })
    } finally {
      offsetMs = 0
    }
  })

  const forgeries: Array<[ForgedIdToken, string]> = [
    ['wrong-audience', 'forged-aud'],
    ['expired', 'forged-exp'],
    ['tampered-signature', 'forged-sig'],
  ]
  for (const [kind, login] of forgeries) {
    it(`refuses an ID token that is ${kind.replace('-', ' ')}`, async () => {
      const before = idp.tokenResponses
      idp.forgeNextIdToken(kind)
      const { callback } = await signInThroughIdp({
        start: gw.app,
        browser: idp.browser(),
        login,
        password: `wachtwoord-${login.slice('forged-'.length)}`,
      })
      // The provider did answer the token request, with the forged token in it.
      expect(idp.tokenResponses).toBe(before + 1)
      expect(callback.status).toBe(502)
      expect(callback.location).toBeUndefined()
      expect(callback.body).toContain('kon niet worden gecontroleerd')
      expect(gw.gateway.services.roster.byLogin(login)).toBeUndefined()
      expect((await auditLines('sessie.sso-terugkeer'))[0]).toMatchObject({
        detail: 'ongeldig-antwoord',
        security: 1,
      })
    })
  }

  it('ends a single-sign-on session at the gateway and, through the logout link, at the provider', async () => {
    const browser = idp.browser()
    const { app, callback } = await signInThroughIdp({
      start: gw.app,
      browser,
      login: 'pdevries',
      password: 'wachtwoord-petra',
    })
    const token = (await exchange(webReturn(callback.location, `${GATEWAY}/`).code, app.verifier)).body[
      'token'
    ] as string
    const agent = new GatewayClient(() => gw.app, token)
    const out = await agent.delete<LogoutView>('/api/session')
    expect(out.status).toBe(200)
    const link = new URL(out.body.endSessionUrl!)
    expect(`${link.origin}${link.pathname}`).toBe(`${GATEWAY}/api/auth/oidc/logout`)
    expect((await agent.get('/api/me')).status).toBe(401)

    const logout = await gatewayGet(gw.app, pathOf(link.href))
    expect(logout.status).toBe(303)
    const endSession = new URL(logout.location!)
    expect(endSession.origin).toBe(idp.issuer)
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(AFTER_LOGOUT)
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/)
    // The provider still knows the browser until it confirms the logout: a new start needs no password.
    const started = await gatewayGet(
      gw.app,
      `/api/auth/oidc/start?client=web&challenge=${appSide().challenge}&state=${appSide().state}`,
    )
    expect(await browser.follow(started.location!)).toHaveProperty('leftTo')
    expect(await browser.endSession(endSession.href)).toEqual({ leftTo: AFTER_LOGOUT })
    // Now it asks for the password again.
    const again = await browser.follow(started.location!)
    expect(again).toHaveProperty('page')
    // The logout link works once.
    const reused = await gatewayGet(gw.app, pathOf(link.href))
    expect(new URL(reused.location!).searchParams.get('id_token_hint')).toBeNull()
  })

  it('ends a password session with 204, as before', async () => {
    const agent = await gw.login('medewerker1')
    const out = await agent.delete('/api/session')
    expect(out.status).toBe(204)
  })

  it('keeps tokens and codes out of the operational log', () => {
    const log = gw.logs.join('\n')
    expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}/)
    expect(log).not.toContain(CLIENT_SECRET)
    expect(log).not.toMatch(/sso=[A-Za-z0-9_-]{43}/)
  })
})

describe('sign-in methods switched by auth.methods', () => {
  let idp: TestIdp
  beforeAll(async () => {
    idp = await startIdp({
      users: USERS,
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [`${GATEWAY}/api/auth/oidc/callback`],
    })
  })
  afterAll(async () => {
    await idp?.close()
  })

  it('refuses password login when only single sign-on is on, and limits code exchanges per address', async () => {
    const gw = await startGateway({
      config: { auth: authConfig(idp.issuer, ['oidc']) },
      app: { loginRateLimit: { perAddress: 3 } },
    })
    try {
      expect((await gw.anonymous.get('/api/auth/methods')).body).toEqual({
        password: false,
        oidc: { label: 'Aanmelden met uw Gemeente-account' },
      })
      const r = await gw.anonymous.post('/api/session', {
        login: 'medewerker1',
        password: 'welkom-medewerker1',
      })
      expect(r.status).toBe(403)
      expect(r.body['code']).toBe('password_login_disabled')
      const attempt = () =>
        gw.anonymous.post('/api/session/sso', { code: 'a'.repeat(43), verifier: 'b'.repeat(43) })
      for (let i = 0; i < 3; i++) {
        expect((await attempt()).status).toBe(401)
      }
      const limited = await attempt()
      expect(limited.status).toBe(429)
      expect(limited.headers['retry-after']).toBeDefined()
    } finally {
      await gw.close()
    }
  })

  it('answers single sign-on routes with a problem when it is off', async () => {
    const gw = await startGateway()
    try {
      expect((await gw.anonymous.get('/api/auth/methods')).body).toEqual({ password: true, oidc: null })
      const { challenge, state } = appSide()
      const r = await gw.anonymous.get(
        `/api/auth/oidc/start?client=web&challenge=${challenge}&state=${state}`,
      )
      expect(r.status).toBe(404)
      expect(r.body['code']).toBe('sso_disabled')
      expect(
        (await gw.anonymous.post('/api/session/sso', { code: 'a'.repeat(43), verifier: 'b'.repeat(43) }))
          .status,
      ).toBe(404)
    } finally {
      await gw.close()
    }
  })
})
