/**
 * Scoped logger of the caller page: the one place in caller/ that touches the console (ESLint
 * forbids console.* elsewhere). Logs outcomes and SIP status codes, never the password.
 */
export type LogFields = Readonly<Record<string, unknown>>

export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
}

export function createLogger(scope: string): Logger {
  const write =
    (level: 'debug' | 'info' | 'warn') =>
    (message: string, fields: LogFields = {}): void => {
      // eslint-disable-next-line no-console -- the caller page's only log sink
      console[level](`[${scope}] ${message}`, fields)
    }
  return { debug: write('debug'), info: write('info'), warn: write('warn') }
}
