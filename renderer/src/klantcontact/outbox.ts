import type { StoreApi } from 'zustand'
import type { GatewayApi } from '../api/gateway-client'
import { GatewayError } from '../api/errors'
import { format, messagesOf } from '../i18n/locale'
import { createLogger, type Logger } from '../log'
import type { StoreState } from '../store/types'
import type { KlantcontactDraft } from './draft'
import { klantcontactMessages } from './messages'

/**
 * Sends the agent's queued drafts to the gateway, each with its draft id as Idempotency-Key, until
 * the gateway confirms them, so a klantcontact is never lost and never created twice:
 *
 * - one request at a time per draft; different drafts go in parallel;
 * - a retryable failure (unreachable, 5xx, 429: the outcome is unknown) leaves the draft `waiting`,
 *   retried with backoff and at once when the browser says it is online again, always with the same
 *   key and the body frozen at Opslaan, so the gateway settles a request that did arrive
 *   (docs/gateway.md, "Registering a contact exactly once");
 * - but a server error (5xx) that keeps coming back for the same body may be caused by that body,
 *   and then no retry will ever help: after {@link MAX_SERVER_ERRORS} of them in a row the outbox
 *   stops, keeps the draft (editable, as after a refusal) and tells the agent. Saving it unchanged
 *   sends the same key, so an attempt that did arrive is still settled; an edited draft meets the
 *   gateway's 422 for a key reused with another body and gets a new key (below). No answer at all
 *   (the gateway restarting, the network down, a timeout) is retried without limit;
 * - a refusal (4xx) puts the field errors on the draft; the agent corrects and saves again with the
 *   same key (the gateway drops its record after a definite refusal). The gateway's 422 "key reused
 *   with another body" gets the draft a new key;
 * - 401: the session is gone, nothing was registered. The draft goes back to `queued` and the outbox
 *   pauses; `start()` after the next login sends it with the same key.
 *
 * Only the logged-in agent's drafts are sent: a registration is made in the name of the session's
 * agent, and the gateway keys idempotency per (agent, key).
 */
export interface KlantcontactOutboxOptions {
  readonly store: Pick<StoreApi<StoreState>, 'getState' | 'subscribe'>
  readonly api: Pick<GatewayApi, 'registerKlantcontact'>
  readonly agentLogin: string
  readonly logger?: Logger
  /** Delay before retry `attempt` (0-based) of a waiting draft; {@link retryDelay} by default. */
  readonly backoff?: (attempt: number) => number
  /** setTimeout by default; returns a cancel function. */
  readonly schedule?: (run: () => void, ms: number) => () => void
  /** Where `online` events come from; `window` by default (absent outside a browser). */
  readonly onlineEvents?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
  /** Server errors in a row after which a draft is handed back to the agent; {@link MAX_SERVER_ERRORS}. */
  readonly maxServerErrors?: number
}

/** 5 server errors in a row: with the backoff below, about 20 seconds of trying. */
export const MAX_SERVER_ERRORS = 5

const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000]
const RETRY_EVERY_MS = 15_000

/** 1 s, 2 s, 5 s, 10 s, then every 15 s: quick after a blip, calm during an outage. */
export function retryDelay(attempt: number): number {
  return RETRY_DELAYS_MS[attempt] ?? RETRY_EVERY_MS
}

const defaultSchedule = (run: () => void, ms: number): (() => void) => {
  const handle = setTimeout(run, ms)
  return () => clearTimeout(handle)
}

export class KlantcontactOutbox {
  private readonly store: KlantcontactOutboxOptions['store']
  private readonly api: KlantcontactOutboxOptions['api']
  private readonly agentLogin: string
  private readonly log: Logger
  private readonly backoff: (attempt: number) => number
  private readonly schedule: (run: () => void, ms: number) => () => void
  private readonly onlineEvents: KlantcontactOutboxOptions['onlineEvents']
  /** Drafts with a request on its way: never a second one for the same draft. */
  private readonly inFlight = new Set<string>()
  private readonly retries = new Map<string, () => void>()
  private readonly attempts = new Map<string, number>()
  /** Server errors in a row per draft; any other outcome ends the row. */
  private readonly serverErrors = new Map<string, number>()
  private readonly maxServerErrors: number
  private unsubscribe: (() => void) | undefined
  private paused = false

  constructor(options: KlantcontactOutboxOptions) {
    this.store = options.store
    this.api = options.api
    this.agentLogin = options.agentLogin
    this.log = options.logger ?? createLogger('klantcontact:outbox')
    this.backoff = options.backoff ?? retryDelay
    this.schedule = options.schedule ?? defaultSchedule
    this.onlineEvents = options.onlineEvents ?? (typeof window === 'undefined' ? undefined : window)
    this.maxServerErrors = options.maxServerErrors ?? MAX_SERVER_ERRORS
  }

  /** Sends what is queued now and whatever is queued later; idempotent. */
  start(): void {
    this.paused = false
    if (this.unsubscribe === undefined) {
      this.unsubscribe = this.store.subscribe(() => this.pump())
      this.onlineEvents?.addEventListener('online', this.onOnline)
    }
    this.pump()
  }

