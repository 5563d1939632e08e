import { defineConfig } from '@playwright/test'
import { electronBinary } from './test/e2e/electronBinary'

// Port of our own `vite preview` of the built renderer; project-specific and --strictPort, so a
// run never talks to some other server that happens to listen on a common port.
const port = 4317
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env['CI']),
  reporter: [['list']],
  use: { baseURL: `http://127.0.0.1:${port}`, trace: 'retain-on-failure' },
  // Serves the renderer as a plain web app; run `npx electron-vite build` first.
  webServer: {
    command: `node node_modules/vite/bin/vite.js preview --outDir out/renderer --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
  projects: [
    {
      name: 'web',
      testMatch: /.*\.web\.spec\.ts/,
      // Specs on the rig (support/kcc-rig.ts) start a whole contact centre, and Kamailio, per test.
      timeout: 60_000,
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          // Debian's chromium: Playwright's own browser downloads are not available here.
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-dev-shm-usage',
            '--use-fake-ui-for-media-stream',
            '--use-fake-device-for-media-stream',
            '--allow-loopback-in-peer-connection',
            // The ringtone plays before the agent has touched the page.
            '--autoplay-policy=no-user-gesture-required',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    // Real Electron via Playwright's _electron, only where its binary exists: CI on machines without
    // it then runs (and skips) nothing. `KCC_E2E_ELECTRON=1 npx playwright test --project electron`
    // forces the project in; the spec then skips itself cleanly when the binary is absent.
    ...(electronBinary() || process.env['KCC_E2E_ELECTRON']
      ? [{ name: 'electron', testMatch: /.*\.electron\.spec\.ts/ }]
      : []),
  ],
})
