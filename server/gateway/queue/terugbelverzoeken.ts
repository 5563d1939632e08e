import { randomUUID } from 'node:crypto'
import type { Logger } from '../../lib/logger'
import type { AuditLog } from '../audit/audit-log'
import type { Clock } from '../lib/clock'
import type { InboxChanged } from '../inbox'
import type { LiveHub } from '../live'
import type { TerugbelverzoekReason, QueueDb, TerugbelverzoekTable } from './tables'
import { QUEUE_ACTOR, type TerugbelverzoekRegister } from './terugbelverzoek-register'

/**
 * Terugbelverzoeken that must not be lost: each is written to the gateway's database first (the
 * caller has already been told "we bellen u terug"), then registered in the register, retried with
 * backoff while the register is down or refuses, and marked done. A restarted gateway carries on
 * with what is pending. Audited with the queue as actor; `terugbelverzoek.created` goes on the
 * live hub once it is in the register, and its afdeling's inbox is told (`inbox.changed`). The
 * caller's number is never logged.
 */
export interface TerugbelverzoekRequest {
  afdeling: string
  callerNumber: string
  reason: TerugbelverzoekReason
  enteredAt: number
  waitedMs: number
}

export interface TerugbelverzoekOptions {
  db: QueueDb
  register: TerugbelverzoekRegister
  audit: AuditLog
  hub: LiveHub
  clock: Clock
  log: Logger
  /** Told once a terugbelverzoek is in the register: its afdeling's inbox changed. */
  inboxChanged?: InboxChanged
  /** First retry delay (default 1 s), doubled per failure up to `maxBackoffMs` (default 60 s). */
  minBackoffMs?: number
  maxBackoffMs?: number
}

export class Terugbelverzoeken {
  private readonly minBackoffMs: number
  private readonly maxBackoffMs: number
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | undefined
  private again = false
  private active = false
  private closed = false

  constructor(private readonly options: TerugbelverzoekOptions) {
    this.minBackoffMs = options.minBackoffMs ?? 1_000
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000
  }

  /** Writes it down (durable when this resolves) and starts registering it if this instance works. */
  async request(request: TerugbelverzoekRequest): Promise<string> {
    const now = this.options.clock()
    const id = randomUUID()
    await this.options.db
      .insertInto('terugbelverzoek')
      .values({
        id,
        afdeling: request.afdeling,
        caller_number: request.callerNumber,
        reason: request.reason,
        entered_at: request.enteredAt,
        waited_ms: Math.round(request.waitedMs),
        state: 'pending',
        klantcontact_uuid: null,
        interne_taak_uuid: null,
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
        done_at: null,
      })
      .execute()
    this.options.log.info(
      { terugbelverzoek: id, afdeling: request.afdeling, reason: request.reason },
      'terugbelverzoek recorded',
    )
    this.kick()
    return id
  }

  /** Start (or stop) registering: only the instance that routes the queue does, so they do not race. */
  setActive(active: boolean): void {
    this.active = active
    if (active) {
      this.kick()
    } else {
      clearTimeout(this.timer)
      this.timer = undefined
    }
  }

