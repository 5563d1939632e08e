import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, loadavg, release, totalmem, type } from 'node:os'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'

/** What the figures were measured on: without it a req/s number says nothing. */
export interface Machine {
  cpus: number
  cpuModel: string
  memoryGiB: number
  os: string
  node: string
  sqlite: string
  postgres: string
  postgresSettings: string
  packages: Record<string, string>
  loadBefore: string
  /** The provider code measured: commit, and whether server/ had uncommitted changes. */
  revision: string
}

/** Read from node_modules directly: some packages (kysely) do not export their package.json. */
function packageVersion(name: string): string {
  try {
    const file = new URL(`../../node_modules/${name}/package.json`, import.meta.url)
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { version?: string }
    return manifest.version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'))
    return line?.split(':')[1]?.trim() ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

function revision(): string {
  try {
    const git = (...args: string[]): string =>
      execFileSync('git', args, { encoding: 'utf8', timeout: 10_000 }).trim()
    const commit = git('rev-parse', '--short', 'HEAD')
    const dirty = git('status', '--porcelain', '--', 'server').length > 0
    return dirty ? `${commit} with uncommitted changes in server/` : commit
  } catch {
    return 'unknown (not a git checkout)'
  }
}

export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')
}

export async function describeMachine(databaseUrl: string | undefined): Promise<Machine> {
  const sqlite = new SqliteDatabase(':memory:')
  const sqliteVersion = (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v
  sqlite.close()
  let postgres = 'not measured'
  let postgresSettings = ''
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      const show = async (name: string): Promise<string> =>
        (await client.query<Record<string, string>>(`show ${name}`)).rows[0]?.[name] ?? '?'
      postgres = await show('server_version')
      const settings = ['fsync', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'max_connections']
      const shown: string[] = []
      // One query at a time: a pg client does not multiplex.
      for (const setting of settings) {
        shown.push(`${setting}=${await show(setting)}`)
      }
      postgresSettings = shown.join(', ')
    } finally {
      await client.end()
    }
  }
  return {
    cpus: availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: totalmem() / 1024 ** 3,
    os: `${type()} ${release()}`,
    node: process.version,
    sqlite: sqliteVersion,
    postgres,
    postgresSettings,
    packages: Object.fromEntries(
      ['fastify', 'better-sqlite3', 'pg', 'kysely', 'autocannon'].map((name) => [name, packageVersion(name)]),
    ),
    loadBefore: loadAverage(),
    revision: revision(),
  }
}
