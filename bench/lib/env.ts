/**
 * Reading a benchmark's knobs from the environment, shared by every `bench:*` script: integers
 * within bounds, lists from a fixed set, whether to rewrite docs/benchmarks.md, and the rule that
 * a benchmark only ever talks to a database on this machine.
 */
export function int(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name]
  if (raw === undefined || raw === '') {
    return fallback
  }
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}`)
  }
  return value
}

/** `BENCH_WRITE_DOCS`: explicit 1/true/0/false, or by default only for a run at the full spec. */
export function writeDocs(env: NodeJS.ProcessEnv, isFullSpec: boolean): boolean {
  const docs = env['BENCH_WRITE_DOCS']
  return docs === undefined || docs === '' ? isFullSpec : docs === '1' || docs === 'true'
}

/** Everything stays on this machine: the benchmark refuses a database that is not on loopback. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
    throw new Error(`BENCH_DATABASE_URL must point at 127.0.0.1 (got host ${host})`)
  }
}
