import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino'

export type { Logger }

/**
 * One pino root per process; every module takes a child scoped by name so a log line always says
 * where it came from. Secrets never reach a log: the redaction list covers the headers and fields
 * that carry them (the provider token, agent passwords, session tokens).
 */
const redact: LoggerOptions['redact'] = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'headers.authorization',
    'password',
    '*.password',
    'token',
    '*.token',
  ],
  censor: '[redacted]',
}

/** `destination` defaults to stdout; tests pass a stream to read what a component logged. */
export function createRootLogger(
  options: { level?: string; name?: string; destination?: DestinationStream } = {},
): Logger {
  const settings: LoggerOptions = {
    name: options.name ?? 'kcc',
    level: options.level ?? process.env['LOG_LEVEL'] ?? 'info',
    redact,
  }
  return options.destination ? pino(settings, options.destination) : pino(settings)
}

export function scopedLogger(root: Logger, scope: string): Logger {
  return root.child({ scope })
}
