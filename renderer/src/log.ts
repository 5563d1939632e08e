/**
 * Scoped logger for the renderer. The one place in renderer/ that may touch the console (ESLint
 * forbids console.* elsewhere), so the sink can later move to main over the bridge without
 * touching callers. Log identifiers and outcomes, never klantcontact content.
 *
 * The argument order is the server's (pino): `log.info('message')`, or
 * `log.info({ callId }, 'message')` with the fields first and the message last.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export type LogFields = Readonly<Record<string, unknown>>

export interface LogMethod {
  (message: string): void
  (fields: LogFields, message: string): void
}

export interface Logger {
  readonly debug: LogMethod
  readonly info: LogMethod
  readonly warn: LogMethod
  readonly error: LogMethod
}

export type LogSink = (level: LogLevel, scope: string, message: string, fields: LogFields) => void

const consoleSink: LogSink = (level, scope, message, fields) => {
  // eslint-disable-next-line no-console -- the renderer's only log sink
  console[level](`[${scope}] ${message}`, fields)
}

export function createLogger(scope: string, sink: LogSink = consoleSink): Logger {
  const method =
    (level: LogLevel): LogMethod =>
    (first: LogFields | string, message?: string) => {
      if (typeof first === 'string') {
        sink(level, scope, first, {})
      } else {
        sink(level, scope, message ?? '', first)
      }
    }
  return { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') }
}
