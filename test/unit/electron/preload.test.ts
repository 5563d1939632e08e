import { contextBridge, ipcRenderer } from 'electron'
import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(), send: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}))

describe('preload script', () => {
  it('exposes exactly one API, window.kcc, whose calls go through ipcRenderer.invoke', async () => {
    await import('../../../electron/preload/preload')
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledOnce()
    const [key, api] = vi.mocked(contextBridge.exposeInMainWorld).mock.calls[0] ?? []
    expect(key).toBe('kcc')
    expect(api).not.toBe(ipcRenderer)

    vi.mocked(ipcRenderer.invoke).mockResolvedValue({
      ok: true,
      value: { name: 'kcc-desktop', version: '0.1.0' },
    })
    const bridge = api as { app: { getInfo(): Promise<unknown> } }
    await expect(bridge.app.getInfo()).resolves.toMatchObject({ ok: true })
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('app:info:get')
  })

  it('sends an incoming call notice through ipcRenderer.invoke, never send', async () => {
    await import('../../../electron/preload/preload')
    const [, api] = vi.mocked(contextBridge.exposeInMainWorld).mock.calls[0] ?? []
    vi.mocked(ipcRenderer.invoke).mockResolvedValue({ ok: true, value: null })
    const bridge = api as { calls: { notifyIncoming(notice: unknown): Promise<unknown> } }
    await expect(bridge.calls.notifyIncoming({ callerNumber: 'burger' })).resolves.toEqual({
      ok: true,
      value: null,
    })
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('call:incoming:notify', { callerNumber: 'burger' })
    expect(ipcRenderer.send).not.toHaveBeenCalled()
  })

  it('passes desktop commands from main to the page without the IPC event, and stops listening', async () => {
    await import('../../../electron/preload/preload')
    const [, api] = vi.mocked(contextBridge.exposeInMainWorld).mock.calls[0] ?? []
    const bridge = api as { desktop: { onCommand(listener: (command: unknown) => void): () => void } }
    const listener = vi.fn()
    const stop = bridge.desktop.onCommand(listener)
    const [channel, forward] = vi.mocked(ipcRenderer.on).mock.calls.at(-1) ?? []
    expect(channel).toBe('desktop:command')
    const event = { sender: ipcRenderer }
    ;(forward as (event: unknown, payload: unknown) => void)(event, { kind: 'shortcut', action: 'mute' })
    expect(listener).toHaveBeenCalledWith({ kind: 'shortcut', action: 'mute' })
    expect(listener.mock.calls[0]).toHaveLength(1)
    stop()
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('desktop:command', forward)
  })
})
