/**
 * The end every `npm run bench:*` script shares: run `main`, report a failure with its stack, always
 * clean up (servers, browsers, temporary directories), say how long it took, and exit 0 or 1.
 */
export async function runBench(options: {
  readonly name: string
  readonly main: () => Promise<void>
  readonly cleanup: () => Promise<void> | void
  readonly log: (message: string) => void
  /** `performance.now()` when the script started. */
  readonly started: number
}): Promise<never> {
  let exitCode = 0
  try {
    await options.main()
  } catch (error) {
    process.stderr.write(
      `\nbench:${options.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    )
    exitCode = 1
  } finally {
    await options.cleanup()
    options.log(`done in ${((performance.now() - options.started) / 1000 / 60).toFixed(1)} min`)
  }
  process.exit(exitCode)
}
