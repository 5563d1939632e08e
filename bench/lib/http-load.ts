import autocannon, { type Options, type Result } from 'autocannon'

/**
 * Request rate under load: autocannon with N keep-alive connections, each sending the next request
 * as soon as the previous answer arrived, for a fixed duration. Only 2xx answers count; any other
 * status, connection error or timeout aborts the benchmark, because a rate that includes failures
 * is no rate at all.
 */
export interface LoadRun {
  /** 2xx responses per second. */
  rate: number
  completed: number
  seconds: number
  latencyP50: number
  latencyP99: number
}

export interface LoadTarget {
  name: string
  url: string
  headers: Record<string, string>
  body: string
}

function runAutocannon(options: Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)))
  })
}

export async function postRate(target: LoadTarget, connections: number, seconds: number): Promise<LoadRun> {
  const result = await runAutocannon({
    url: target.url,
    method: 'POST',
    headers: target.headers,
    body: target.body,
    connections,
    duration: seconds,
    // A request unanswered for 10 s is a hung server, not a slow one.
    timeout: 10,
  })
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${target.name}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts ` +
        `(status counts ${JSON.stringify(result.statusCodeStats)}); the rate would be meaningless`,
    )
  }
  if (result['2xx'] === 0) {
    throw new Error(`${target.name}: no successful responses in ${seconds} s`)
  }
  return {
    rate: result['2xx'] / result.duration,
    completed: result['2xx'],
    seconds: result.duration,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
  }
}
