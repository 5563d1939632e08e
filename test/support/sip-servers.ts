import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createRootLogger } from '../../server/lib/logger'
import { issueEphemeral, randomEphemeralSecret } from '../../server/lib/sip-ephemeral'
import { createSipServer } from '../../server/sip/server'
import type { SipServer, SipServerOptions } from '../../server/sip/types'

/**
 * The two SIP servers the telephony suite runs against: our embedded server (server/sip) and
 * Debian's Kamailio with deploy/kamailio/kamailio.cfg, each on 127.0.0.1 with a free port.
 */
export const SIP_DOMAIN = 'kcc.test'

/** An agent's ephemeral SIP credentials, as the gateway's GET /api/softphone issues them. */
export interface AgentCredentials {
  /** The digest username, `<expiry>:<extension>`. */
  authUser: string
  password: string
}

/** What a SIP client signs in with: an agent's ephemeral credentials, or a guest's password. */
export interface SipLogin {
  authUser?: string
  password?: string
}

export interface SipFixture {
  domain: string
  /** The secret both servers check the agents' ephemeral credentials with (sip.credentials.secret). */
  secret: string
  /** extension → ephemeral credentials, valid for an hour from when the fixture was made */
  credentials: Record<string, AgentCredentials>
  groups: Record<string, string[]>
  /**
   * Guests (callers such as the demo caller page): user → password. The embedded server lets them
   * call without credentials; Kamailio needs the password (deploy/kamailio/generate-credentials.ts).
   */
  guests?: Record<string, string>
  /**
   * Browser origins allowed to open a WebSocket. Kamailio allows only these; the embedded server
   * also allows its own origin (pass the same list with `allowedOrigins` to startEmbedded).
   */
  allowedOrigins?: string[]
  /** Only for Kamailio with the trunk (test/support/trunk.ts): dialled number → group or agent. */
  numbers?: Record<string, string>
}

export interface RunningSipServer {
  kind: 'embedded' | 'kamailio'
  url: string
  close(): Promise<void>
  /** Only for the embedded server. */
  embedded?: SipServer
  /** Only for Kamailio: whether its main process still runs. */
  alive?(): boolean
}

const password = (): string => `pw-${randomBytes(12).toString('base64url')}`

/** Credentials for `extension` with `secret`, working for `seconds` from now (negative: expired). */
export function agentCredentials(secret: string, extension: string, seconds = 3600): AgentCredentials {
  const issued = issueEphemeral(secret, extension, Date.now() / 1000 + seconds)
  return { authUser: issued.username, password: issued.password }
}

export function sipFixture(
  extensions: string[],
  groups: Record<string, string[]>,
  guests: string[] = [],
): SipFixture {
  const secret = randomEphemeralSecret()
  return {
    domain: SIP_DOMAIN,
    secret,
    credentials: Object.fromEntries(extensions.map((e) => [e, agentCredentials(secret, e)])),
    groups,
    guests: Object.fromEntries(guests.map((g) => [g, password()])),
  }
}

export async function startEmbedded(
  fixture: SipFixture,
  extra: Partial<Omit<SipServerOptions, 'server' | 'port' | 'path'>> = {},
): Promise<RunningSipServer> {
  const embedded = await createSipServer({
    domain: fixture.domain,
    ephemeral: { secret: fixture.secret, isAgent: (user) => Object.hasOwn(fixture.credentials, user) },
    groups: Object.entries(fixture.groups).map(([user, members]) => ({ user, members: () => members })),
    guests: Object.keys(fixture.guests ?? {}),
    logger: createRootLogger({ level: process.env['LOG_LEVEL'] ?? 'silent' }),
    ...extra,
  })
  return { kind: 'embedded', url: embedded.url, embedded, close: () => embedded.close() }
}

export const REPO = resolve(import.meta.dirname, '../..')
export const KAMAILIO_CFG = join(REPO, 'deploy/kamailio/kamailio.cfg')
export const GENERATE_CREDENTIALS = join(REPO, 'deploy/kamailio/generate-credentials.ts')
export const TSX = join(REPO, 'node_modules/.bin/tsx')

/** Kamailio's path, or a thrown error saying how to install it (CI installs it: never skip). */
export function kamailioBinary(): string {
  const which = spawnSync('which', ['kamailio'], { encoding: 'utf8' })
  const path = which.stdout.trim()
  if (which.status !== 0 || !path) {
    throw new Error(
      'kamailio is not installed. Install Debian packages kamailio and kamailio-websocket-modules ' +
        '(apt-get install -y --no-install-recommends kamailio kamailio-websocket-modules); CI installs them.',
    )
  }
  return path
}

