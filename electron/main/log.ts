/**
 * Scoped, structured logger for the main process: one JSON object per line on stdout, so a
 * supervisor or log shipper can parse it. This is the only place in electron/ that writes output
 * (ESLint forbids console.*). Fields are explicit: callers log identifiers and decisions, never
 * klantcontact content or credentials.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export type LogFields = Readonly<Record<string, unknown>>

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** A logger for a sub-scope, e.g. `main` → `main:ipc`. */
  child(scope: string): Logger
}

export type LogSink = (line: string) => void

const stdoutSink: LogSink = (line) => {
  process.stdout.write(line)
}

// Error objects have no enumerable properties, so JSON.stringify would log `{}`.
function serialise(value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack }
  }
  return value
}

export function createLogger(
  scope: string,
  sink: LogSink = stdoutSink,
  now: () => Date = () => new Date(),
): Logger {
  const write = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    const entry: Record<string, unknown> = { time: now().toISOString(), level, scope, msg: message }
    for (const [key, value] of Object.entries(fields)) {
      // The fixed keys win, so a field can never disguise a line's level or scope.
      if (!(key in entry)) {
        entry[key] = serialise(value)
      }
    }
    sink(`${JSON.stringify(entry)}\n`)
  }
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (childScope) => createLogger(`${scope}:${childScope}`, sink, now),
  }
}
