import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/**
 * `npm run server` (server/main.ts) as a real child process, configured by environment only, as an
 * operator runs it: for tests that kill it, restart it, or move it with KCC_PORT.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const START_TIMEOUT_MS = 45_000

export interface ServerProcess {
  /** e.g. http://127.0.0.1:41234, as the server printed it. */
  url: string
  /** The server's SIP line as printed, e.g. `SIP over WebSocket: ws://…/sip (domain kcc.test)`. */
  sipLine: string
  pid: number
  /** Resolves when the process has exited, however. */
  exited: Promise<void>
  /** SIGKILL: no shutdown handler runs, nothing is flushed. */
  kill(): Promise<void>
  /** SIGTERM, the server's own orderly shutdown (SIGKILL after 10 s). */
  stop(): Promise<void>
  /** What it wrote to stderr, and its log lines at warn and above, for a failing test's message. */
  output: string[]
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...inherited(), LOG_LEVEL: 'warn', KCC_WEB_ROOT: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line))
  const lines = createInterface({ input: child.stdout! })
  const ready = new Promise<{ url: string; sipLine: string }>((resolve, reject) => {
    let url: string | undefined
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start within ${START_TIMEOUT_MS / 1000} s:\n${output.join('\n')}`))
    }, START_TIMEOUT_MS)
    lines.on('line', (line) => {
      output.push(line)
      const started = /^KCC server: (\S+)\/ /.exec(line)
      if (started) {
        url = started[1]
      } else if (url && line.startsWith('SIP')) {
        clearTimeout(timer)
        resolve({ url, sipLine: line })
      }
    })
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`server exited before it was ready:\n${output.join('\n')}`))
    })
  })
  const { url, sipLine } = await ready
  return {
    url,
    sipLine,
    pid: child.pid!,
    exited,
    output,
    kill: () => signal(child, exited, 'SIGKILL'),
    async stop() {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await signal(child, exited, 'SIGTERM')
      clearTimeout(timer)
    },
  }
}

/** Our environment without the server's own settings: only what the test passes configures it. */
function inherited(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(KCC_|KLANTINTERACTIES_)/.test(name)),
  )
}

function signal(child: ChildProcess, exited: Promise<void>, name: NodeJS.Signals): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill(name)
  }
  return exited
}

/** A loopback port free right now (the kernel's pick, released again). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
