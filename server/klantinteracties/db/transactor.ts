import { sql } from 'kysely'
import type { Db } from '../../lib/db/database'
import type { Engine } from '../../lib/db/dialect'

/**
 * Runs a unit of work in a transaction and resolves only after it is committed (durable).
 *
 * On SQLite every commit is an fsync (synchronous=FULL), and there is one writer; one transaction
 * per request caps the write rate at the disk's fsync rate. So SQLite writes go through a group
 * commit: requests that arrive while a transaction is running are gathered into the next one; a
 * request that fails (a reference that does not exist, a constraint) rolls back only its own work
 * (see `attempt`). Every caller is answered after the shared COMMIT; if the COMMIT itself fails,
 * every caller of that batch gets the error. Under light load a batch holds one request.
 *
 * PostgreSQL has many connections and groups concurrent commits itself: there each unit of work
 * is its own transaction.
 */
export type Transact = <T>(work: (trx: Db) => Promise<T>) => Promise<T>

const MAX_BATCH = 64

interface Job {
  work: (trx: Db) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

export function createTransactor(db: Db, engine: Engine): Transact {
  if (engine === 'postgres') {
    return (work) => db.transaction().execute(work)
  }
  const queue: Job[] = []
  let draining = false

  type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown }

  /**
   * First try: the whole batch in one transaction, no savepoints. If every job succeeds (the usual
   * case: validation errors are raised before a request is queued) that is two statements per job
   * fewer. If one fails, that attempt is rolled back whole and the batch runs again with a
   * savepoint per job, so only the failing job's work is undone.
   */
  async function attempt(batch: Job[], isolated: boolean): Promise<Outcome[]> {
    const outcomes: Outcome[] = []
    await db.transaction().execute(async (trx) => {
      for (const job of batch) {
        if (!isolated) {
          outcomes.push({ ok: true, value: await job.work(trx) })
          continue
        }
        await sql`savepoint work`.execute(trx)
        try {
          const value = await job.work(trx)
          await sql`release savepoint work`.execute(trx)
          outcomes.push({ ok: true, value })
        } catch (error) {
          await sql`rollback to savepoint work`.execute(trx)
          await sql`release savepoint work`.execute(trx)
          outcomes.push({ ok: false, error })
        }
      }
    })
    return outcomes
  }

  async function runBatch(batch: Job[]): Promise<void> {
    let outcomes: Outcome[]
    try {
      outcomes = await attempt(batch, batch.length === 1).catch((error: unknown) => {
        if (batch.length === 1) {
          throw error
        }
        return attempt(batch, true)
      })
    } catch (error) {
      batch.forEach((job) => job.reject(error))
      return
    }
    batch.forEach((job, i) => {
      const outcome = outcomes[i]!
      if (outcome.ok) {
        job.resolve(outcome.value)
      } else {
        job.reject(outcome.error)
      }
    })
  }

  async function drain(): Promise<void> {
    draining = true
    try {
      while (queue.length > 0) {
        await runBatch(queue.splice(0, MAX_BATCH))
      }
    } finally {
      draining = false
    }
  }

  return <T>(work: (trx: Db) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
      if (!draining) {
        // Let the requests that are already parsed join this batch before it starts.
        draining = true
        setImmediate(() => void drain())
      }
    })
}
