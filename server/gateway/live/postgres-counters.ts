import {
  COUNTER_FIELDS,
  ZERO_COUNTERS,
  emptyCounters,
  type CounterField,
  type DayCounters,
} from '../../../shared/live/counters'

/**
 * Today's counters as the PostgreSQL hub stores them: one `live_counter` column per counter of
 * shared/live/counters.ts, in the order of `COUNTER_FIELDS`, so the publish statement and the read
 * follow the list of counters without naming them one by one.
 */

/** The `live_counter` column of a counter: `handledMs` is `handled_ms`. */
export function columnOf(field: CounterField): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
}

/** A row of the newest day; bigint arrives as text. */
export type CounterRow = { day: string; afdeling: string } & Record<string, string>

/** The newest day's `live_counter` rows as counters (numbers here). */
export function countersOf(rows: CounterRow[]): DayCounters {
  const first = rows[0]
  if (!first) {
    return emptyCounters('')
  }
  const counters: DayCounters = emptyCounters(first.day)
  for (const row of rows) {
    const counts = { ...ZERO_COUNTERS }
    for (const field of COUNTER_FIELDS) {
      counts[field] = Number(row[columnOf(field)] ?? 0)
    }
    counters.afdelingen[row.afdeling] = counts
  }
  return counters
}

export const COUNTER_COLUMNS: readonly string[] = COUNTER_FIELDS.map(columnOf)
