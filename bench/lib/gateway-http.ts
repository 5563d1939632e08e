import { Agent, request } from 'node:http'
import { monoMs } from './gateway-child'

/**
 * One HTTP client connection as the latency measurements use it: keep-alive, one request at a time
 * over loopback, each timed from sending to the last byte of the answer (as bench/lib/latency.ts
 * does for GET). Bodies are strings built before the clock starts.
 */
export interface Answer {
  status: number
  body: string
  ms: number
}

export interface HttpConnection {
  request(
    method: 'GET' | 'POST',
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<Answer>
  close(): void
}

const REQUEST_TIMEOUT_MS = 10_000

export function connection(port: number): HttpConnection {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 })
  return {
    request: (method, path, headers, body) =>
      new Promise((resolve, reject) => {
        const started = monoMs()
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path,
            method,
            agent,
            headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8'),
                ms: monoMs() - started,
              }),
            )
            res.on('error', reject)
          },
        )
        req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`${method} ${path}: timed out`)))
        req.on('error', reject)
        req.end(body)
      }),
    close: () => agent.destroy(),
  }
}

/** Throws unless the answer has the expected status; answers the parsed JSON body. */
export function expectJson<T>(answer: Answer, status: number, what: string): T {
  if (answer.status !== status) {
    throw new Error(`${what}: HTTP ${answer.status} (expected ${status}): ${answer.body.slice(0, 300)}`)
  }
  return JSON.parse(answer.body) as T
}
