import type BetterSqlite3 from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/**
 * Kysely's SQLite driver prepares every query anew; preparing costs more than running a small
 * indexed query. The provider issues a few dozen distinct SQL texts, so a bounded cache of
 * prepared statements keyed by SQL text removes that cost. Reuse is safe: Kysely's SQLite driver
 * runs one query at a time on its single connection.
 */
export function withStatementCache(db: BetterSqlite3.Database, capacity = 500): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>()
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql)
      if (statement) {
        // Move to the back: the Map's insertion order is our LRU order.
        cache.delete(sql)
      } else {
        statement = db.prepare(sql)
        if (cache.size >= capacity) {
          const oldest = cache.keys().next().value
          if (oldest !== undefined) {
            cache.delete(oldest)
          }
        }
      }
      cache.set(sql, statement)
      return statement
    },
  }
}
