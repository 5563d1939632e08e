import { fork } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { benchScript } from './child'
import type { DelayStats, SoakChildReply, SoakChildRequest, SoakServerSpec } from './soak-protocol'

/**
 * The soaked server as a child process (bench/soak-server.ts), so the load generator never shares
 * its event loop and its memory is its own. RSS is read by us from /proc/<pid>/status (VmRSS), as an
 * operator's monitoring would; the event-loop delay is measured inside the child and asked for over
 * IPC. Its log lines at error level and above are counted, and everything it writes is passed on to
 * our stderr.
 */
export interface SoakSample {
  /** Milliseconds since the traffic started. */
  atMs: number
  rssBytes: number
  heapUsed: number
  delay: { sample: DelayStats; row: DelayStats; total: DelayStats }
}

export interface SoakChild {
  port: number
  pid: number
  /** Error (50) and fatal (60) lines the server logged so far. */
  errorLines(): number
  sample(atMs: number, request: Omit<SoakChildRequest, 'type'>): Promise<SoakSample>
  stop(): Promise<void>
}

const START_TIMEOUT_MS = 120_000
const SAMPLE_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 10_000

export async function startSoakChild(spec: SoakServerSpec): Promise<SoakChild> {
  const child = fork(benchScript('soak-server.ts'), [JSON.stringify(spec)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let errors = 0
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream! }).on('line', (line) => {
      if (/"level":(5|6)0\b/.test(line)) {
        errors += 1
      }
      process.stderr.write(`[soak-server] ${line}\n`)
    })
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const waiting: Array<(reply: Extract<SoakChildReply, { type: 'sample' }>) => void> = []
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`soak server did not start within ${START_TIMEOUT_MS / 1000} s`))
    }, START_TIMEOUT_MS)
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error('soak server exited before it listened'))
    })
    child.on('message', (reply: SoakChildReply) => {
      if (reply.type === 'listening') {
        clearTimeout(timer)
        resolve(reply.port)
      } else {
        waiting.shift()?.(reply)
      }
    })
  })
  const pid = child.pid!
  return {
    port,
    pid,
    errorLines: () => errors,
    async sample(atMs, request) {
      const reply = new Promise<Extract<SoakChildReply, { type: 'sample' }>>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('soak server did not answer a sample')),
          SAMPLE_TIMEOUT_MS,
        )
        waiting.push((r) => {
          clearTimeout(timer)
          resolve(r)
        })
      })
      child.send({ type: 'sample', ...request } satisfies SoakChildRequest)
      const rssBytes = vmRss(pid)
      const { sample, row, total, heapUsed } = await reply
      return { atMs, rssBytes, heapUsed, delay: { sample, row, total } }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) {
        return
      }
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
      child.kill('SIGTERM')
      await exited
      clearTimeout(force)
    },
  }
}

/** Resident set size of a process, from the kernel's own accounting. */
export function vmRss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))
  const kb = Number(/(\d+)\s*kB/.exec(line ?? '')?.[1])
  if (!Number.isFinite(kb)) {
    throw new Error(`no VmRSS for process ${pid}`)
  }
  return kb * 1024
}