  /** Stops sending and retrying. A request on its way still records its outcome in the store. */
  stop(): void {
    this.unsubscribe?.()
    this.unsubscribe = undefined
    this.onlineEvents?.removeEventListener('online', this.onOnline)
    for (const cancel of this.retries.values()) {
      cancel()
    }
    this.retries.clear()
  }

  private get running(): boolean {
    return this.unsubscribe !== undefined && !this.paused
  }

  private readonly onOnline = (): void => {
    if (!this.running) {
      return
    }
    this.log.info('online again: retrying waiting drafts')
    for (const draft of this.own()) {
      if (draft.status === 'waiting') {
        this.retries.get(draft.id)?.()
        this.retries.delete(draft.id)
        this.send(draft.id)
      }
    }
  }

  /** Called on every store change: send what is queued, make sure every waiting draft has a retry. */
  private pump(): void {
    if (!this.running) {
      return
    }
    for (const draft of this.own()) {
      if (this.inFlight.has(draft.id)) {
        continue
      }
      if (draft.status === 'queued') {
        this.send(draft.id)
      } else if (draft.status === 'waiting' && !this.retries.has(draft.id)) {
        this.scheduleRetry(draft.id)
      }
    }
  }

  private own(): KlantcontactDraft[] {
    return Object.values(this.store.getState().klantcontact.drafts).filter(
      (draft) => draft.agentLogin === this.agentLogin,
    )
  }

  private scheduleRetry(id: string): void {
    const attempt = this.attempts.get(id) ?? 0
    this.attempts.set(id, attempt + 1)
    const cancel = this.schedule(() => {
      this.retries.delete(id)
      if (this.running && this.store.getState().klantcontact.drafts[id]?.status === 'waiting') {
        this.send(id)
      }
    }, this.backoff(attempt))
    this.retries.set(id, cancel)
  }

  private send(id: string): void {
    const draft = this.store.getState().klantcontact.drafts[id]
    if (draft === undefined || this.inFlight.has(id)) {
      return
    }
    if (draft.request === undefined) {
      // Cannot happen (requestSave and parseDraft set it); say so rather than wait silently.
      this.log.warn({ id }, 'queued draft without a request body')
      return
    }
    const { request } = draft
    // Before markSending: that store change calls pump again, which must see this draft in flight.
    this.inFlight.add(id)
    const actions = this.store.getState().klantcontact
    actions.markSending(id)
    this.log.debug({ id }, 'sending draft')
    // Through a promise, so even a synchronous throw of the client ends up in failed().
    Promise.resolve()
      .then(() => this.api.registerKlantcontact(request, id))
      .then(
        (view) => {
          this.settled(id)
          this.forget(id)
          this.log.info({ id, uuid: view.uuid }, 'draft saved')
          this.store.getState().klantcontact.markSaved(id, view)
        },
        (error: unknown) => {
          this.settled(id)
          this.failed(id, error)
        },
      )
  }

  private settled(id: string): void {
    this.inFlight.delete(id)
  }

  private forget(id: string): void {
    this.attempts.delete(id)
    this.serverErrors.delete(id)
  }

  /** Counts a server error; true when this draft has had as many in a row as it may. */
  private tooManyServerErrors(id: string): boolean {
    const count = (this.serverErrors.get(id) ?? 0) + 1
    this.serverErrors.set(id, count)
    return count >= this.maxServerErrors
  }

  private failed(id: string, error: unknown): void {
    const actions = this.store.getState().klantcontact
    if (!(error instanceof GatewayError)) {
      // Not an answer from the gateway client: our own fault, outcome unknown. The same key is safe.
      this.log.error({ id, error: String(error) }, 'draft send failed unexpectedly')
      actions.markWaiting(id, String(error))
      return
    }
    const fields = { id, kind: error.kind, status: error.status }
    if (error.kind === 'unauthenticated') {
      this.log.info(fields, 'session gone: draft waits for the next login')
      this.paused = true
      actions.markQueued(id)
      return
    }
    if (error.kind === 'failed' && this.tooManyServerErrors(id)) {
      this.log.warn(fields, 'server errors keep coming for this draft: handed back to the agent')
      this.forget(id)
      const text = messagesOf(klantcontactMessages).status.gaveUp
      actions.markRejected(id, undefined, format(text, { count: this.maxServerErrors }))
      return
    }
    if (error.kind !== 'failed') {
      this.serverErrors.delete(id)
    }
    if (error.retryable) {
      this.log.info(fields, 'draft waiting for the gateway')
      actions.markWaiting(id, error.message)
      return
    }
    if (error.status === 422 && error.problem?.code === 'idempotency_key_reused') {
      this.forget(id)
      const fresh = actions.rekey(id)
      this.log.warn({ ...fields, fresh }, 'idempotency key reused with another body: draft gets a new key')
      return
    }
    this.log.info({ ...fields, code: error.problem?.code }, 'draft refused by the gateway')
    this.forget(id)
    actions.markRejected(id, error.problem, error.message)
  }
}
