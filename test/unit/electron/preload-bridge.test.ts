import { describe, expect, it, vi } from 'vitest'
import { createBridge, type Invoke } from '../../../electron/preload/bridge'

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

  it('exposes named methods only, no generic invoke or send', () => {
    const bridge = createBridge(vi.fn<Invoke>())
    expect(Object.keys(bridge)).toEqual(['app'])
    expect(Object.keys(bridge.app)).toEqual(['getInfo'])
  })
})
