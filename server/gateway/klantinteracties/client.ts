import ky, { isNetworkError, isTimeoutError, type KyInstance } from 'ky'
import type { Logger } from '../../lib/logger'

/**
 * HTTP client of the Klantinteracties register (our embedded provider or a remote Open Klant).
 *
 * - `Authorization: Token <token>` (OAS securitySchemes.tokenAuth). The token is a master key
 *   (Open Klant has no scopes, reliability notes §0.1): it lives only in this object, is never
 *   logged, and no error leaving this module carries the request (ky's errors do, headers and all).
 * - Every call has a timeout; idempotent reads are retried once on a network error. Writes are
 *   never retried here: a POST whose answer was lost is an ambiguous outcome, and only the caller
 *   knows how to find out what happened (register.ts looks the klantcontact up by referentienummer).
 * - Errors are one class, `UpstreamError`, that says whether the outcome is known: a 4xx is a
 *   definite refusal with the register's field errors; a timeout, a lost connection or a 5xx may or
 *   may not have changed something (`ambiguous`).
 * - Only method, path and status are logged: query strings can carry personal data (an e-mail
 *   address, a nummer; NL API Design Rules API-58), bodies always do.
 */
export interface UpstreamSettings {
  /** e.g. http://127.0.0.1:8480/klantinteracties/api/v1 */
  baseUrl: string
  token: string
  timeoutMs?: number
  /** Replaces global fetch (fault injection in tests, a custom TLS agent). */
  fetch?: typeof fetch
}

export interface UpstreamInvalidParam {
  name: string
  code: string
  reason: string
}

export interface UpstreamProblem {
  code?: string
  title?: string
  invalidParams?: UpstreamInvalidParam[]
}

export type UpstreamFailure = 'unreachable' | 'timeout' | 'status'

export class UpstreamError extends Error {
  constructor(
    readonly operation: string,
    readonly kind: UpstreamFailure,
    readonly status: number | null = null,
    readonly problem: UpstreamProblem | null = null,
  ) {
    super(`${operation}: ${kind === 'status' ? `status ${String(status)}` : kind}`)
    this.name = 'UpstreamError'
  }

  /** The register may or may not have applied the request. */
  get ambiguous(): boolean {
    return this.kind !== 'status' || (this.status ?? 0) >= 500
  }

  /** A definite 400 with a `unique` error on `field` (`klantcontact.nummer` also matches `nummer`). */
  isUniqueViolation(field: string): boolean {
    return (
      this.status === 400 &&
      (this.problem?.invalidParams ?? []).some(
        (p) => p.code === 'unique' && (p.name === field || p.name.endsWith(`.${field}`)),
      )
    )
  }
}

export type Query = Record<string, string | number | boolean>

export class KlantinteractiesClient {
  readonly #http: KyInstance
  readonly #log: Logger

  constructor(settings: UpstreamSettings, log: Logger) {
    this.#log = log
    this.#http = ky.create({
      prefix: settings.baseUrl,
      headers: { authorization: `Token ${settings.token}`, accept: 'application/json' },
      timeout: settings.timeoutMs ?? 10_000,
      throwHttpErrors: false,
      retry: { limit: 1, methods: ['get'], statusCodes: [], backoffLimit: 500 },
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    })
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.#call<T>('GET', path, { query })
  }

  /** A GET that answers null for 404 (a resource that does not exist, or a page past the end). */
  async find<T>(path: string, query?: Query): Promise<T | null> {
    try {
      return await this.get<T>(path, query)
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 404) {
        return null
      }
      throw error
    }
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.#call<T>('POST', path, { body })
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.#call<T>('PATCH', path, { body })
  }

  async delete(path: string): Promise<void> {
    await this.#call<unknown>('DELETE', path, {})
  }

  async #call<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    options: { query?: Query | undefined; body?: unknown },
  ): Promise<T> {
    const operation = `${method} /${path}`
    const started = performance.now()
    let response: Response
    try {
      response = await this.#http(path, {
        method,
        ...(options.query ? { searchParams: options.query } : {}),
        // A string body gets a Content-Length; Open Klant (Django) cannot read chunked bodies
        // (KISS docs/installation/trouble-shooting.md).
        ...(options.body !== undefined
          ? { body: JSON.stringify(options.body), headers: { 'content-type': 'application/json' } }
          : {}),
      })
    } catch (error) {
      const kind: UpstreamFailure = isTimeoutError(error) ? 'timeout' : 'unreachable'
      this.#log.warn(
        { operation, failure: kind, reason: isNetworkError(error) ? 'network' : (error as Error).name },
        'register call failed',
      )
      throw new UpstreamError(operation, kind)
    }
    const text = await response.text().catch(() => '')
    const ms = Math.round(performance.now() - started)
    if (!response.ok) {
      const problem = parseProblem(text)
      this.#log.warn(
        {
          operation,
          status: response.status,
          code: problem?.code,
          // Names and codes only: a reason may quote a value the agent typed.
          invalidParams: problem?.invalidParams?.map((p) => `${p.name}:${p.code}`),
          ms,
        },
        'register refused',
      )
      throw new UpstreamError(operation, 'status', response.status, problem)
    }
    this.#log.debug({ operation, status: response.status, ms }, 'register call')
    return (text ? JSON.parse(text) : undefined) as T
  }
}

function parseProblem(text: string): UpstreamProblem | null {
  try {
    const body = JSON.parse(text) as unknown
    return typeof body === 'object' && body !== null ? (body as UpstreamProblem) : null
  } catch {
    return null
  }
}
