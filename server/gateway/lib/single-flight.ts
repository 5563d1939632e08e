/**
 * Concurrent calls for one key share one execution: the first caller runs `work`, callers that
 * arrive while it runs get the same promise. Within one process this is what makes 50 identical
 * registrations one; across processes the database's unique keys decide (idempotency.ts).
 */
export class SingleFlight<V> {
  private readonly running = new Map<string, Promise<V>>()

  run(key: string, work: () => Promise<V>): Promise<V> {
    const running = this.running.get(key)
    if (running) {
      return running
    }
    const started = work().finally(() => this.running.delete(key))
    this.running.set(key, started)
    return started
  }
}

/**
 * Runs work for one key one at a time, in arrival order (a read-modify-write of one klantcontact's
 * inhoud must not interleave with another, or one answer would overwrite the other).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>()

  run<V>(key: string, work: () => Promise<V>): Promise<V> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    const next = previous.then(work, work)
    const tail = next.catch(() => undefined)
    this.tails.set(key, tail)
    void tail.then(() => {
      if (this.tails.get(key) === tail) {
        this.tails.delete(key)
      }
    })
    return next
  }
}
