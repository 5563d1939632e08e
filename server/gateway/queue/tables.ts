import type { Kysely } from 'kysely'
import type { GatewayDb } from '../db/tables'

/**
 * The queue's own tables (db/migrations/004_queue.ts), typed here beside the code that owns them;
 * `queueDb` views the gateway's database through them. Times are epoch milliseconds.
 */
export interface QueueCallTable {
  /** The gateway's id for the waiting call (`queue.left`'s `queueCallId`). */
  id: string
  sip_call_id: string
  /** The afdeling whose group address the caller dialled. */
  dialled: string
  /** The afdeling whose queue holds the call now (the overflow afdeling after an overflow). */
  afdeling: string
  entered_at: number
  /** When it joined `afdeling`'s queue: that afdeling's maximum wait counts from here. */
  afdeling_since: number
  /** 0 or 1: the call already overflowed once. */
  overflowed: number
  /** 0 or 1: the leader checked on entry that somebody of the afdeling is logged in. */
  checked: number
  offer_agent: string | null
  offer_until: number | null
}

export type TerugbelverzoekState = 'pending' | 'done'
export type TerugbelverzoekReason = 'timeout' | 'no_agent' | 'abandoned'

export interface TerugbelverzoekTable {
  id: string
  afdeling: string
  /** Cleared once registered: the register keeps it from then on. */
  caller_number: string | null
  reason: TerugbelverzoekReason
  /** When the caller started waiting (the klantcontact's plaatsgevondenOp). */
  entered_at: number
  waited_ms: number
  state: TerugbelverzoekState
  klantcontact_uuid: string | null
  interne_taak_uuid: string | null
  attempts: number
  next_attempt_at: number
  created_at: number
  done_at: number | null
}

export interface QueueTables {
  queue_call: QueueCallTable
  terugbelverzoek: TerugbelverzoekTable
}

export type QueueDb = Kysely<QueueTables>

export function queueDb(db: GatewayDb): QueueDb {
  // The gateway's tables and these live in one database; Kysely only needs the column types.
  return db as unknown as QueueDb
}
