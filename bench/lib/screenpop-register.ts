import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { startKccServer, type KccServer } from '../../server/compose/kcc-server'
import { loadGatewayConfig } from '../../server/gateway/config/load'
import type { GatewayConfig } from '../../server/gateway/config/types'
import { createRootLogger } from '../../server/lib/logger'
import { quoteIdent } from '../../server/lib/db/database'
import { CALLER_ROOT, DEMO_CONFIG, demoPassword, WEB_ROOT, type Log } from './browser-rig'
import { seedRegister } from './register-seed'
import { BIG_REGISTER, knownCallers, type RegisterSize } from './register-seed-data'

/**
 * `BENCH_REGISTER=big npm run bench:screenpop`: the screen pop on a register of 100,000 partijen
 * and 1,000,000 klantcontacten (register-seed-data.ts), called from numbers the register knows, so
 * every call shows the caller's picture.
 *
 * Seeding takes minutes, so the seeded SQLite file is kept (`BENCH_REGISTER_FILE`, default in the
 * system's temporary directory, named after its size and the seed's version) and each run works on
 * a copy of it. With `BENCH_REGISTER_DATABASE_URL` the same register is seeded once into a
 * PostgreSQL schema of that database as well, for a figure of the gateway's picture on PostgreSQL.
 */
/** Raise when register-seed-data.ts changes what it generates, so an old seeded file is not reused. */
export const SEED_VERSION = 1
const PG_SCHEMA = `kcc_bench_register_v${SEED_VERSION}`

export interface RegisterSettings {
  size: RegisterSize
  sqliteFile: string
  databaseUrl: string | undefined
  /** GET /api/klantbeeld round trips per engine, each for another known caller. */
  apiSamples: number
}

export function registerSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): RegisterSettings | undefined {
  const choice = env['BENCH_REGISTER']
  if (choice === undefined || choice === '') {
    return undefined
  }
  if (choice !== 'big') {
    throw new Error(`BENCH_REGISTER=${choice}: the only register on offer is "big"`)
  }
  const size = BIG_REGISTER
  return {
    size,
    sqliteFile:
      env['BENCH_REGISTER_FILE'] ||
      join(
        tmpdir(),
        'kcc-bench-register',
        `klantinteracties-${size.partijen}x${size.klantcontacten}-v${SEED_VERSION}.sqlite`,
      ),
    databaseUrl: env['BENCH_REGISTER_DATABASE_URL'] || undefined,
    apiSamples: 100,
  }
}

/**
 * The seeded SQLite file, seeded first when there is none (under another name until complete);
 * `seconds` the seeding took, undefined when the file was there.
 */
export async function seededSqliteFile(
  settings: RegisterSettings,
  log: Log,
): Promise<{ file: string; seconds: number | undefined }> {
  if (existsSync(settings.sqliteFile)) {
    log(`big register: reusing ${settings.sqliteFile}`)
    return { file: settings.sqliteFile, seconds: undefined }
  }
  const partial = `${settings.sqliteFile}.seeding`
  mkdirSync(join(settings.sqliteFile, '..'), { recursive: true })
  for (const suffix of ['', '-wal', '-shm']) {
    rmSync(`${partial}${suffix}`, { force: true })
  }
  log(`big register: seeding ${settings.sqliteFile} (minutes)`)
  const result = await seedRegister({ sqliteFile: partial }, settings.size, (m) => log(`seed: ${m}`))
  renameSync(partial, settings.sqliteFile)
  log(`big register: seeded SQLite in ${result.seconds.toFixed(0)} s`)
  return { file: settings.sqliteFile, seconds: result.seconds }
}

/**
 * The PostgreSQL schema holding the big register, seeded when it is missing or incomplete. A
 * complete seed ends with the provider's nummer counters; they are the marker.
 */
export async function seededPostgresSchema(settings: RegisterSettings, log: Log): Promise<string> {
  const databaseUrl = settings.databaseUrl!
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const found = await client.query<{ n: string }>(
      `select count(*) as n from information_schema.tables where table_schema = $1 and table_name = 'nummer_counter'`,
      [PG_SCHEMA],
    )
    if (found.rows[0]?.n === '1') {
      const counters = await client.query<{ n: string }>(
        `select count(*) as n from ${quoteIdent(PG_SCHEMA)}.nummer_counter`,
      )
      if (Number(counters.rows[0]?.n ?? 0) > 0) {
        log(`big register: reusing PostgreSQL schema ${PG_SCHEMA}`)
        return PG_SCHEMA
      }
    }
    await client.query(`drop schema if exists ${quoteIdent(PG_SCHEMA)} cascade`)
  } finally {
    await client.end()
  }
  log(`big register: seeding PostgreSQL schema ${PG_SCHEMA} (minutes)`)
  const result = await seedRegister(
    { sqliteFile: ':memory:', databaseUrl, schema: PG_SCHEMA },
    settings.size,
    (m) => log(`seed: ${m}`),
  )
  log(`big register: seeded PostgreSQL in ${result.seconds.toFixed(0)} s`)
  return PG_SCHEMA
}

