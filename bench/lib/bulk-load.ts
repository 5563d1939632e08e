import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import SqliteDatabase from 'better-sqlite3'
import { withPg } from './databases'
import { bulkNummer } from './klantcontact'

/**
 * Fills the provider's klantcontact table with `rows` contacts of last year, numbered
 * `<yy>000001` … in the provider's format, directly through the driver: going through HTTP would
 * take an hour and measure nothing the POST figure does not already measure.
 *
 * The tables keep every index the migration made (the GET figure must be the one production gets);
 * only the load itself is batched: 100,000 rows per transaction.
 */
export interface BulkLoadResult {
  rows: number
  seconds: number
}

const BATCH = 100_000
const KANALEN = ['Telefoon', 'E-mail', 'Balie', 'Chat'] as const
const ONDERWERPEN = [
  'Melding container niet geleegd',
  'Vraag over parkeervergunning',
  'Afspraak paspoort verzetten',
  'Vraag over WOZ-beschikking',
  'Klacht over straatverlichting',
] as const
const INHOUD = 'Inwoner belt met een vraag; uitgelegd hoe het verder gaat en wanneer er bericht komt.'
const YEAR_MS = 365 * 24 * 3600 * 1000

export type Progress = (done: number, total: number) => void

/**
 * SQLite: a second connection on the provider's file (WAL lets it write while the provider idles).
 * Its page cache is enlarged for the load only: a connection-local setting the provider never sees.
 */
export function loadSqlite(file: string, rows: number, year2: string, progress: Progress): BulkLoadResult {
  const started = performance.now()
  const db = new SqliteDatabase(file)
  try {
    db.pragma('busy_timeout = 5000')
    db.pragma('synchronous = FULL')
    db.pragma('cache_size = -262144')
    const insert = db.prepare(
      `insert into klantcontact (uuid, created_at, updated_at, nummer, kanaal, onderwerp, inhoud, taal,
         vertrouwelijk, indicatie_contact_gelukt, verdere_actie_ondernomen, plaatsgevonden_op)
       values (?, ?, ?, ?, ?, ?, ?, 'nld', 0, ?, 0, ?)`,
    )
    const yearStart = Date.parse(`20${year2}-01-01T08:00:00Z`)
    const step = YEAR_MS / rows
    const batch = db.transaction((from: number, to: number) => {
      for (let seq = from; seq <= to; seq++) {
        const at = new Date(yearStart + Math.floor(seq * step)).toISOString()
        insert.run(
          randomUUID(),
          at,
          at,
          bulkNummer(year2, seq),
          KANALEN[seq % KANALEN.length]!,
          ONDERWERPEN[seq % ONDERWERPEN.length]!,
          INHOUD,
          seq % 7 === 0 ? 0 : 1,
          at,
        )
      }
    })
    for (let from = 1; from <= rows; from += BATCH) {
      const to = Math.min(rows, from + BATCH - 1)
      batch(from, to)
      progress(to, rows)
    }
    // Fold the WAL back into the database file, as the provider's own checkpoints would over time,
    // so the GET figures do not depend on a WAL of a million fresh rows.
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
  return { rows, seconds: (performance.now() - started) / 1000 }
}

/**
 * PostgreSQL: `insert … select from generate_series` in batches (the server generates uuids,
 * timestamps and numbers itself), then `vacuum (analyze)`: what autovacuum does after a load this
 * size anyway, done now so it cannot start in the middle of the measurement; then a checkpoint.
 */
export async function loadPostgres(
  databaseUrl: string,
  schema: string,
  rows: number,
  year2: string,
  progress: Progress,
): Promise<BulkLoadResult> {
  const started = performance.now()
  await withPg(databaseUrl, schema, async (client) => {
    const yearStart = new Date(Date.parse(`20${year2}-01-01T08:00:00Z`)).toISOString()
    const step = YEAR_MS / rows
    for (let from = 1; from <= rows; from += BATCH) {
      const to = Math.min(rows, from + BATCH - 1)
      await client.query(
        `insert into klantcontact (uuid, created_at, updated_at, nummer, kanaal, onderwerp, inhoud, taal,
           vertrouwelijk, indicatie_contact_gelukt, verdere_actie_ondernomen, plaatsgevonden_op)
         select gen_random_uuid(), t.at, t.at,
                -- formatKlantcontactnummer (shared/klantcontact): year, then the sequence padded to at least six digits
                $3::text || lpad(g::text, greatest(6, length(g::text)), '0'),
                ($4::text[])[1 + g % cardinality($4::text[])],
                ($5::text[])[1 + g % cardinality($5::text[])],
                $6, 'nld', false, g % 7 <> 0, false, t.at
           from generate_series($1::int, $2::int) as g,
                lateral (select $7::timestamptz + make_interval(secs => floor(g * $8::float8) / 1000) as at) as t`,
        [from, to, year2, KANALEN, ONDERWERPEN, INHOUD, yearStart, step],
      )
      progress(to, rows)
    }
    await client.query('vacuum (analyze) klantcontact')
    // Write the load's dirty buffers out now rather than in a checkpoint during the latency runs.
    // Needs superuser or pg_checkpoint; without it the measurement still runs, only noisier.
    try {
      await client.query('checkpoint')
    } catch (error) {
      process.stderr.write(`postgres bulk load: checkpoint skipped (${String(error)})\n`)
    }
  })
  return { rows, seconds: (performance.now() - started) / 1000 }
}

/** The loaded numbers must be exactly the ones the latency client will ask for. */
export function checkSqliteLoad(file: string, samples: readonly string[]): void {
  const db = new SqliteDatabase(file, { readonly: true })
  try {
    const find = db.prepare('select count(*) as n from klantcontact where nummer = ?')
    for (const nummer of samples) {
      const row = find.get(nummer) as { n: number }
      if (row.n !== 1) {
        throw new Error(`sqlite load check: nummer ${nummer} found ${row.n} times`)
      }
    }
  } finally {
    db.close()
  }
}

export async function checkPostgresLoad(
  databaseUrl: string,
  schema: string,
  samples: readonly string[],
): Promise<void> {
  await withPg(databaseUrl, schema, async (client) => {
    for (const nummer of samples) {
      const result = await client.query<{ n: string }>(
        'select count(*) as n from klantcontact where nummer = $1',
        [nummer],
      )
      if (result.rows[0]?.n !== '1') {
        throw new Error(`postgres load check: nummer ${nummer} found ${result.rows[0]?.n ?? 0} times`)
      }
    }
  })
}
