import type { DesktopBridge } from '../../shared/bridge'
import {
  IpcChannel,
  IpcEvent,
  ipcContract,
  ipcEvents,
  ipcFail,
  parseIpcResult,
  type IpcEventPayload,
  type IpcRequest,
  type IpcResponse,
  type IpcResult,
  type Validator,
} from '../../shared/ipc'

/**
 * Builds the `window.kcc` object from an invoke function (ipcRenderer.invoke in the preload, a
 * fake in tests). The channel list is fixed here; the page can only call these methods.
 */

export type Invoke = (channel: IpcChannel, ...args: unknown[]) => Promise<unknown>

/**
 * Listens on an event channel from main (ipcRenderer.on in the preload) and returns the function
 * that stops listening. The listener gets the payload only, never the IpcRendererEvent: its
 * `sender` would hand the page ipcRenderer itself.
 */
export type Subscribe = (channel: IpcEvent, listener: (payload: unknown) => void) => () => void

/** No events outside Electron (the unit tests of the invoke side pass none). */
const noEvents: Subscribe = () => () => undefined

function subscribeChecked<E extends IpcEvent>(
  subscribe: Subscribe,
  channel: E,
  listener: (payload: IpcEventPayload<E>) => void,
): () => void {
  // Checked like a reply: only contract-shaped commands reach the page, whatever arrived.
  const validate = ipcEvents[channel] as Validator<IpcEventPayload<E>>
  return subscribe(channel, (payload) => {
    const checked = validate(payload, 'event')
    if (checked.ok) {
      listener(checked.value)
    }
  })
}

async function invokeChecked<C extends IpcChannel>(
  invoke: Invoke,
  channel: C,
  request: IpcRequest<C>,
): Promise<IpcResult<IpcResponse<C>>> {
  let reply: unknown
  try {
    reply = request === undefined ? await invoke(channel) : await invoke(channel, request)
  } catch {
    // invoke rejects when main has no handler for the channel (e.g. a version mismatch), or when
    // the request cannot be cloned (a page passing a function or a DOM node).
    return ipcFail('INTERNAL', `no answer on ${channel}`)
  }
  // Main's reply is checked too: the renderer only ever sees contract-shaped values.
  // TypeScript cannot narrow `ipcContract[channel]` by a generic key; IpcResponse<C> is derived
  // from this very validator, so the cast restates the contract rather than widening it.
  const validateResponse = ipcContract[channel].response as Validator<IpcResponse<C>>
  return parseIpcResult(reply, validateResponse)
}

export function createBridge(invoke: Invoke, subscribe: Subscribe = noEvents): DesktopBridge {
  return {
    app: {
      getInfo: () => invokeChecked(invoke, IpcChannel.AppInfoGet, undefined),
      getConfig: () => invokeChecked(invoke, IpcChannel.AppConfigGet, undefined),
    },
    calls: {
      // The payload is passed as given; main validates it (the preload is not a trust boundary
      // worth duplicating the check in, and main must check anyway).
      notifyIncoming: (notice) => invokeChecked(invoke, IpcChannel.CallIncomingNotify, notice),
    },
    window: {
      bringToFront: () => invokeChecked(invoke, IpcChannel.WindowBringToFront, undefined),
    },
    desktop: {
      reportStatus: (status) => invokeChecked(invoke, IpcChannel.TrayStatusSet, { status }),
      getSettings: () => invokeChecked(invoke, IpcChannel.DesktopSettingsGet, undefined),
      setSettings: (settings) => invokeChecked(invoke, IpcChannel.DesktopSettingsSet, settings),
      onCommand: (listener) => subscribeChecked(subscribe, IpcEvent.DesktopCommand, listener),
    },
    auth: {
      startSso: (request) => invokeChecked(invoke, IpcChannel.AuthSsoStart, request),
      cancelSso: () => invokeChecked(invoke, IpcChannel.AuthSsoCancel, undefined),
      openEndSession: (url) => invokeChecked(invoke, IpcChannel.AuthEndSessionOpen, { url }),
    },
  }
}
