import { pino, type Logger, type LoggerOptions } from 'pino'

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

export function createRootLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino({
    name: options.name ?? 'kcc',
    level: options.level ?? process.env['LOG_LEVEL'] ?? 'info',
    redact,
  })
}

export function scopedLogger(root: Logger, scope: string): Logger {
  return root.child({ scope })
}
