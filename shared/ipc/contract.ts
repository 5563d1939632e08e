import { KLANTCONTACTNUMMER_PATTERN } from '../klantcontact/klantcontactnummer'
import { desktopCommand, desktopSettings, desktopState, trayStatusReport } from './desktop'
import { endSessionRequest, ssoStartRequest, ssoStartResult } from './sso'
import { noPayload, nullValue, object, optional, string, type Infer, type Validator } from './validate'

/**
 * The one IPC contract between renderer (through the preload) and main. Channel names are
 * `domain:action` constants; nobody types a channel string by hand. Each channel has a request
 * and a response validator, and its types are derived from them.
 */
export const IpcChannel = {
  AppInfoGet: 'app:info:get',
  AppConfigGet: 'app:config:get',
  CallIncomingNotify: 'call:incoming:notify',
  WindowBringToFront: 'window:front',
  TrayStatusSet: 'desktop:status:set',
  DesktopSettingsGet: 'desktop:settings:get',
  DesktopSettingsSet: 'desktop:settings:set',
  AuthSsoStart: 'auth:sso:start',
  AuthSsoCancel: 'auth:sso:cancel',
  AuthEndSessionOpen: 'auth:end-session:open',
} as const

export type IpcChannel = (typeof IpcChannel)[keyof typeof IpcChannel]

export const appInfo = object({
  name: string({ minLength: 1, maxLength: 200 }),
  version: string({ minLength: 1, maxLength: 100 }),
})

export type AppInfo = Infer<typeof appInfo>

/**
 * Where the renderer finds the gateway. The Electron renderer is a file:// page without a usable
 * origin of its own, so main tells it the configured base URL (KCC_GATEWAY_URL). shared/ has no
 * URL parser, so the reply check is a plain shape check: http(s), no whitespace, bounded length.
 */
export const appConfig = object({
  gatewayUrl: string({ minLength: 1, maxLength: 2048, pattern: /^https?:\/\/[^\s]+$/ }),
})

export type AppConfig = Infer<typeof appConfig>

/**
 * Who is calling, as the softphone saw it: the user part of the caller's SIP URI (a phone number,
 * `*`/`#` codes, or a name such as `burger` or `medewerker1`). Strict on purpose: the value ends up
 * in an OS notification, so no spaces, line breaks or markup characters, and a bounded length.
 */
export const callerNumber = string({ pattern: /^[A-Za-z0-9+*#._-]{1,64}$/ })

/** A klantcontactnummer (shared/klantcontact/klantcontactnummer.ts: 1 to 10 ASCII digits). */
export const klantcontactnummer = string({ pattern: KLANTCONTACTNUMMER_PATTERN })

export const incomingCallNotice = object({
  callerNumber,
  klantcontactnummer: optional(klantcontactnummer),
})

export type IncomingCallNotice = Infer<typeof incomingCallNotice>

interface ChannelContract<Req, Res> {
  readonly request: Validator<Req>
  readonly response: Validator<Res>
}

export const ipcContract = {
  [IpcChannel.AppInfoGet]: { request: noPayload, response: appInfo },
  [IpcChannel.AppConfigGet]: { request: noPayload, response: appConfig },
  [IpcChannel.CallIncomingNotify]: { request: incomingCallNotice, response: nullValue },
  // No payload: the renderer may only ask for the one thing, never pass a window or a position.
  [IpcChannel.WindowBringToFront]: { request: noPayload, response: nullValue },
  // The tray shows the status; closing the window while logged in follows it (docs/desktop.md).
  [IpcChannel.TrayStatusSet]: { request: trayStatusReport, response: nullValue },
  [IpcChannel.DesktopSettingsGet]: { request: noPayload, response: desktopState },
  // The whole settings object each time: main stores what it validated, never a partial merge.
  [IpcChannel.DesktopSettingsSet]: { request: desktopSettings, response: desktopState },
  // Single sign-on in the system browser (sso.ts): the verifier never leaves the renderer.
  [IpcChannel.AuthSsoStart]: { request: ssoStartRequest, response: ssoStartResult },
  [IpcChannel.AuthSsoCancel]: { request: noPayload, response: nullValue },
  // Main opens only a URL on the configured gateway's origin (handlers/sso.ts).
  [IpcChannel.AuthEndSessionOpen]: { request: endSessionRequest, response: nullValue },
} as const satisfies { readonly [C in IpcChannel]: ChannelContract<unknown, unknown> }

export type IpcRequest<C extends IpcChannel> = Infer<(typeof ipcContract)[C]['request']>
export type IpcResponse<C extends IpcChannel> = Infer<(typeof ipcContract)[C]['response']>

/**
 * Events main sends to the renderer (`webContents.send`), with the validator the preload applies
 * before the page sees one. The renderer cannot send on these.
 */
export const IpcEvent = {
  DesktopCommand: 'desktop:command',
} as const

export type IpcEvent = (typeof IpcEvent)[keyof typeof IpcEvent]

export const ipcEvents = {
  [IpcEvent.DesktopCommand]: desktopCommand,
} as const satisfies { readonly [E in IpcEvent]: Validator<unknown> }

export type IpcEventPayload<E extends IpcEvent> = Infer<(typeof ipcEvents)[E]>
