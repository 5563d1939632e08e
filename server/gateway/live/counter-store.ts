import { sql } from 'kysely'
import {
  COUNTER_FIELDS,
  ZERO_COUNTERS,
  dayOf,
  emptyCounters,
  type CounterDelta,
  type CounterField,
  type DayCounters,
} from '../../../shared/live/counters'
import type { GatewayDb } from '../db/tables'

/**
 * Where the memory hub keeps today's counters so that a gateway restart does not reset them: the
 * gateway's own database (`live_day_counter`, migration 005; SQLite or PostgreSQL). The PostgreSQL
 * hub does not need this: it keeps its counters in its own `live_counter` table.
 */
export interface CounterStore {
  /** The counters stored for `day` (zeros when none). */
  load(day: string): Promise<DayCounters>
  /** Adds one event's increments. */
  add(delta: CounterDelta): Promise<void>
}

interface DayCounterTable {
  day: string
  afdeling: string
  counter: string
  /** bigint: PostgreSQL hands it over as text. */
  value: number | string
}

const KNOWN = new Set<string>(COUNTER_FIELDS)

export function gatewayCounterStore(gatewayDb: GatewayDb): CounterStore {
  const db = gatewayDb.withTables<{ live_day_counter: DayCounterTable }>()
  return {
    async load(day) {
      const rows = await db
        .selectFrom('live_day_counter')
        .select(['afdeling', 'counter', 'value'])
        .where('day', '=', day)
        .execute()
      const counters = emptyCounters(day)
      for (const row of rows) {
        // A counter a later version stored and this one does not know is left out.
        if (!KNOWN.has(row.counter)) {
          continue
        }
        const afdeling = (counters.afdelingen[row.afdeling] ??= { ...ZERO_COUNTERS })
        afdeling[row.counter as CounterField] = Number(row.value)
      }
      return counters
    },
    async add(delta) {
      const rows = COUNTER_FIELDS.filter((field) => delta.counts[field] !== 0).map((field) => ({
        day: delta.day,
        afdeling: delta.afdeling,
        counter: field,
        value: delta.counts[field],
      }))
      if (rows.length === 0) {
        return
      }
      await db
        .insertInto('live_day_counter')
        .values(rows)
        .onConflict((oc) =>
          oc
            .columns(['day', 'afdeling', 'counter'])
            .doUpdateSet({ value: sql`live_day_counter.value + excluded.value` }),
        )
        .execute()
    },
  }
}

/** What the memory hub needs to keep its counters across restarts: where, and what is there today. */
export interface StoredCounters {
  store: CounterStore
  /** Today's counters as stored when the hub starts. */
  initial: DayCounters
}

/** Reads today's stored counters (the day of `now` in Europe/Amsterdam). */
export async function loadStoredCounters(store: CounterStore, now: () => number): Promise<StoredCounters> {
  return { store, initial: await store.load(dayOf(new Date(now()).toISOString())) }
}
