import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { createSocket } from 'node:dgram'
import { mkdirSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { join } from 'node:path'
import { REPO } from './browser-rig'

/**
 * The telephony under the queue benchmark, as deploy/ runs it: Debian's rtpengine (userspace,
 * `--table=-1`, the trunk and agents interfaces) and Kamailio with deploy/kamailio/kamailio.cfg,
 * `-A WITH_TRUNK` and `-A KCC_QUEUE`, all on loopback with free ports. Started the way
 * test/support/sip-servers.ts and rtpengine.ts start them (the bench project cannot import tests).
 */
export const SIP_DOMAIN = 'kcc.test'
export const GROUP = 'kcc'
/** The municipality's number on the trunk, routed to the afdeling's group. */
export const NUMBER = '14020'

export interface Process {
  pid: number
  output(): string
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const { port } = server.address() as { port: number }
  await new Promise<void>((r) => server.close(() => r()))
  return port
}

function run(binary: string, args: string[], cwd?: string): { child: ChildProcess; process: Process } {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) })
  let output = ''
  const keep = (chunk: Buffer): void => {
    // rtpengine's per-call packet statistics of the whole run are read from here at the end.
    output = (output + chunk.toString()).slice(-20_000_000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
  }
  return { child, process: { pid: child.pid ?? -1, output: () => output, stop } }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

function pingRtpengine(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4')
    const done = (ok: boolean): void => {
      clearTimeout(timer)
      socket.close()
      resolve(ok)
    }
    const timer = setTimeout(() => done(false), 300)
    socket.on('message', (message) => done(message.toString().includes('pong')))
    socket.on('error', () => done(false))
    socket.send('kcc1 d7:command4:pinge', port, '127.0.0.1')
  })
}

export interface Rtpengine extends Process {
  control: string
}

export async function startRtpengine(): Promise<Rtpengine> {
  const port = await freePort()
  const base = 20_000 + 2 * Math.floor(Math.random() * 4000)
  const { child, process } = run('rtpengine', [
    // Not /etc/rtpengine/rtpengine.conf: its fixed CLI and HTTP ports clash with any other rtpengine.
    '--config-file=none',
    '--foreground',
    '--table=-1',
    // A call's final packet statistics are logged when it is deleted: at once, not 30 s later.
    '--delete-delay=0',
    '--interface=trunk/127.0.0.1',
    '--interface=agents/127.0.0.2',
    `--listen-ng=127.0.0.1:${port}`,
    '--log-stderr',
    // Call ends with their packet counts are logged at info level: the media loss figure.
    '--log-level=6',
    `--port-min=${base}`,
    `--port-max=${base + 1999}`,
  ])
  const deadline = Date.now() + 15_000
  while (!(await pingRtpengine(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await process.stop()
      throw new Error(`rtpengine did not answer on 127.0.0.1:${port}:\n${process.output()}`)
    }
  }
  return { ...process, control: `udp:127.0.0.1:${port}` }
}

export interface Kamailio extends Process {
  /** SIP over WebSocket for the agents' phones. */
  url: string
  trunkPort: number
  evapiPort: number
}

/**
 * Writes the secret, agents, groups and numbers with generate-credentials.ts, as in production, into
 * `dir`/kcc, where kamailio.cfg imports the secret from when Kamailio runs in `dir`.
 */
function writeCredentials(dir: string, secret: string, extensions: string[]): void {
  const input = join(dir, 'kcc-sip.json')
  writeFileSync(
    input,
    JSON.stringify({
      domain: SIP_DOMAIN,
      secret,
      agents: extensions.map((extension) => ({ extension })),
      groups: [{ user: GROUP, members: extensions }],
      guests: [],
      allowedOrigins: [],
      numbers: [{ number: NUMBER, target: GROUP }],
    }),
    { mode: 0o600 },
  )
  execFileSync(
    join(REPO, 'node_modules/.bin/tsx'),
    [join(REPO, 'deploy/kamailio/generate-credentials.ts'), '--input', input, '--out', join(dir, 'kcc')],
    { stdio: 'pipe' },
  )
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

export async function startKamailio(options: {
  dir: string
  /** The secret the gateway issues the agents' ephemeral credentials with. */
  secret: string
  extensions: string[]
  rtpengine: string
  /** Where calls out of the trunk would go; unused by the benchmark but required by the config. */
  peerPort: number
}): Promise<Kamailio> {
  writeCredentials(options.dir, options.secret, options.extensions)
  const runDir = join(options.dir, 'run')
  mkdirSync(runDir)
  const [port, trunkPort, evapiPort] = [await freePort(), await freePort(), await freePort()]
  const define = (value: string): string[] => ['-A', value]
  const { child, process } = run(
    'kamailio',
    [
      ...['-f', join(REPO, 'deploy/kamailio/kamailio.cfg'), '-DD', '-E', '-Y', runDir],
      ...['-P', join(runDir, 'kamailio.pid'), '-w', options.dir, '-m', '128'],
      ...define(`KCC_LISTEN=tcp:127.0.0.1:${port}`),
      ...define(`KCC_DOMAIN="${SIP_DOMAIN}"`),
      ...define(`KCC_DB_URL="text://${join(options.dir, 'kcc')}"`),
      ...define(`KCC_TRUNK_PORT=${trunkPort}`),
      ...define('WITH_TRUNK'),
      ...define('KCC_TRUNK_IP=127.0.0.1'),
      ...define('KCC_TRUNK_CARRIER="127.0.0.1"'),
      ...define(`KCC_TRUNK_PEER="127.0.0.1:${options.peerPort}"`),
      ...define(`KCC_TRUNK_ADVERTISED="127.0.0.1:${trunkPort}"`),
      ...define(`KCC_RTPENGINE="${options.rtpengine}"`),
      ...define('KCC_RTP_FROM_TRUNK="direction=trunk direction=agents"'),
      ...define('KCC_RTP_TO_TRUNK="direction=agents direction=trunk"'),
      ...define('KCC_QUEUE'),
      ...define(`KCC_EVAPI_BIND="127.0.0.1:${evapiPort}"`),
    ],
    // In `dir`: kamailio.cfg imports kcc/autheph-secret.cfg relative to the working directory first.
    options.dir,
  )
  const deadline = Date.now() + 15_000
  while (!(await listening(port)) || !(await listening(evapiPort))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await process.stop()
      throw new Error(`kamailio did not start:\n${process.output()}`)
    }
    await sleep(100)
  }
  return { ...process, url: `ws://127.0.0.1:${port}`, trunkPort, evapiPort }
}
