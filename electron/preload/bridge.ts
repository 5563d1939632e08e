import type { AgentBridge } from '../../shared/bridge'
import {
  IpcChannel,
  ipcContract,
  ipcFail,
  parseIpcResult,
  type IpcResult,
  type Validator,
} from '../../shared/ipc'

/**
 * Builds the `window.kcc` object from an invoke function (ipcRenderer.invoke in the preload, a
 * fake in tests). The channel list is fixed here; the page can only call these methods.
 */

export type Invoke = (channel: IpcChannel, ...args: unknown[]) => Promise<unknown>

async function invokeChecked<T>(
  invoke: Invoke,
  channel: IpcChannel,
  request: unknown,
  validateResponse: Validator<T>,
): Promise<IpcResult<T>> {
  let reply: unknown
  try {
    reply = request === undefined ? await invoke(channel) : await invoke(channel, request)
  } catch {
    // invoke rejects when main has no handler for the channel (e.g. a version mismatch).
    return ipcFail('INTERNAL', `no answer on ${channel}`)
  }
  // Main's reply is checked too: the renderer only ever sees contract-shaped values.
  return parseIpcResult(reply, validateResponse)
}

export function createBridge(invoke: Invoke): AgentBridge {
  return {
    app: {
      getInfo: () =>
        invokeChecked(invoke, IpcChannel.AppInfoGet, undefined, ipcContract[IpcChannel.AppInfoGet].response),
    },
  }
}
