/**
 * Scoped logger for the renderer. The one place in renderer/ that may touch the console (ESLint
 * forbids console.* elsewhere), so the sink can later move to main over the bridge without
 * touching callers. Log identifiers and outcomes, never klantcontact content.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export type LogFields = Readonly<Record<string, unknown>>

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

export type LogSink = (level: LogLevel, scope: string, message: string, fields: LogFields) => void

const consoleSink: LogSink = (level, scope, message, fields) => {
  // eslint-disable-next-line no-console -- the renderer's only log sink
  console[level](`[${scope}] ${message}`, fields)
}

export function createLogger(scope: string, sink: LogSink = consoleSink): Logger {
  return {
    debug: (message, fields = {}) => sink('debug', scope, message, fields),
    info: (message, fields = {}) => sink('info', scope, message, fields),
    warn: (message, fields = {}) => sink('warn', scope, message, fields),
    error: (message, fields = {}) => sink('error', scope, message, fields),
  }
}
