import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { vi } from 'vitest'
import { createHandle, type Handle } from '../../../electron/main/ipc'
import type { IpcResult } from '../../../shared/ipc'
import { memoryLog } from './memory-log'

/**
 * Calls IPC handlers the way Electron would, for test files that mock `electron` with
 * `ipcMain: { handle: vi.fn() }`: a handler registered through the real `createHandle` is found by
 * its channel and invoked with a chosen sender frame.
 */

export const ourUrl = 'app://kcc/index.html'
/** The top frame of our renderer: the only sender `createHandle` accepts. */
export const ourFrame = { url: ourUrl, parent: null }
export const foreignFrame = { url: 'https://evil.example/', parent: null }

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<unknown>>

export function ipcHarness(): { handle: Handle; entries: ReturnType<typeof memoryLog>['entries'] } {
  const { log, entries } = memoryLog()
  return { handle: createHandle((url) => url === ourUrl, log), entries }
}

/** Invokes the handler last registered on `channel` as if `senderFrame` had sent `args`. */
export function invokeChannel(
  channel: string,
  senderFrame: unknown,
  ...args: unknown[]
): Promise<IpcResult<unknown>> {
  const registration = vi
    .mocked(ipcMain.handle)
    .mock.calls.filter(([name]) => name === channel)
    .at(-1)
  if (registration === undefined) {
    throw new Error(`no handler registered on ${channel}`)
  }
  const listener = registration[1] as Listener
  return listener({ senderFrame } as unknown as IpcMainInvokeEvent, ...args)
}
