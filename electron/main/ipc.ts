import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import {
  ipcFail,
  ipcOk,
  type IpcChannel,
  type IpcRequest,
  type IpcResponse,
  type IpcResult,
  type Validator,
} from '../../shared/ipc'
import type { Logger } from './log'

/**
 * The only way main answers the renderer. Every channel goes through `handle`, which
 * 1. rejects senders that are not the top frame of our renderer (Electron security checklist
 *    #17 "Validate the sender of all IPC messages"),
 * 2. validates the payload as `unknown` before the handler sees it,
 * 3. returns an `IpcResult` instead of throwing across IPC.
 */

export type IpcHandlerFn<C extends IpcChannel> = (
  request: IpcRequest<C>,
  event: IpcMainInvokeEvent,
) => IpcResponse<C> | Promise<IpcResponse<C>>

export type Handle = <C extends IpcChannel>(
  channel: C,
  validate: Validator<IpcRequest<C>>,
  fn: IpcHandlerFn<C>,
) => void

export function createHandle(isTrustedSenderUrl: (url: string) => boolean, log: Logger): Handle {
  return (channel, validate, fn) => {
    ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<IpcResult<unknown>> => {
      const frame = event.senderFrame
      // senderFrame is null when the frame navigated or was destroyed since sending; sub frames
      // are never ours (we embed no frames), so only a top-level renderer document may call.
      if (frame === null || frame.parent !== null || !isTrustedSenderUrl(frame.url)) {
        log.warn('ipc sender rejected', { channel })
        return ipcFail('FORBIDDEN_SENDER', 'sender is not the app renderer')
      }
      if (args.length > 1) {
        log.warn('ipc request rejected', { channel, reason: 'more than one argument' })
        return ipcFail('INVALID_REQUEST', 'expected at most one argument')
      }
      const request = validate(args[0], 'request')
      if (!request.ok) {
        log.warn('ipc request rejected', { channel, reason: request.message })
        return ipcFail('INVALID_REQUEST', request.message)
      }
      try {
        return ipcOk(await fn(request.value, event))
      } catch (error) {
        // Details stay in the main-process log; the renderer gets a stable code.
        log.error('ipc handler failed', { channel, error })
        return ipcFail('INTERNAL', 'internal error')
      }
    })
  }
}
