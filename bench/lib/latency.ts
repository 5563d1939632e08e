import { Agent, request } from 'node:http'
import { percentile } from './stats'

/**
 * Per-request latency as a client sees it: one keep-alive connection over loopback, requests one
 * after another, each timed from sending the request to the last byte of the answer. The answer is
 * checked only after the clock stopped, so checking costs nothing in the figure.
 */
export interface LatencyRun {
  p50: number
  p99: number
  max: number
  samples: number
}

export interface LatencyTarget {
  name: string
  port: number
  headers: Record<string, string>
  /** Throws when an answer is not what the request should have returned. */
  verify(status: number, body: string, path: string): void
}

const REQUEST_TIMEOUT_MS = 5_000

export async function sequentialLatency(
  target: LatencyTarget,
  paths: readonly string[],
  warmup: number,
): Promise<LatencyRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  try {
    // Warm-up requests (JIT, connection, caches) use the tail of the path list and are not counted.
    for (let i = 0; i < warmup; i++) {
      const path = paths[paths.length - 1 - (i % paths.length)]!
      const answer = await timedGet(agent, target, path)
      target.verify(answer.status, answer.body, path)
    }
    const timings: number[] = []
    for (const path of paths) {
      const answer = await timedGet(agent, target, path)
      target.verify(answer.status, answer.body, path)
      timings.push(answer.ms)
    }
    return {
      p50: percentile(timings, 50),
      p99: percentile(timings, 99),
      max: Math.max(...timings),
      samples: timings.length,
    }
  } finally {
    agent.destroy()
  }
}

interface Answer {
  status: number
  body: string
  ms: number
}

function timedGet(agent: Agent, target: LatencyTarget, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const req = request(
      { host: '127.0.0.1', port: target.port, path, method: 'GET', agent, headers: target.headers },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const ms = Number(process.hrtime.bigint() - started) / 1e6
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms })
        })
        res.on('error', reject)
      },
    )
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${target.name}: GET ${path} timed out`)))
    req.on('error', reject)
    req.end()
  })
}
