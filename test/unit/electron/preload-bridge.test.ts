import { describe, expect, it, vi } from 'vitest'
import { createBridge, type Invoke, type Subscribe } from '../../../electron/preload/bridge'

describe('preload bridge', () => {
  it('asks main on app:info:get without a payload and returns the checked reply', async () => {
    const invoke = vi
      .fn<Invoke>()
      .mockResolvedValue({ ok: true, value: { name: 'kcc-desktop', version: '0.1.0' } })
    await expect(createBridge(invoke).app.getInfo()).resolves.toEqual({
      ok: true,
      value: { name: 'kcc-desktop', version: '0.1.0' },
    })
    expect(invoke).toHaveBeenCalledWith('app:info:get')
  })

  it('passes a failure from main through as a value', async () => {
    const failure = { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'no' } }
    const bridge = createBridge(vi.fn<Invoke>().mockResolvedValue(failure))
    await expect(bridge.app.getInfo()).resolves.toEqual(failure)
  })

  it('turns a reply that breaks the contract into INVALID_RESPONSE', async () => {
    const bridge = createBridge(vi.fn<Invoke>().mockResolvedValue({ ok: true, value: { name: 'x' } }))
    await expect(bridge.app.getInfo()).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_RESPONSE' },
    })
  })

  it('turns a rejected invoke (no handler in main) into INTERNAL', async () => {
    const bridge = createBridge(vi.fn<Invoke>().mockRejectedValue(new Error('No handler registered')))
    await expect(bridge.app.getInfo()).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('asks main on app:config:get without a payload and returns the gateway URL', async () => {
    const invoke = vi
      .fn<Invoke>()
      .mockResolvedValue({ ok: true, value: { gatewayUrl: 'https://kcc.gemeente.example/werkplek' } })
    await expect(createBridge(invoke).app.getConfig()).resolves.toEqual({
      ok: true,
      value: { gatewayUrl: 'https://kcc.gemeente.example/werkplek' },
    })
    expect(invoke).toHaveBeenCalledWith('app:config:get')
  })

  it('turns a gateway URL that is not http(s) into INVALID_RESPONSE', async () => {
    const bridge = createBridge(
      vi.fn<Invoke>().mockResolvedValue({ ok: true, value: { gatewayUrl: 'javascript:alert(1)' } }),
    )
    await expect(bridge.app.getConfig()).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_RESPONSE' },
    })
  })

  it('sends an incoming call on call:incoming:notify and returns null on success', async () => {
    const invoke = vi.fn<Invoke>().mockResolvedValue({ ok: true, value: null })
    const notice = { callerNumber: '0612345678', klantcontactnummer: '26000042' }
    await expect(createBridge(invoke).calls.notifyIncoming(notice)).resolves.toEqual({
      ok: true,
      value: null,
    })
    expect(invoke).toHaveBeenCalledWith('call:incoming:notify', notice)
  })

  it('turns a notify reply that carries a value into INVALID_RESPONSE', async () => {
    const bridge = createBridge(vi.fn<Invoke>().mockResolvedValue({ ok: true, value: { shown: true } }))
    await expect(bridge.calls.notifyIncoming({ callerNumber: 'burger' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_RESPONSE' },
    })
  })

  it('asks main on window:front without a payload', async () => {
    const invoke = vi.fn<Invoke>().mockResolvedValue({ ok: true, value: null })
    await expect(createBridge(invoke).window.bringToFront()).resolves.toEqual({ ok: true, value: null })
    expect(invoke).toHaveBeenCalledWith('window:front')
  })

  it('exposes named methods only, no generic invoke or send', () => {
    const bridge = createBridge(vi.fn<Invoke>())
    expect(Object.keys(bridge)).toEqual(['app', 'calls', 'window', 'desktop', 'auth'])
    expect(Object.keys(bridge.auth)).toEqual(['startSso', 'cancelSso', 'openEndSession'])
    expect(Object.keys(bridge.desktop)).toEqual(['reportStatus', 'getSettings', 'setSettings', 'onCommand'])
    expect(Object.keys(bridge.app)).toEqual(['getInfo', 'getConfig'])
    expect(Object.keys(bridge.calls)).toEqual(['notifyIncoming'])
    expect(Object.keys(bridge.window)).toEqual(['bringToFront'])
    for (const method of [
      bridge.app.getInfo,
      bridge.app.getConfig,
      bridge.calls.notifyIncoming,
      bridge.window.bringToFront,
      bridge.desktop.reportStatus,
      bridge.desktop.onCommand,
    ]) {
      expect(method).toBeTypeOf('function')
    }
  })

  it('reports the agent’s status for the tray on desktop:status:set', async () => {
    const invoke = vi.fn<Invoke>().mockResolvedValue({ ok: true, value: null })
    await expect(createBridge(invoke).desktop.reportStatus('pauze')).resolves.toEqual({
      ok: true,
      value: null,
    })
    expect(invoke).toHaveBeenCalledWith('desktop:status:set', { status: 'pauze' })
  })

  it('hands the page only desktop commands that match the contract, and stops on unsubscribe', () => {
    let deliver: (payload: unknown) => void = () => undefined
    const unsubscribe = vi.fn()
    const subscribe = vi.fn<Subscribe>((_channel, listener) => {
      deliver = listener
      return unsubscribe
    })
    const listener = vi.fn()
    const stop = createBridge(vi.fn<Invoke>(), subscribe).desktop.onCommand(listener)
    expect(subscribe).toHaveBeenCalledWith('desktop:command', expect.any(Function))
    deliver({ kind: 'dial', target: '0201234567' })
    deliver({ kind: 'dial', target: '020;evil' })
    deliver({ kind: 'open', nummer: '26000001', extra: true })
    deliver({ kind: 'run', command: 'calc.exe' })
    deliver('status')
    expect(listener.mock.calls).toEqual([[{ kind: 'dial', target: '0201234567' }]])
    stop()
    expect(unsubscribe).toHaveBeenCalledOnce()
  })

  it('sends a single sign-on start with challenge and state only, and checks the reply', async () => {
    const invoke = vi
      .fn<Invoke>()
      .mockResolvedValue({ ok: true, value: { outcome: 'code', code: 'c'.repeat(32) } })
    const request = {
      challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      state: 'state-0123456789abcdef',
    }
    await expect(createBridge(invoke).auth.startSso(request)).resolves.toEqual({
      ok: true,
      value: { outcome: 'code', code: 'c'.repeat(32) },
    })
    expect(invoke).toHaveBeenCalledWith('auth:sso:start', request)
  })

  it('turns a sign-in reply with a malformed code into INVALID_RESPONSE', async () => {
    const invoke = vi.fn<Invoke>().mockResolvedValue({ ok: true, value: { outcome: 'code', code: '<b>' } })
    const request = {
      challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      state: 'state-0123456789abcdef',
    }
    await expect(createBridge(invoke).auth.startSso(request)).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_RESPONSE' },
    })
  })

  it('cancels without a payload and sends the end-session URL as { url }', async () => {
    const invoke = vi.fn<Invoke>().mockResolvedValue({ ok: true, value: null })
    const bridge = createBridge(invoke)
    await bridge.auth.cancelSso()
    await bridge.auth.openEndSession('https://kcc.example/api/auth/oidc/logout')
    expect(invoke.mock.calls).toEqual([
      ['auth:sso:cancel'],
      ['auth:end-session:open', { url: 'https://kcc.example/api/auth/oidc/logout' }],
    ])
  })
})
