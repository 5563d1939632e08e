/**
 * The part of autocannon 9's programmatic API the benchmarks use (the package ships no types).
 * Field names follow its README ("Results" and the hdr-histogram-percentiles-obj shape).
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  export interface Histogram {
    min: number
    max: number
    average: number
    stddev: number
    p50: number
    p90: number
    p99: number
  }

  export interface Options {
    url: string
    connections?: number
    duration?: number
    method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
    headers?: Record<string, string>
    body?: string
    /** Seconds before a request counts as a timeout. */
    timeout?: number
    pipelining?: number
  }

  export interface Result {
    /** Seconds the run actually took. */
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
    statusCodeStats: Record<string, { count: number }>
    latency: Histogram
    requests: Histogram
  }

  export interface Instance extends EventEmitter {
    stop(): void
  }

  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance
  export default autocannon
}