  /** Pending ones (not yet in the register), for tests and the operator. */
  async pending(): Promise<number> {
    const row = await this.options.db
      .selectFrom('terugbelverzoek')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'pending')
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  /** Resolves when no round of registering is running. */
  async settled(): Promise<void> {
    while (this.running) {
      await this.running
    }
  }

  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.timer)
    this.timer = undefined
    await this.settled()
  }

  /** Runs a round now, or right after the running one. */
  kick(): void {
    if (this.closed || !this.active) {
      return
    }
    if (this.running) {
      this.again = true
      return
    }
    clearTimeout(this.timer)
    this.timer = undefined
    this.running = this.round().finally(() => {
      this.running = undefined
      if (this.again) {
        this.again = false
        this.kick()
      } else {
        void this.scheduleNext()
      }
    })
  }

  private async scheduleNext(): Promise<void> {
    if (this.closed || !this.active) {
      return
    }
    let next: { next_attempt_at: number } | undefined
    try {
      next = await this.options.db
        .selectFrom('terugbelverzoek')
        .select('next_attempt_at')
        .where('state', '=', 'pending')
        .orderBy('next_attempt_at')
        .limit(1)
        .executeTakeFirst()
    } catch (err) {
      this.options.log.warn({ err }, 'could not read pending terugbelverzoeken')
      next = { next_attempt_at: this.options.clock() + this.minBackoffMs }
    }
    if (this.closed || !this.active || this.running) {
      return
    }
    clearTimeout(this.timer)
    // Nothing due: look again after the longest backoff anyway, for one another gateway wrote (a
    // gateway that stopped routing while a caller of its ring hung up).
    const delay =
      next === undefined
        ? this.maxBackoffMs
        : Math.max(0, Number(next.next_attempt_at) - this.options.clock())
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.kick()
    }, delay)
  }

  private async round(): Promise<void> {
    let due: TerugbelverzoekTable[]
    try {
      due = await this.options.db
        .selectFrom('terugbelverzoek')
        .selectAll()
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', this.options.clock())
        .orderBy('created_at')
        .limit(20)
        .execute()
    } catch (err) {
      this.options.log.warn({ err }, 'could not read pending terugbelverzoeken')
      return
    }
    for (const row of due) {
      if (this.closed || !this.active) {
        return
      }
      await this.attempt(row)
    }
  }

  private async attempt(row: TerugbelverzoekTable): Promise<void> {
    const { db, register, audit, hub, clock, log } = this.options
    try {
      const done = await register.register(row, async (uuid) => {
        await db
          .updateTable('terugbelverzoek')
          .set({ klantcontact_uuid: uuid })
          .where('id', '=', row.id)
          .execute()
      })
      await audit.record({
        at: new Date(clock()).toISOString(),
        actor: QUEUE_ACTOR,
        action: 'terugbelverzoek.registreren',
        resource: 'klantcontact',
        objectUuid: done.klantcontactUuid,
        objectNummer: done.klantcontactNummer,
        objects: [
          {
            type: 'klantcontact',
            uuid: done.klantcontactUuid,
            ...(done.klantcontactNummer ? { nummer: done.klantcontactNummer } : {}),
          },
          { type: 'internetaak', uuid: done.interneTaakUuid },
        ],
        result: 'ok',
        status: 201,
        security: false,
        detail: row.reason,
        origin: null,
        requestId: row.id,
      })
      await db
        .updateTable('terugbelverzoek')
        .set({
          state: 'done',
          // The register has it now; the gateway keeps identifiers only.
          caller_number: null,
          klantcontact_uuid: done.klantcontactUuid,
          interne_taak_uuid: done.interneTaakUuid,
          done_at: clock(),
        })
        .where('id', '=', row.id)
        .execute()
      log.info(
        { terugbelverzoek: row.id, afdeling: row.afdeling, klantcontact: done.klantcontactUuid },
        'terugbelverzoek registered',
      )
      await hub.publish({ type: 'terugbelverzoek.created', afdeling: row.afdeling }).catch((err: unknown) => {
        log.warn({ err }, 'terugbelverzoek.created not published')
      })
      this.options.inboxChanged?.([row.afdeling])
    } catch (err) {
      const attempts = Number(row.attempts) + 1
      const delay = Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** Math.min(attempts - 1, 20))
      log.warn(
        { err: errorSummary(err), terugbelverzoek: row.id, attempts, retryInMs: delay },
        'terugbelverzoek not registered yet; retrying',
      )
      await db
        .updateTable('terugbelverzoek')
        .set({ attempts, next_attempt_at: clock() + delay })
        .where('id', '=', row.id)
        .execute()
        .catch((error: unknown) => log.warn({ err: errorSummary(error) }, 'could not record the retry'))
    }
  }
}

/** An error without its data: a register problem body could echo what was sent (the inhoud). */
function errorSummary(err: unknown): { name: string; message: string } {
  return err instanceof Error
    ? { name: err.name, message: err.message }
    : { name: 'unknown', message: String(err) }
}
