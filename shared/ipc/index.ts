export {
  IpcChannel,
  appConfig,
  appInfo,
  callerNumber,
  incomingCallNotice,
  ipcContract,
  klantcontactnummer,
} from './contract'
export type { AppConfig, AppInfo, IncomingCallNotice, IpcRequest, IpcResponse } from './contract'
export { ipcFail, ipcOk, parseIpcResult } from './result'
export type { IpcError, IpcErrorCode, IpcResult } from './result'
export { noPayload, nullValue, object, optional, string } from './validate'
export type { Infer, OptionalValidator, StringOptions, Validation, Validator } from './validate'
