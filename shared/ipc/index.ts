export {
  IpcChannel,
  IpcEvent,
  appConfig,
  appInfo,
  callerNumber,
  incomingCallNotice,
  ipcContract,
  ipcEvents,
  klantcontactnummer,
} from './contract'
export type {
  AppConfig,
  AppInfo,
  IncomingCallNotice,
  IpcEventPayload,
  IpcRequest,
  IpcResponse,
} from './contract'
export {
  SHORTCUT_ACTIONS,
  TRAY_STATUSES,
  desktopCommand,
  desktopSettings,
  desktopState,
  globalShortcutAction,
  trayStatus,
} from './desktop'
export type {
  DesktopCommand,
  DesktopSettings,
  DesktopState,
  GlobalShortcutAction,
  ShortcutKeys,
  TrayStatus,
} from './desktop'
export {
  SSO_CODE_PATTERN,
  SSO_LOOPBACK_TIMEOUT_MS,
  endSessionRequest,
  ssoStartRequest,
  ssoStartResult,
} from './sso'
export type { EndSessionRequest, SsoStartRequest, SsoStartResult } from './sso'
export { ipcFail, ipcOk, parseIpcResult } from './result'
export type { IpcError, IpcErrorCode, IpcResult } from './result'
export { arrayOf, boolean, noPayload, nullValue, object, oneOf, optional, string, variants } from './validate'
export type { Infer, OptionalValidator, StringOptions, Validation, Validator } from './validate'
