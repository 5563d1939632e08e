import { ipcMain } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { registerAppConfigHandler } from '../../../electron/main/handlers/app-config'
import { appConfig } from '../../../shared/ipc'
import { foreignFrame, invokeChannel, ipcHarness, ourFrame } from './ipc-harness'

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }))

beforeEach(() => {
  vi.mocked(ipcMain.handle).mockClear()
})

describe('app:config:get handler', () => {
  it('answers our renderer with the configured gateway base URL', async () => {
    registerAppConfigHandler(ipcHarness().handle, { gatewayUrl: 'https://kcc.gemeente.example/werkplek' })
    const reply = await invokeChannel('app:config:get', ourFrame)
    expect(reply).toEqual({ ok: true, value: { gatewayUrl: 'https://kcc.gemeente.example/werkplek' } })
    // What main sends is what the preload's reply check accepts.
    expect(reply.ok && appConfig(reply.value).ok).toBe(true)
  })

  it('keeps answering the URL it was started with', async () => {
    const config = { gatewayUrl: 'http://127.0.0.1:8480' }
    registerAppConfigHandler(ipcHarness().handle, config)
    Object.assign(config, { gatewayUrl: 'https://evil.example' })
    await expect(invokeChannel('app:config:get', ourFrame)).resolves.toEqual({
      ok: true,
      value: { gatewayUrl: 'http://127.0.0.1:8480' },
    })
  })

  it('refuses a foreign frame', async () => {
    registerAppConfigHandler(ipcHarness().handle, { gatewayUrl: 'http://127.0.0.1:8480' })
    await expect(invokeChannel('app:config:get', foreignFrame)).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    })
  })

  it('takes no request payload', async () => {
    registerAppConfigHandler(ipcHarness().handle, { gatewayUrl: 'http://127.0.0.1:8480' })
    await expect(invokeChannel('app:config:get', ourFrame, { gatewayUrl: 'x' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    })
  })
})
