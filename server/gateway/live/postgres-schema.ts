import type pg from 'pg'
import { COUNTER_FIELDS, counterDelta } from '../../../shared/live/counters'
import { agentStatusOf } from '../../../shared/live/agent-status'
import type { InboxStatus } from '../../../shared/live/inbox'
import type { QueueStatus } from '../../../shared/live/queue'
import { COUNTER_COLUMNS, countersOf, type CounterRow } from './postgres-counters'
import type { StateChange } from './state'
import type { AgentStatus, LiveCall, LiveEvent, LiveEventBody, LiveSnapshot, TransferOffer } from './types'

/**
 * The live hub's tables, in the schema the pool's search_path names:
 * - `live_meta`: one row, the hub's epoch and the last seq handed out. Every publish updates this
 *   row, so its row lock (held until commit) makes seq order equal commit order, and PostgreSQL
 *   delivers notifications in commit order: every instance sees one order, without gaps.
 * - `live_event`: the recent events, for an instance that missed notifications (its LISTEN
 *   connection dropped) or got one too large to carry its event. Pruned to `retainEvents`.
 * - `live_state`: one row per agent, live call, open transfer and afdeling's queue: the event that
 *   last set it.
 *   An instance rebuilds its state from here on start, without replaying history.
 * - `live_counter`: today's counters per afdeling (shared/live/counters.ts), incremented by each
 *   counted event in the transaction that stores it, so they agree with the seq they were read at.
 *   One column per counter (postgres-counters.ts); a counter added later is a column added on start.
 */
const MIGRATION_LOCK = 'kcc.live.migrate'

export async function migrate(pool: pg.Pool, newEpoch: string): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    // Two instances starting together would race on `create table if not exists`.
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [MIGRATION_LOCK])
    await client.query(`create table if not exists live_meta (
      id smallint primary key check (id = 1),
      epoch text not null,
      seq bigint not null
    )`)
    await client.query(
      'insert into live_meta (id, epoch, seq) values (1, $1, 0) on conflict (id) do nothing',
      [newEpoch],
    )
    await client.query(`create table if not exists live_event (
      seq bigint primary key,
      body jsonb not null
    )`)
    await client.query(`create table if not exists live_state (
      kind text not null,
      key text not null,
      seq bigint not null,
      since text not null,
      body jsonb not null,
      primary key (kind, key)
    )`)
    await client.query(`create table if not exists live_counter (
      day text not null,
      afdeling text not null,
      answered bigint not null default 0,
      abandoned bigint not null default 0,
      handled_ms bigint not null default 0,
      transfers bigint not null default 0,
      contactverzoeken bigint not null default 0,
      primary key (day, afdeling)
    )`)
    for (const column of COUNTER_COLUMNS) {
      await client.query(
        `alter table live_counter add column if not exists ${column} bigint not null default 0`,
      )
    }
    await client.query('commit')
  } catch (err) {
    await client.query('rollback').catch(() => undefined)
    throw err
  } finally {
    client.release()
  }
}

/** Stored event bodies carry their time; the seq is the row's key. */
export type StoredBody = LiveEventBody & { at: string }

interface StateRow {
  kind: string
  since: string
  body: StoredBody
}

function toSnapshotParts(
  rows: StateRow[],
): Required<Pick<LiveSnapshot, 'agents' | 'calls' | 'transfers' | 'queues' | 'inboxes'>> {
  const agents: AgentStatus[] = []
  const calls: LiveCall[] = []
  const transfers: TransferOffer[] = []
  const queues: QueueStatus[] = []
  const inboxes: InboxStatus[] = []
  for (const { since, body } of rows) {
    switch (body.type) {
      case 'agent.state':
        agents.push(agentStatusOf(body))
        break
      case 'call.started':
      case 'call.updated':
        // `since` is when the row was first written: the start of the call.
        calls.push({ ...body.call, startedAt: since, updatedAt: body.at })
        break
      case 'transfer.offered':
        transfers.push({ ...body.transfer, offeredAt: body.at })
        break
      case 'queue.changed':
        queues.push({ ...body.queue })
        break
      case 'inbox.changed':
        inboxes.push({ ...body.inbox })
        break
      case 'call.ended':
      case 'transfer.closed':
      case 'contactverzoek.created':
      case 'monitor.started':
      case 'monitor.ended':
      case 'queue.left':
      case 'terugbelverzoek.created':
      case 'klantcontact.afgehandeld':
        // These delete their row or have none; one here means the table was edited by hand.
        throw new Error(`live_state holds a ${body.type} event`)
      default: {
        const unreachable: never = body
        throw new Error(`unknown live event in live_state: ${JSON.stringify(unreachable)}`)
      }
    }
  }
  return { agents, calls, transfers, queues, inboxes }
}

