import type { Validator } from './validate'

/**
 * The envelope every IPC reply travels in. Handlers never throw across IPC: Electron would turn
 * the exception into a generic Error in the renderer and lose the reason, and could leak
 * main-process details. A code lets the renderer pick Dutch UI text; the message is for logs.
 */
export type IpcErrorCode = 'FORBIDDEN_SENDER' | 'INVALID_REQUEST' | 'INVALID_RESPONSE' | 'INTERNAL'

export interface IpcError {
  readonly code: IpcErrorCode
  readonly message: string
}

export type IpcResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError }

const errorCodes: ReadonlySet<string> = new Set<IpcErrorCode>([
  'FORBIDDEN_SENDER',
  'INVALID_REQUEST',
  'INVALID_RESPONSE',
  'INTERNAL',
])

export const ipcOk = <T>(value: T): IpcResult<T> => ({ ok: true, value })

export const ipcFail = (code: IpcErrorCode, message: string): IpcResult<never> => ({
  ok: false,
  error: { code, message },
})

function isIpcError(input: unknown): input is IpcError {
  if (typeof input !== 'object' || input === null) {
    return false
  }
  const candidate = input as Readonly<Record<string, unknown>>
  return (
    typeof candidate['code'] === 'string' &&
    errorCodes.has(candidate['code']) &&
    typeof candidate['message'] === 'string'
  )
}

/**
 * Parses a reply that arrived over IPC (or from whatever sits at `window.kcc`). Anything that is
 * not a well-formed envelope with a valid value becomes an `INVALID_RESPONSE` failure, so callers
 * only ever handle `IpcResult<T>`.
 */
export function parseIpcResult<T>(input: unknown, validateValue: Validator<T>): IpcResult<T> {
  if (typeof input !== 'object' || input === null) {
    return ipcFail('INVALID_RESPONSE', 'reply is not an object')
  }
  const envelope = input as Readonly<Record<string, unknown>>
  if (envelope['ok'] === false) {
    return isIpcError(envelope['error'])
      ? ipcFail(envelope['error'].code, envelope['error'].message)
      : ipcFail('INVALID_RESPONSE', 'reply has a malformed error')
  }
  if (envelope['ok'] !== true) {
    return ipcFail('INVALID_RESPONSE', 'reply has no ok flag')
  }
  const value = validateValue(envelope['value'], 'reply.value')
  return value.ok ? ipcOk(value.value) : ipcFail('INVALID_RESPONSE', value.message)
}
