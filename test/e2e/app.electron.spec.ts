import { _electron as electron, expect, test } from '@playwright/test'
import { electronBinary } from './electronBinary'

test.skip(
  electronBinary() === undefined,
  'Electron binary not installed (node_modules/electron/path.txt or dist/ missing)',
)

test('the desktop app starts, shows the heading and the version from the preload bridge', async () => {
  // Electron has no headless mode: on Linux run under `xvfb-run -a`.
  const app = await electron.launch({ args: ['.'], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' } })
  try {
    const page = await app.firstWindow()
    await expect(page.getByRole('heading', { level: 1, name: 'KCC Werkplek' })).toBeVisible()
    // The built renderer comes from the app's own origin, never from file:// (electron/main/app-protocol.ts).
    expect(page.url()).toBe('app://kcc/index.html')
    const version = await app.evaluate(({ app: electronApp }) => electronApp.getVersion())
    await expect(page.getByTestId('app-version')).toHaveText(`Versie ${version}`)
    // The page sees the named bridge, not Node or ipcRenderer.
    const globals = await page.evaluate(() => ({
      kcc: typeof window.kcc,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }))
    expect(globals).toEqual({ kcc: 'object', require: 'undefined', process: 'undefined' })
  } finally {
    await app.close()
  }
})

test('the bridge tells the renderer the gateway URL, checks incoming-call notices in main and can bring the window forward', async () => {
  const app = await electron.launch({
    args: ['.'],
    env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1', KCC_GATEWAY_URL: 'http://127.0.0.1:8480/' },
  })
  try {
    const page = await app.firstWindow()
    await expect(page.getByRole('heading', { level: 1, name: 'KCC Werkplek' })).toBeVisible()
    const replies = await page.evaluate(async () => {
      const bridge = window.kcc
      if (
        bridge?.app.getConfig === undefined ||
        bridge.calls === undefined ||
        bridge.window === undefined ||
        bridge.desktop === undefined
      ) {
        return undefined
      }
      return {
        keys: Object.keys(bridge).sort(),
        config: await bridge.app.getConfig(),
        // What a compromised page could send: a line break to start a second notification line.
        injected: await bridge.calls.notifyIncoming({ callerNumber: '06\r\nX-Evil: 1' }),
        valid: await bridge.calls.notifyIncoming({ callerNumber: 'burger', klantcontactnummer: '26000042' }),
        front: await bridge.window.bringToFront(),
        // The desktop shell's channels: the settings as they apply, and a status main does not know.
        desktop: await bridge.desktop.getSettings(),
        badStatus: await bridge.desktop.reportStatus('weg' as 'pauze'),
      }
    })
    expect(replies).toEqual({
      keys: ['app', 'calls', 'desktop', 'window'],
      config: { ok: true, value: { gatewayUrl: 'http://127.0.0.1:8480' } },
      injected: { ok: false, error: { code: 'INVALID_REQUEST', message: expect.any(String) } },
      valid: { ok: true, value: null },
      front: { ok: true, value: null },
      desktop: {
        ok: true,
        value: expect.objectContaining({
          settings: expect.objectContaining({ confirmDial: expect.any(Boolean) }),
        }),
      },
      badStatus: { ok: false, error: { code: 'INVALID_REQUEST', message: expect.any(String) } },
    })
  } finally {
    await app.close()
  }
})
