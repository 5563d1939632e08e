import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createHandle } from '../../../electron/main/ipc'
import { IpcChannel, ipcContract, type IpcResult } from '../../../shared/ipc'
import { memoryLog } from './memory-log'

vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }))

const ourUrl = 'app://kcc/index.html'
const topFrame = { url: ourUrl, parent: null }

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<unknown>>

type AppInfoFn = () => { name: string; version: string }

function register(fn: AppInfoFn = () => ({ name: 'KCC Werkplek', version: '1.0.0' })) {
  const { log, entries } = memoryLog()
  const handler = vi.fn<AppInfoFn>(fn)
  const handle = createHandle((url) => url === ourUrl, log)
  handle(IpcChannel.AppInfoGet, ipcContract[IpcChannel.AppInfoGet].request, handler)
  const [channel, listener] = vi.mocked(ipcMain.handle).mock.calls.at(-1) ?? []
  if (listener === undefined) {
    throw new Error('nothing registered')
  }
  const invoke = (senderFrame: unknown, ...args: unknown[]) =>
    (listener as Listener)({ senderFrame } as unknown as IpcMainInvokeEvent, ...args)
  return { channel, invoke, handler, entries }
}

beforeEach(() => {
  vi.mocked(ipcMain.handle).mockClear()
})

describe('ipc handle()', () => {
  it('registers the handler on its contract channel', () => {
    expect(register().channel).toBe('app:info:get')
  })

  it('answers a valid request from our renderer with ok and the value', async () => {
    const { invoke } = register()
    await expect(invoke(topFrame)).resolves.toEqual({
      ok: true,
      value: { name: 'KCC Werkplek', version: '1.0.0' },
    })
  })

  it('rejects a sender from a foreign origin without calling the handler', async () => {
    const { invoke, handler, entries } = register()
    const reply = await invoke({ url: 'https://evil.example/', parent: null })
    expect(reply).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: expect.any(String) } })
    expect(handler).not.toHaveBeenCalled()
    expect(entries()).toContainEqual(
      expect.objectContaining({ msg: 'ipc sender rejected', channel: 'app:info:get' }),
    )
  })

  it('rejects a sub frame even when it shows our renderer', async () => {
    const { invoke, handler } = register()
    const reply = await invoke({ url: ourUrl, parent: topFrame })
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('rejects a sender whose frame is already gone', async () => {
    const { invoke } = register()
    await expect(invoke(null)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  })

  it('rejects an invalid payload without calling the handler', async () => {
    const { invoke, handler } = register()
    const reply = await invoke(topFrame, { sneaky: true })
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(handler).not.toHaveBeenCalled()
  })

  it('rejects extra arguments', async () => {
    const { invoke, handler } = register()
    await expect(invoke(topFrame, undefined, 'extra')).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    })
    expect(handler).not.toHaveBeenCalled()
  })

  it('turns a throwing handler into INTERNAL without passing its message to the renderer', async () => {
    const { invoke, entries } = register(() => {
      throw new Error('database password is hunter2')
    })
    const reply = await invoke(topFrame)
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error' } })
    expect(entries()).toContainEqual(expect.objectContaining({ level: 'error', msg: 'ipc handler failed' }))
  })
})
