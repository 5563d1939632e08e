import { AsyncLocalStorage } from 'node:async_hooks'
import ky, { isNetworkError, isTimeoutError, type KyInstance } from 'ky'
import type { Logger } from '../../lib/logger'

/**
 * HTTP client of the Klantinteracties register (our embedded provider or a remote Open Klant).
 *
 * - `Authorization: Token <token>` (OAS securitySchemes.tokenAuth). The token is a master key
 *   (Open Klant has no scopes, reliability notes §0.1): it lives only in this object, is never
 *   logged, and no error leaving this module carries the request (ky's errors do, headers and all).
 * - Time is one budget per gateway request (`withinBudget`): every call made for it, retries
 *   included, gets what is left until its deadline, so a request's answer (504 at the latest) is
 *   always inside the budget, and the budget is shorter than the agent app's own (docs/gateway.md,
 *   "Time budget"). A call outside a budget gets the whole budget for itself.
 * - Idempotent reads are retried once on a network error. Writes are
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
  /** The time budget of one gateway request for all its register calls; {@link REGISTER_BUDGET_MS}. */
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

/**
 * 8 s: a gateway request answers within it, before the agent app gives up on the gateway
 * (renderer/src/api/gateway-client.ts, 12 s), so the agent always hears why.
 */
export const REGISTER_BUDGET_MS = 8_000

/**
 * Less than this left of a budget is no time for a call (a register answers in a few ms when it
 * is well; timers may fire a little before the deadline they were set for), so it is not sent.
 */
const MIN_CALL_MS = 50

/** The deadline (performance.now() ms) of the gateway request the current call is made for. */
const deadlines = new AsyncLocalStorage<number>()

export class KlantinteractiesClient {
  readonly #http: KyInstance
  readonly #log: Logger
  readonly #budgetMs: number

  constructor(settings: UpstreamSettings, log: Logger) {
    this.#log = log
    this.#budgetMs = settings.timeoutMs ?? REGISTER_BUDGET_MS
    this.#http = ky.create({
      prefix: settings.baseUrl,
      headers: { authorization: `Token ${settings.token}`, accept: 'application/json' },
      timeout: this.#budgetMs,
      throwHttpErrors: false,
      retry: { limit: 1, methods: ['get'], statusCodes: [], backoffLimit: 500 },
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    })
  }

  /**
   * Runs `work` with one deadline for every register call it makes: the budget from now, or the
   * deadline already running when that is sooner (a budget never grows by nesting).
   */
  withinBudget<T>(work: () => Promise<T>): Promise<T> {
    const deadline = performance.now() + this.#budgetMs
    const outer = deadlines.getStore()
    return deadlines.run(outer === undefined ? deadline : Math.min(outer, deadline), work)
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
    const deadline = deadlines.getStore()
    const remaining = Math.floor(deadline === undefined ? this.#budgetMs : deadline - started)
    if (remaining < MIN_CALL_MS) {
      // The request's budget is spent: asking the register now could only answer after the agent
      // app has given up. Not sent, so the outcome of this call is known; the caller's is not.
      this.#log.warn({ operation, failure: 'timeout', reason: 'budget' }, 'register call not sent')
      throw new UpstreamError(operation, 'timeout')
    }
    // ky's timeout is per attempt; the signal ends the whole call, retries included, at the deadline.
    const budget = AbortSignal.timeout(remaining)
    let response: Response
    try {
      response = await this.#http(path, {
        method,
        timeout: remaining,
        signal: budget,
        ...(options.query ? { searchParams: options.query } : {}),
        // A string body gets a Content-Length; Open Klant (Django) cannot read chunked bodies
        // (KISS docs/installation/trouble-shooting.md).
        ...(options.body !== undefined
          ? { body: JSON.stringify(options.body), headers: { 'content-type': 'application/json' } }
          : {}),
      })
    } catch (error) {
      const kind: UpstreamFailure = isTimeoutError(error) || budget.aborted ? 'timeout' : 'unreachable'
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
