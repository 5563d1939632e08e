import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { registerAppInfoHandler } from '../../../electron/main/handlers/app-info'
import { createHandle } from '../../../electron/main/ipc'
import { memoryLog } from './memory-log'

vi.mock('electron', () => ({
  app: { getName: () => 'kcc-desktop', getVersion: () => '0.1.0' },
  ipcMain: { handle: vi.fn() },
}))

describe('app:info:get handler', () => {
  it('answers with the app name and version', async () => {
    const ourUrl = 'app://kcc/index.html'
    registerAppInfoHandler(createHandle((url) => url === ourUrl, memoryLog().log))
    const [channel, listener] = vi.mocked(ipcMain.handle).mock.calls[0] ?? []
    expect(channel).toBe('app:info:get')
    const event = { senderFrame: { url: ourUrl, parent: null } } as unknown as IpcMainInvokeEvent
    await expect(listener?.(event)).resolves.toEqual({
      ok: true,
      value: { name: 'kcc-desktop', version: '0.1.0' },
    })
  })
})
