import { expect, test } from '@playwright/test'

test.describe('KCC Werkplek as a plain web app (no desktop bridge)', () => {
  test('shows the Dutch heading without page errors or console errors', async ({ page }) => {
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      // The preview server has no gateway behind it: the login screen's question which sign-in
      // it offers (GET /api/auth/methods) finds nothing there, and the form is shown.
      const noGateway = message.location().url.endsWith('/api/auth/methods')
      if (message.type() === 'error' && !noGateway) {
        problems.push(`console: ${message.text()}`)
      }
    })

    await page.goto('/')

    await expect(page.getByRole('heading', { level: 1, name: 'KCC Werkplek' })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl')
    await expect(page.getByTestId('app-version')).toHaveCount(0)
    expect(problems).toEqual([])
  })

  test('shows the version when a bridge is present', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'kcc', {
        // Shaped like the preload's bridge (shared/bridge.ts DesktopBridge); the gateway is this
        // page's own server, as in the web build.
        value: {
          app: {
            getInfo: async () => ({ ok: true, value: { name: 'kcc-desktop', version: '9.9.9' } }),
            getConfig: async () => ({ ok: true, value: { gatewayUrl: window.location.origin } }),
          },
          calls: { notifyIncoming: async () => ({ ok: true, value: null }) },
        },
      })
    })
    await page.goto('/')
    await expect(page.getByTestId('app-version')).toHaveText('Versie 9.9.9')
  })

  test('runs under a CSP that blocks inline scripts and foreign connections', async ({ page }) => {
    const violations: string[] = []
    await page.exposeFunction('reportViolation', (directive: string) => {
      violations.push(directive)
    })
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        void (window as unknown as { reportViolation(d: string): Promise<void> }).reportViolation(
          event.effectiveDirective,
        )
      })
    })
    await page.goto('/')
    await expect(page.getByRole('heading', { level: 1, name: 'KCC Werkplek' })).toBeVisible()

    const outcome = await page.evaluate(async () => {
      const script = document.createElement('script')
      script.textContent = 'window.inlineRan = true'
      document.head.append(script)
      let fetchBlocked = false
      try {
        await fetch('https://example.invalid/')
      } catch {
        fetchBlocked = true
      }
      return { inlineRan: (window as unknown as { inlineRan?: boolean }).inlineRan === true, fetchBlocked }
    })

    expect(outcome).toEqual({ inlineRan: false, fetchBlocked: true })
    await expect.poll(() => violations).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']))
  })
})
