import { randomBytes } from 'node:crypto'
import type { Page } from '@playwright/test'
import type { AuthConfig } from '../../server/gateway/config/types'
import { startIdp, type IdpUser, type TestIdp } from '../support/oidc-idp'
import { expectNoAxeViolations } from './support/axe'
import { expect, startRig, test, type KccRig } from './support/kcc-rig'
import { callerDials, expectReady, openPage } from './support/pages'

/**
 * Single sign-on as an agent of a municipality meets it (docs/agent-app.md, "Aanmelden"): the web
 * build in Chromium, the real gateway as the confidential client of a real OpenID Connect provider
 * (test/support/oidc-idp.ts, oidc-provider), the embedded SIP server. Only the provider's button is
 * offered; the agent signs in at the provider, works, and logging out ends the provider's session too.
 */

const CLIENT_ID = 'kcc-gateway'
const LABEL = 'Aanmelden met uw Gemeente-account'

const USERS: IdpUser[] = [
  {
    login: 'jjansen',
    password: 'wachtwoord-jan',
    name: 'Jan Jansen',
    email: 'jan.jansen@gemeente.test',
    groups: ['kcc-medewerkers', 'afd-kcc'],
    claims: { toestel: '2101' },
  },
  {
    // In no group the gateway maps: refused.
    login: 'mbakker',
    password: 'wachtwoord-mark',
    name: 'Mark Bakker',
    email: 'mark.bakker@gemeente.test',
    groups: ['marketing'],
    claims: { toestel: '2103' },
  },
]

interface SsoRig {
  readonly rig: KccRig
  readonly idp: TestIdp
  close(): Promise<void>
}

/** A contact centre whose gateway signs agents in only through the provider. */
async function startSsoRig(): Promise<SsoRig> {
  const clientSecret = randomBytes(24).toString('hex')
  let idp: TestIdp | undefined
  const auth = async (gatewayUrl: string): Promise<AuthConfig> => {
    idp = await startIdp({
      users: USERS,
      clientId: CLIENT_ID,
      clientSecret,
      redirectUris: [`${gatewayUrl}/api/auth/oidc/callback`],
      postLogoutRedirectUris: [`${gatewayUrl}/`],
    })
    return {
      methods: ['oidc'],
      oidc: {
        issuer: idp.issuer,
        clientId: CLIENT_ID,
        clientSecret,
        redirectUri: `${gatewayUrl}/api/auth/oidc/callback`,
        postLogoutRedirectUri: `${gatewayUrl}/`,
        scopes: ['openid', 'profile', 'email', 'groups'],
        label: LABEL,
        claims: { extension: 'toestel' },
        roles: { 'kcc-medewerkers': 'agent' },
        afdelingen: { 'afd-kcc': 'kcc' },
      },
    }
  }
  try {
    const rig = await startRig({ sipBackend: 'embedded', auth })
    const started = idp
    if (started === undefined) {
      throw new Error('the rig did not ask for the sign-in configuration')
    }
    return {
      rig,
      idp: started,
      async close() {
        await rig.close()
        await started.close()
      },
    }
  } catch (error) {
    await idp?.close()
    throw error
  }
}

/** The provider's own login form (another origin than the app), filled as the agent does. */
async function signInAtProvider(page: Page, idp: TestIdp, user: IdpUser): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`))
  await page.getByLabel('Gebruikersnaam').fill(user.login)
  await page.getByLabel('Wachtwoord').fill(user.password)
  await page.getByRole('button', { name: 'Inloggen' }).click()
}

test.describe('single sign-on through the municipality’s identity provider', () => {
  let sso: SsoRig

  test.beforeEach(async () => {
    sso = await startSsoRig()
  })

  test.afterEach(async () => {
    await sso?.close()
  })

  test('an agent signs in at the provider, takes a call, and logging out ends the provider’s session too', async ({
    browser,
  }) => {
    const { rig, idp } = sso
    const [jan] = USERS
    const agent = await openPage(browser)
    const caller = await openPage(browser)

    await agent.goto(rig.url)
    const ssoButton = agent.getByRole('button', { name: LABEL })
    await expect(ssoButton).toBeFocused()
    // This gateway has no passwords: the app does not offer the form.
    await expect(agent.getByLabel('Wachtwoord')).toHaveCount(0)
    await expectNoAxeViolations(agent)
    await ssoButton.click()

    await signInAtProvider(agent, idp, jan!)
    await expectReady(agent)
    // Back in the app: the handoff code is gone from the address bar, the verifier from the tab.
    await expect(agent).toHaveURL(`${rig.url}/`)
    expect(await agent.evaluate(() => sessionStorage.getItem('kcc.sso.pending'))).toBeNull()
    await expect(agent.getByText('Jan Jansen')).toBeVisible()

    // A citizen calls the afdeling the provider's group put the agent in.
    await callerDials(caller, rig)
    const ringing = agent.getByTestId('ringing-call')
    await expect(ringing.getByRole('heading', { name: 'Inkomend gesprek' })).toBeVisible()
    await agent.getByRole('button', { name: 'Opnemen' }).click()
    await expect(agent.getByTestId('agent-state')).toHaveText('In gesprek')
    await expect(caller.getByRole('status')).toHaveText(/In gesprek/)
    await agent.getByRole('button', { name: 'Ophangen' }).click()
    await expect(caller.getByRole('status')).toHaveText(/Beëindigd/)

    // Logging out goes through the provider, which asks, and comes back to the app's sign-in.
    await agent.getByRole('button', { name: 'Uitloggen' }).click()
    await expect(agent).toHaveURL(new RegExp(`^${idp.issuer}/`))
    await agent.getByRole('button', { name: 'Afmelden' }).click()
    await expect(agent).toHaveURL(`${rig.url}/`)
    await expect(agent.getByRole('button', { name: LABEL })).toBeVisible()

    // The provider's session ended too: signing in again asks for the password again.
    await agent.getByRole('button', { name: LABEL }).click()
    await expect(agent).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`))
    await expect(agent.getByLabel('Wachtwoord')).toBeVisible()
  })

  test('someone in no group the gateway maps is refused with a page that says why', async ({ browser }) => {
    const { rig, idp } = sso
    const mark = USERS[1]!
    const page = await openPage(browser)
    await page.goto(rig.url)
    await page.getByRole('button', { name: LABEL }).click()
    await signInAtProvider(page, idp, mark)

    // The gateway's refusal page, not the app: no session, nothing of Mark's shown back.
    await expect(page).toHaveURL(new RegExp(`^${rig.url}/api/auth/oidc/callback`))
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl')
    await expect(page.getByRole('heading', { level: 1, name: 'Geen toegang' })).toBeVisible()
    await expect(page.getByText(/geen lid van een groep voor medewerkers of supervisors/)).toBeVisible()
    await expect(page.getByText('Mark Bakker')).toHaveCount(0)
    await expect(page.getByText('Telefoon verbonden')).toHaveCount(0)
    await page.goto(rig.url)
    await expect(page.getByRole('button', { name: LABEL })).toBeVisible()
  })
})
