import { pino, stdSerializers, type DestinationStream, type Logger, type LoggerOptions } from 'pino'

export type { Logger }

/**
 * One pino root per process; every module takes a child scoped by name so a log line always says
 * where it came from. Secrets never reach a log: the redaction list covers the headers and fields
 * that carry them (the provider token, agent passwords, session tokens).
 *
 * Personal data never reaches the operational log either (AVG art. 5(1)(c); NL API Design Rules
 * API-58: query strings end up in logs). The register's queries carry it (`/digitaleadressen?adres=`
 * is a citizen's phone number), so a request is logged by path only: Fastify merges the root's
 * serializers into its own (fastify/lib/logger-factory.js), which puts every Fastify app built on a
 * logger from here, the gateway and the provider alike, under the `req` serializer below. Error
 * messages and log messages that echo a URL (Fastify's "Route GET:/…?… not found") lose the query
 * too. Request bodies are never logged.
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

export const QUERY_REMOVED = '?[query removed]'

/** A path-like run (starting with `/`) followed by a query string, up to whitespace or a quote. */
const PATH_WITH_QUERY = /(\/[^\s?#"'<>]*)\?[^\s#"'<>]*/g

/** `text` with the query string of every URL or path in it replaced by a marker. */
export function withoutQueries(text: string): string {
  return text.replace(PATH_WITH_QUERY, `$1${QUERY_REMOVED}`)
}

/** A URL or path without its query string. */
export function pathOnly(url: string): string {
  const i = url.indexOf('?')
  return i < 0 ? url : `${url.slice(0, i)}${QUERY_REMOVED}`
}

interface RequestLike {
  method?: string
  url?: string
  host?: string
  ip?: string
  headers?: Record<string, unknown>
  socket?: { remotePort?: number } | null
}

const serializers: LoggerOptions['serializers'] = {
  req: (request: RequestLike) => ({
    method: request.method,
    url: typeof request.url === 'string' ? pathOnly(request.url) : undefined,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  }),
  err: (error: unknown) => {
    if (typeof error === 'string') {
      return withoutQueries(error)
    }
    const serialized: unknown = stdSerializers.err(error as Error)
    if (typeof serialized !== 'object' || serialized === null) {
      return serialized
    }
    const fields = serialized as Record<string, unknown>
    for (const key of ['message', 'stack']) {
      const value = fields[key]
      if (typeof value === 'string') {
        fields[key] = withoutQueries(value)
      }
    }
    return fields
  },
}

const hooks: LoggerOptions['hooks'] = {
  logMethod(args, method) {
    method.apply(
      this,
      args.map((arg: unknown) => (typeof arg === 'string' ? withoutQueries(arg) : arg)) as Parameters<
        typeof method
      >,
    )
  },
}

/** `destination` defaults to stdout; tests pass a stream to read what a component logged. */
export function createRootLogger(
  options: { level?: string; name?: string; destination?: DestinationStream } = {},
): Logger {
  const settings: LoggerOptions = {
    name: options.name ?? 'kcc',
    level: options.level ?? process.env['LOG_LEVEL'] ?? 'info',
    redact,
    serializers,
    hooks,
  }
  return options.destination ? pino(settings, options.destination) : pino(settings)
}

export function scopedLogger(root: Logger, scope: string): Logger {
  return root.child({ scope })
}