export type RegisterDatabase = { sqliteFile: string } | { databaseUrl: string; schema: string }

/**
 * `npm run server` on the demo configuration, as browser-rig.ts `startServer`, with the embedded
 * provider on the big register: a copy of the seeded SQLite file in the data directory, or the
 * seeded PostgreSQL schema (the provider takes those from the environment, read at start); the
 * numbers in `callers` may call the contact centre from the demo caller page.
 */
export async function startServerOnRegister(
  dir: string,
  register: RegisterDatabase,
  log: Log,
  callers: readonly string[] = [],
): Promise<KccServer> {
  const dataDir = join(dir, 'data')
  mkdirSync(dataDir, { recursive: true })
  const saved = {
    url: process.env['KLANTINTERACTIES_DATABASE_URL'],
    schema: process.env['KLANTINTERACTIES_DATABASE_SCHEMA'],
  }
  if ('sqliteFile' in register) {
    const started = performance.now()
    copyFileSync(register.sqliteFile, join(dataDir, 'klantinteracties.sqlite'))
    log(
      `big register: copied into the server's data directory in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
    delete process.env['KLANTINTERACTIES_DATABASE_URL']
    delete process.env['KLANTINTERACTIES_DATABASE_SCHEMA']
  } else {
    process.env['KLANTINTERACTIES_DATABASE_URL'] = register.databaseUrl
    process.env['KLANTINTERACTIES_DATABASE_SCHEMA'] = register.schema
  }
  try {
    const loaded = await loadGatewayConfig(DEMO_CONFIG, {})
    // The embedded SIP server lets only its configured guests call without an account: the
    // demo caller page calls from the known numbers as such guests.
    const config: GatewayConfig = {
      ...loaded,
      host: '127.0.0.1',
      port: 0,
      dataDir,
      sip: { ...loaded.sip, guests: [...loaded.sip.guests, ...callers] },
    }
    return await startKccServer({
      config,
      logger: createRootLogger({ level: 'silent' }),
      providerToken: randomBytes(20).toString('hex'),
      webRoot: WEB_ROOT,
      callerRoot: CALLER_ROOT,
    })
  } finally {
    for (const [name, value] of [
      ['KLANTINTERACTIES_DATABASE_URL', saved.url],
      ['KLANTINTERACTIES_DATABASE_SCHEMA', saved.schema],
    ] as const) {
      if (value === undefined) {
        delete process.env[name]
      } else {
        process.env[name] = value
      }
    }
  }
}

/** The numbers the calls come from, then those the API figure asks for: all different, all known. */
export function callerNumbers(settings: RegisterSettings, calls: number): { calls: string[]; api: string[] } {
  const all = knownCallers(settings.size, calls + settings.apiSamples)
  return { calls: all.slice(0, calls), api: all.slice(calls) }
}

export interface ApiSample {
  ms: number
  partijen: number
  klantcontacten: number
  contactverzoeken: number
}

/**
 * `GET /api/klantbeeld?telefoonnummer=` round trips from Node over loopback, one after the other, as
 * medewerker2 (a session of its own, so medewerker1's calls are not disturbed): the gateway's part
 * of the picture without the browser. Each number once, so no cache of an earlier lookup helps.
 */
export async function measureKlantbeeldApi(
  serverUrl: string,
  numbers: readonly string[],
): Promise<ApiSample[]> {
  const login = 'medewerker2'
  const session = await fetch(`${serverUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: demoPassword(login) }),
  })
  if (session.status !== 201) {
    throw new Error(`login as ${login}: HTTP ${session.status}`)
  }
  const { token } = (await session.json()) as { token: string }
  const samples: ApiSample[] = []
  for (const number of numbers) {
    const started = performance.now()
    const response = await fetch(`${serverUrl}/api/klantbeeld?telefoonnummer=${encodeURIComponent(number)}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    const body = (await response.json()) as {
      partijen?: unknown[]
      klantcontacten?: unknown[]
      contactverzoeken?: unknown[]
    }
    const ms = performance.now() - started
    // A known number whose partij the picture does not name is reported (ApiSample.partijen 0),
    // not fatal: it is a finding about the lookup, and the other samples still count.
    if (response.status !== 200 || !Array.isArray(body.partijen)) {
      throw new Error(`GET /api/klantbeeld for a known caller: HTTP ${response.status}`)
    }
    samples.push({
      ms,
      partijen: body.partijen.length,
      klantcontacten: body.klantcontacten?.length ?? 0,
      contactverzoeken: body.contactverzoeken?.length ?? 0,
    })
  }
  return samples
}
