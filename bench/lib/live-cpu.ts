import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { monoMs } from './gateway-child'

/**
 * CPU time from Linux's /proc, read by the benchmark process at the start and the end of the
 * measured window, so a process's share is (CPU time in the window) ÷ (wall time of the window).
 * /proc/<pid>/stat counts every thread of the process (Node's libuv pool and V8's helpers too), in
 * clock ticks (`getconf CLK_TCK`, 10 ms on Linux): over a 30 s window that is 0.03 % of a core.
 */
const TICK_MS = ((): number => {
  try {
    const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 5_000 }).trim())
    return Number.isFinite(hz) && hz > 0 ? 1000 / hz : 10
  } catch {
    return 10
  }
})()

interface ProcStat {
  comm: string
  /** utime + stime in ms. */
  cpuMs: number
}

/** /proc/<pid>/stat; undefined when the process is gone (or not readable). */
function procStat(pid: number): ProcStat | undefined {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  // `pid (comm) state ppid …`: comm may contain spaces and parentheses, so split after the last ')'.
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  const fields = text
    .slice(close + 2)
    .trim()
    .split(' ')
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    return undefined
  }
  return { comm: text.slice(open + 1, close), cpuMs: (utime + stime) * TICK_MS }
}

/** utime + stime of one process in ms; throws when it is gone (the gateway child must be alive). */
export function processCpuMs(pid: number): number {
  const stat = procStat(pid)
  if (!stat) {
    throw new Error(`cannot read /proc/${pid}/stat: the process is gone`)
  }
  return stat.cpuMs
}

/** utime + stime of every process named `comm` (e.g. `postgres`: server, backends, walwriter …). */
export function processesCpuMs(comm: string): Map<number, number> {
  const found = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid)) {
      continue
    }
    const stat = procStat(pid)
    if (stat?.comm === comm) {
      found.set(pid, stat.cpuMs)
    }
  }
  return found
}

/** The whole machine from /proc/stat: busy and total jiffies of all CPUs, in ms. */
function machineCpuMs(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
  // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1, 9)
    .map(Number) as [number, number, number, number, number, number, number, number]
  const busy = user + nice + system + irq + softirq + steal
  return { busy: busy * TICK_MS, total: (busy + idle + iowait) * TICK_MS }
}

/** A CPU share over the window: ms of CPU, and that as % of one core (100 % = one core busy). */
export interface CpuShare {
  cpuMs: number
  /** Percent of one core. Divide by the machine's cores for the share of the machine. */
  percentOfCore: number
}

export interface CpuWindow {
  wallMs: number
  /** One entry per gateway child, by name. */
  gateways: { name: string; share: CpuShare }[]
  /** Every `postgres` process on the machine (undefined without PostgreSQL in the layout). */
  postgres: CpuShare | undefined
  /** The benchmark process itself: the agents' and the supervisor's sockets. */
  load: CpuShare
  /** All CPUs of the machine: busy ÷ (busy + idle), in percent of the whole machine. */
  machineBusyPercent: number
}

export interface CpuProbe {
  /** Takes the window's first reading. */
  start(): void
  /** Takes the last reading and answers the shares. */
  end(): CpuWindow
}

/**
 * Reads the gateways' CPU time (by pid), every `postgres` process's and the benchmark's own, and
 * the machine's. Postgres backends that end within the window take their time with them (none
 * should: the hub's pool and its LISTEN connection stay open).
 */
export function cpuProbe(
  gateways: readonly { name: string; pid: number }[],
  withPostgres: boolean,
): CpuProbe {
  let startedAt = 0
  let gatewayStart: number[] = []
  let postgresStart = new Map<number, number>()
  let loadStart = process.cpuUsage()
  let machineStart = machineCpuMs()
  return {
    start() {
      gatewayStart = gateways.map((g) => processCpuMs(g.pid))
      postgresStart = withPostgres ? processesCpuMs('postgres') : new Map()
      machineStart = machineCpuMs()
      loadStart = process.cpuUsage()
      startedAt = monoMs()
    },
    end() {
      const wallMs = monoMs() - startedAt
      const load = process.cpuUsage(loadStart)
      const machine = machineCpuMs()
      const share = (cpuMs: number): CpuShare => ({ cpuMs, percentOfCore: (100 * cpuMs) / wallMs })
      let postgres: CpuShare | undefined
      if (withPostgres) {
        let sum = 0
        for (const [pid, ms] of processesCpuMs('postgres')) {
          sum += ms - (postgresStart.get(pid) ?? 0)
        }
        postgres = share(sum)
      }
      const busy = machine.busy - machineStart.busy
      const total = machine.total - machineStart.total
      return {
        wallMs,
        gateways: gateways.map((g, i) => ({
          name: g.name,
          share: share(processCpuMs(g.pid) - gatewayStart[i]!),
        })),
        postgres,
        load: share((load.user + load.system) / 1000),
        machineBusyPercent: total > 0 ? (100 * busy) / total : Number.NaN,
      }
    },
  }
}
