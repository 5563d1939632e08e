import type { Logger } from '../../lib/logger'

/**
 * Runs the queue's tasks one at a time in the order they came (a ring's outcome, a timer, an agent
 * becoming Beschikbaar, a caller entering), so the queue's view of calls and reserved agents never
 * races with itself across its awaits. A failed task is logged and the next one runs.
 */
export class TaskChain {
  private chain: Promise<void> = Promise.resolve()
  private tasks = 0
  private stopped = false

  constructor(private readonly log: Logger) {}

  run(task: () => Promise<void>): void {
    if (this.stopped) {
      return
    }
    this.tasks++
    this.chain = this.chain
      .then(() => task())
      .catch((err: unknown) => this.log.error({ err }, 'queue task failed'))
      .finally(() => {
        this.tasks--
      })
  }

  /** Resolves once no task runs or waits. */
  async idle(): Promise<void> {
    while (this.tasks > 0) {
      await this.chain
    }
  }

  /**
   * Later tasks are dropped; resolves when those already queued are done (a caller the SIP server
   * let go just before is still recorded as gone).
   */
  stop(): Promise<void> {
    this.stopped = true
    return this.idle()
  }
}