/** A port free on 127.0.0.1 right now (for a server that must be named before it starts). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const { port } = server.address() as { port: number }
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`kamailio exited with ${child.exitCode}:\n${output()}`)
    }
    const open = await new Promise<boolean>((r) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        r(true)
      })
      socket.once('error', () => r(false))
    })
    if (open) {
      return
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`kamailio did not listen on 127.0.0.1:${port} within 15 s:\n${output()}`)
}

/**
 * Writes the credentials with generate-credentials.ts (as in production) into `dir`/kcc, where
 * kamailio.cfg imports the secret from when Kamailio runs in `dir` (startKamailio).
 */
export function generateKamailioData(fixture: SipFixture, dir: string): void {
  const input = join(dir, 'kcc-sip.json')
  writeFileSync(
    input,
    JSON.stringify({
      domain: fixture.domain,
      secret: fixture.secret,
      agents: Object.keys(fixture.credentials).map((extension) => ({ extension })),
      groups: Object.entries(fixture.groups).map(([user, members]) => ({ user, members })),
      guests: Object.entries(fixture.guests ?? {}).map(([user, pw]) => ({ user, password: pw })),
      allowedOrigins: fixture.allowedOrigins ?? [],
      ...(fixture.numbers
        ? { numbers: Object.entries(fixture.numbers).map(([number, target]) => ({ number, target })) }
        : {}),
    }),
    { mode: 0o600 },
  )
  execFileSync(TSX, [GENERATE_CREDENTIALS, '--input', input, '--out', kamailioDb(dir)], { stdio: 'pipe' })
}

/** The db_text directory in a Kamailio run directory: `kcc`, as kamailio.cfg imports kcc/autheph-secret.cfg. */
export const kamailioDb = (dir: string): string => join(dir, 'kcc')

/** More for kamailio.cfg (the trunk, test/support/trunk.ts): raw `-A` defines, extra db_text tables. */
export interface KamailioExtras {
  /** `-A` arguments as given, e.g. `WITH_TRUNK` or `KCC_TRUNK_CARRIER="127.0.0.1"`. */
  defines?: string[]
  /** Called with the db_text directory after the credentials are written, before Kamailio starts. */
  prepareDb?: (db: string) => void
}

/**
 * `settings`: kamailio.cfg defines to override, e.g. `{ KCC_AUTH_TIMEOUT: 2 }` (numbers only; the
 * strings the file defines are set here).
 */
export async function startKamailio(
  fixture: SipFixture,
  settings: Record<string, number> = {},
  extras: KamailioExtras = {},
): Promise<RunningSipServer> {
  const binary = kamailioBinary()
  const dir = mkdtempSync(join(tmpdir(), 'kcc-kamailio-'))
  generateKamailioData(fixture, dir)
  extras.prepareDb?.(kamailioDb(dir))
  const run = join(dir, 'run')
  mkdirSync(run)
  const port = await freePort()
  const child = spawn(
    binary,
    [
      '-f',
      KAMAILIO_CFG,
      '-DD',
      '-E',
      '-Y',
      run,
      '-P',
      join(run, 'kamailio.pid'),
      '-w',
      dir,
      '-m',
      '32',
      '-A',
      `KCC_LISTEN=tcp:127.0.0.1:${port}`,
      '-A',
      `KCC_DOMAIN="${fixture.domain}"`,
      '-A',
      `KCC_DB_URL="text://${kamailioDb(dir)}"`,
      ...Object.entries(settings).flatMap(([name, value]) => ['-A', `${name}=${value}`]),
      ...(extras.defines ?? []).flatMap((define) => ['-A', define]),
    ],
    // In `dir`: kamailio.cfg imports kcc/autheph-secret.cfg relative to the working directory first.
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
  )
  let output = ''
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000)
    if (process.env['KCC_SIP_DEBUG']) {
      process.stderr.write(chunk)
    }
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await waitForPort(port, child, () => output)
  } catch (error) {
    await stop()
    throw error
  }
  return {
    kind: 'kamailio',
    url: `ws://127.0.0.1:${port}`,
    close: stop,
    alive: () => child.exitCode === null && child.signalCode === null,
  }
}
