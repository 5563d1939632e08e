/**
 * What bench/gateway.ts tells its gateway child (bench/gateway-server.ts) to build, and the few
 * routes the child adds for the benchmark. Those live outside `/api` (so neither the session
 * guard nor the audit log sees them) and on loopback only, like everything else the child serves.
 */
export interface GatewayDatabase {
  url: string
  schema: string
}

/** The gateway in front of a provider, for the register-contact latency. */
export interface RegisterGatewaySpec {
  kind: 'register'
  dataDir: string
  /** PostgreSQL for the gateway's own database; SQLite `gateway.sqlite` in `dataDir` without it. */
  database?: GatewayDatabase
  /** e.g. http://127.0.0.1:41234/klantinteracties/api/v1 */
  providerBaseUrl: string
  providerToken: string
}

/** The gateway with the live socket, for the fan-out. */
export interface LiveGatewaySpec {
  kind: 'live'
  dataDir: string
  /** `memory`: one instance (SQLite for the gateway's own database); `postgres`: the shared hub. */
  hub: 'memory' | 'postgres'
  /** Required for the PostgreSQL hub: the gateway's database and the hub's tables share the schema. */
  database?: GatewayDatabase
  /** Supervisor accounts added to the demo configuration, each with one session. */
  supervisors: number
  /** Agent accounts (afdeling kcc) added to the demo configuration, each with one session (default 0). */
  agents?: number
}

export type GatewaySpec = RegisterGatewaySpec | LiveGatewaySpec

/**
 * GET: `{ tokens: string[], agentTokens: string[] }`, one session token per added supervisor
 * (`supervisorLogin(i)`) and per added agent (`agentLogin(i)`), in that order.
 */
export const BENCH_SESSIONS_PATH = '/__bench/sessions'
/** POST: adds the hub subscriber that runs after every socket's (call once all clients are in). */
export const BENCH_ARM_PATH = '/__bench/arm'
/** GET: `{ stamps: HubStamp[] }` recorded since the last call (and forgets them). */
export const BENCH_STAMPS_PATH = '/__bench/stamps'

/**
 * When the gateway's hub handed event `seq` to its first subscriber (the benchmark's, before any
 * socket's) and when the last subscriber (the benchmark's, after every socket's) got it, in
 * milliseconds of CLOCK_MONOTONIC (`monoMs`), which every process on the machine shares.
 */
export type HubStamp = [seq: number, first: number, last: number]

/** CLOCK_MONOTONIC in ms (libuv's hrtime): comparable between the benchmark and its children. */
export function monoMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}

export const supervisorLogin = (i: number): string => `bench-supervisor-${String(i + 1).padStart(4, '0')}`
export const agentLogin = (i: number): string => `bench-agent-${String(i + 1).padStart(4, '0')}`

/** The demo configuration (config/kcc.demo.json) and its demo password for a login. */
export const DEMO_CONFIG_URL = new URL('../../config/kcc.demo.json', import.meta.url)
export const demoPassword = (login: string): string => `welkom-${login}`
