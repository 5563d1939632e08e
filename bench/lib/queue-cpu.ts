import { readdirSync, readFileSync } from 'node:fs'

/**
 * CPU time of each process under the queue benchmark, from /proc/<pid>/stat (utime + stime, in
 * clock ticks), sampled every second so a process that exits (SIPp) still counts up to its last
 * sample. A process group is a pid with its children (Kamailio's workers).
 */
const TICKS_PER_SECOND = 100

function ticks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[11]) + Number(fields[12])
  } catch {
    return undefined
  }
}

function childrenOf(pid: number): number[] {
  const found: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue
    }
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid) {
        found.push(Number(entry))
      }
    } catch {
      // gone meanwhile
    }
  }
  return found
}

export interface CpuMeter {
  /** Seconds of CPU per group since `start`. */
  seconds(): Record<string, number>
  stop(): void
}

/** `groups`: name → the pid whose process (and its children, with `withChildren`) counts. */
export function meterCpu(
  groups: Record<string, { pid: () => number | undefined; withChildren?: boolean }>,
): CpuMeter {
  const baseline = new Map<number, number>()
  const last = new Map<number, number>()
  const members = new Map<string, Set<number>>()
  const sample = (first: boolean): void => {
    for (const [name, group] of Object.entries(groups)) {
      const pid = group.pid()
      if (pid === undefined || pid < 0) {
        continue
      }
      const set = members.get(name) ?? new Set<number>()
      members.set(name, set)
      for (const member of [pid, ...(group.withChildren ? childrenOf(pid) : [])]) {
        const value = ticks(member)
        if (value === undefined) {
          continue
        }
        if (!set.has(member)) {
          set.add(member)
          baseline.set(member, first ? value : 0)
        }
        last.set(member, value)
      }
    }
  }
  sample(true)
  const timer = setInterval(() => sample(false), 1000)
  return {
    seconds: () => {
      sample(false)
      return Object.fromEntries(
        [...members].map(([name, set]) => [
          name,
          [...set].reduce((sum, pid) => sum + (last.get(pid)! - baseline.get(pid)!), 0) / TICKS_PER_SECOND,
        ]),
      )
    },
    stop: () => clearInterval(timer),
  }
}
