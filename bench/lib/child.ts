import { fork, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/**
 * Servers under test run in their own Node process, so the load generator (autocannon, the latency
 * client) never shares their event loop. The child reports its port over the IPC channel and exits
 * when that channel closes, so a crashed or killed benchmark leaves no server behind.
 */
export interface ChildServer {
  name: string
  port: number
  pid: number
  stop(): Promise<void>
}

export interface ListeningMessage {
  type: 'listening'
  port: number
}

const live = new Set<ChildServer>()
const START_TIMEOUT_MS = 120_000
const STOP_TIMEOUT_MS = 10_000

export function benchScript(name: string): string {
  return fileURLToPath(new URL(`../${name}`, import.meta.url))
}

export function startChild(name: string, script: string, args: string[]): Promise<ChildServer> {
  // `--import tsx` loads the TypeScript sources as `npm run bench:provider` does for the parent.
  const child = fork(script, args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  prefixLines(child, name)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${name}: did not start listening within ${START_TIMEOUT_MS / 1000} s`))
    }, START_TIMEOUT_MS)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`${name}: exited before listening (code ${code}, signal ${signal})`))
    })
    child.on('message', (message: ListeningMessage) => {
      if (message.type !== 'listening') {
        return
      }
      clearTimeout(timer)
      const server: ChildServer = {
        name,
        port: message.port,
        pid: child.pid ?? -1,
        stop: () => {
          live.delete(server)
          return stopProcess(child)
        },
      }
      live.add(server)
      resolve(server)
    })
  })
}

/** Stops every child still running; used on success, failure and interruption alike. */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...live].map((server) => server.stop()))
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve()
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** The children log at warn level; whatever they say goes to our stderr, tagged with their name. */
function prefixLines(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) {
      createInterface({ input: stream }).on('line', (line) => process.stderr.write(`[${name}] ${line}\n`))
    }
  }
}