/** The persisted state and the seq it is at, read in one consistent snapshot. */
export async function loadState(pool: pg.Pool): Promise<LiveSnapshot> {
  const client = await pool.connect()
  try {
    await client.query('begin isolation level repeatable read read only')
    const meta = await client.query<{ epoch: string; seq: string }>(
      'select epoch, seq::text as seq from live_meta where id = 1',
    )
    const rows = await client.query<StateRow>('select kind, since, body from live_state order by kind, seq')
    const counted = await client.query<CounterRow>(
      `select day, afdeling, ${COUNTER_COLUMNS.map((c) => `${c}::text as ${c}`).join(', ')}
       from live_counter where day = (select max(day) from live_counter)`,
    )
    await client.query('commit')
    const head = meta.rows[0]
    if (!head) {
      throw new Error('live_meta is empty: the live hub tables were not migrated')
    }
    return {
      epoch: head.epoch,
      seq: Number(head.seq),
      ...toSnapshotParts(rows.rows),
      counters: countersOf(counted.rows),
    }
  } catch (err) {
    await client.query('rollback').catch(() => undefined)
    throw err
  } finally {
    client.release()
  }
}

/**
 * One round trip per event: take the next seq, store the event, update its state row, notify.
 * synchronous_commit is off for this transaction only: live state is rebuilt by the clients' next
 * state change anyway, and waiting for a WAL flush while holding the seq row lock would cap the
 * whole gateway at one event per disk flush.
 */
const COUNTER_PARAMS_FROM = 10
const PUBLISH_SQL = `
with s as (
  update live_meta set seq = seq + 1 where id = 1 returning seq, epoch
), e as (
  insert into live_event (seq, body) select seq, $1::jsonb from s
), u as (
  insert into live_state (kind, key, seq, since, body)
  select $3::text, $4::text, seq, $5::text, $1::jsonb from s where $6::text = 'upsert'
  on conflict (kind, key) do update set seq = excluded.seq, body = excluded.body
), d as (
  delete from live_state where $6::text = 'delete' and kind = $3::text and key = $4::text
), c as (
  insert into live_counter (day, afdeling, ${COUNTER_COLUMNS.join(', ')})
  select $8::text, $9::text, ${COUNTER_COLUMNS.map((_, i) => `$${COUNTER_PARAMS_FROM + i}::bigint`).join(', ')}
  where $8::text is not null
  on conflict (day, afdeling) do update set
    ${COUNTER_COLUMNS.map((c) => `${c} = live_counter.${c} + excluded.${c}`).join(',\n    ')}
)
select s.seq::text as seq,
  pg_notify($2::text, s.epoch || ' ' || s.seq::text || ' ' || $7::text) as notified,
  set_config('synchronous_commit', 'off', true) as async_commit
from s`

/** NOTIFY payloads must stay under 8000 bytes; room is left for the epoch and seq in front. */
export const MAX_INLINE_BODY_BYTES = 7900

export async function insertEvent(
  pool: pg.Pool,
  channel: string,
  body: StoredBody,
  change: StateChange,
): Promise<number> {
  const json = JSON.stringify(body)
  // Too large to travel in the notification: listeners then read it from live_event.
  const inline = Buffer.byteLength(json) <= MAX_INLINE_BODY_BYTES ? json : ''
  const delta = counterDelta(body)
  const result = await pool.query<{ seq: string }>(PUBLISH_SQL, [
    json,
    channel,
    change.kind,
    change.key,
    body.at,
    change.op,
    inline,
    delta?.day ?? null,
    delta?.afdeling ?? null,
    ...COUNTER_FIELDS.map((field) => delta?.counts[field] ?? 0),
  ])
  const row = result.rows[0]
  if (!row) {
    throw new Error('live_meta is empty: the live hub tables were not migrated')
  }
  return Number(row.seq)
}

/** Stored events after `seq`, oldest first, at most `limit`. */
export async function eventsAfter(pool: pg.Pool, seq: number, limit: number): Promise<LiveEvent[]> {
  const result = await pool.query<{ seq: string; body: StoredBody }>(
    'select seq::text as seq, body from live_event where seq > $1 order by seq limit $2',
    [seq, limit],
  )
  return result.rows.map((row) => ({ ...row.body, seq: Number(row.seq) }))
}

/** Forgets stored events up to `seq` (instances that fall further behind rebuild from live_state). */
export async function pruneEvents(pool: pg.Pool, seq: number): Promise<void> {
  await pool.query('delete from live_event where seq <= $1', [seq])
}

export interface Notification {
  epoch: string
  seq: number
  /** Absent when the event was too large to travel inline. */
  event?: LiveEvent
}

/** Parses `<epoch> <seq> <json body or nothing>`, as PUBLISH_SQL sends it. */
export function parseNotification(payload: string): Notification | undefined {
  const first = payload.indexOf(' ')
  const second = payload.indexOf(' ', first + 1)
  if (first <= 0 || second <= first) {
    return undefined
  }
  const epoch = payload.slice(0, first)
  const seq = Number(payload.slice(first + 1, second))
  if (!Number.isSafeInteger(seq) || seq <= 0) {
    return undefined
  }
  const json = payload.slice(second + 1)
  if (json === '') {
    return { epoch, seq }
  }
  try {
    const body = JSON.parse(json) as StoredBody
    return { epoch, seq, event: { ...body, seq } }
  } catch {
    return undefined
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
