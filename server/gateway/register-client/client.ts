import { AsyncLocalStorage } from 'node:async_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Logger } from '../../lib/logger'
import { fetchTransport, NetworkError, NodeTransport, type Transport } from './http-transport'

/**
 * HTTP client of the Klantinteracties register (our embedded provider or a remote Open Klant).
 *
 * - `Authorization: Token <token>` (OAS securitySchemes.tokenAuth). The token is a master key
 *   (Open Klant has no scopes): it lives only in this object, is never logged, and no error
 *   leaving this module carries the request or its headers.
 * - Time is one budget per gateway request (`withinBudget`): every call made for it, retries
 *   included, gets what is left until its deadline, so a request's answer (504 at the latest) is
 *   always inside the budget, and the budget is shorter than the agent app's own (docs/gateway.md,
 *   "Time budget"). A call outside a budget gets the whole budget for itself.
 * - Calls go over keep-alive connections (http-transport.ts): a registration's calls reuse one
 *   warm connection instead of paying for a new one (and a TLS handshake to Open Klant) each.
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
  /**
   * Sends the calls through this fetch instead of the keep-alive node:http(s) transport (fault
   * injection in tests, a custom TLS agent).
   */
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

/**
 * A read that failed on the connection is sent once more, this long after: enough for a register
 * that is restarting or a proxy that dropped a stale connection, short against the budget.
 */
const READ_RETRY_DELAY_MS = 300

/** The deadline (performance.now() ms) of the gateway request the current call is made for. */
const deadlines = new AsyncLocalStorage<number>()

export class KlantinteractiesClient {
  private readonly transport: Transport
  private readonly baseUrl: string
  private readonly headers: Readonly<Record<string, string>>
  private readonly log: Logger
  private readonly budgetMs: number

  constructor(settings: UpstreamSettings, log: Logger) {
    this.log = log
    this.budgetMs = settings.timeoutMs ?? REGISTER_BUDGET_MS
    this.baseUrl = settings.baseUrl.replace(/\/+$/, '')
    this.headers = { authorization: `Token ${settings.token}`, accept: 'application/json' }
    this.transport = settings.fetch ? fetchTransport(settings.fetch) : new NodeTransport()
  }

  /**
   * Runs `work` with one deadline for every register call it makes: the budget from now, or the
   * deadline already running when that is sooner (a budget never grows by nesting).
   */
  withinBudget<T>(work: () => Promise<T>): Promise<T> {
    const deadline = performance.now() + this.budgetMs
    const outer = deadlines.getStore()
    return deadlines.run(outer === undefined ? deadline : Math.min(outer, deadline), work)
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.call<T>('GET', path, { query })
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
    return this.call<T>('POST', path, { body })
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PATCH', path, { body })
  }

  async delete(path: string): Promise<void> {
    await this.call<unknown>('DELETE', path, {})
  }

  /** Closes the idle register connections (those in use close when their call ends). */
  close(): void {
    if (this.transport instanceof NodeTransport) {
      this.transport.close()
    }
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    options: { query?: Query | undefined; body?: unknown },
  ): Promise<T> {
    const operation = `${method} /${path}`
    const started = performance.now()
    const deadline = deadlines.getStore()
    const remaining = Math.floor(deadline === undefined ? this.budgetMs : deadline - started)
    if (remaining < MIN_CALL_MS) {
      // The request's budget is spent: asking the register now could only answer after the agent
      // app has given up. Not sent, so the outcome of this call is known; the caller's is not.
      this.log.warn({ operation, failure: 'timeout', reason: 'budget' }, 'register call not sent')
      throw new UpstreamError(operation, 'timeout')
    }
    // One signal ends the whole call, retry included, at the deadline.
    const budget = AbortSignal.timeout(remaining)
    const url = new URL(`${this.baseUrl}/${path.replace(/^\/+/, '')}`)
    if (options.query) {
      url.search = new URLSearchParams(
        Object.entries(options.query).map(([name, value]): [string, string] => [name, String(value)]),
      ).toString()
    }
    const request =
      options.body === undefined
        ? { method, url, headers: this.headers, signal: budget }
        : {
            method,
            url,
            // A string body: the transport sends it with a Content-Length, never chunked, which
            // Open Klant (Django under a WSGI server) cannot read.
            headers: { ...this.headers, 'content-type': 'application/json' },
            body: JSON.stringify(options.body),
            signal: budget,
          }
    let response: { status: number; text: string }
    try {
      try {
        response = await this.transport.send(request)
      } catch (error) {
        // Only a read is sent again: a write whose connection failed may have been applied.
        if (method !== 'GET' || !(error instanceof NetworkError) || budget.aborted) {
          throw error
        }
        await sleep(READ_RETRY_DELAY_MS, undefined, { signal: budget })
        response = await this.transport.send(request)
      }
    } catch (error) {
      const kind: UpstreamFailure = budget.aborted ? 'timeout' : 'unreachable'
      this.log.warn(
        {
          operation,
          failure: kind,
          reason: budget.aborted
            ? 'TimeoutError'
            : error instanceof NetworkError
              ? 'network'
              : (error as Error).name,
        },
        'register call failed',
      )
      throw new UpstreamError(operation, kind)
    }
    const { status, text } = response
    const ms = Math.round(performance.now() - started)
    if (status < 200 || status > 299) {
      const problem = parseProblem(text)
      this.log.warn(
        {
          operation,
          status,
          code: problem?.code,
          // Names and codes only: a reason may quote a value the agent typed.
          invalidParams: problem?.invalidParams?.map((p) => `${p.name}:${p.code}`),
          ms,
        },
        'register refused',
      )
      throw new UpstreamError(operation, 'status', status, problem)
    }
    this.log.debug({ operation, status, ms }, 'register call')
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
