import type { SipRequest } from 'sip'

export interface Received {
  message: SipRequest
  /** The message as it came off the WebSocket. */
  raw: string
}

/** Requests a test client received, handed out in arrival order to whoever waits for them. */
export class Inbox {
  private readonly queue: Received[] = []
  private readonly waiters: Array<{ match(r: Received): boolean; resolve(r: Received): void }> = []

  constructor(private readonly owner: () => string) {}

  push(received: Received): void {
    const waiter = this.waiters.find((w) => w.match(received))
    if (waiter) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1)
      waiter.resolve(received)
    } else {
      this.queue.push(received)
    }
  }

  next(
    method: string,
    options: { timeoutMs?: number; match?: (r: SipRequest) => boolean } = {},
  ): Promise<Received> {
    const match = (r: Received): boolean =>
      r.message.method === method && (options.match?.(r.message) ?? true)
    const index = this.queue.findIndex(match)
    if (index >= 0) {
      return Promise.resolve(this.queue.splice(index, 1)[0]!)
    }
    const timeoutMs = options.timeoutMs ?? 5000
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve }
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1)
        reject(new Error(`${this.owner()}: no ${method} within ${timeoutMs} ms`))
      }, timeoutMs)
      waiter.resolve = (r) => {
        clearTimeout(timer)
        resolve(r)
      }
      this.waiters.push(waiter)
    })
  }

  /** True if no `method` arrived (or arrives within `ms`); consumes it if one did. */
  async none(method: string, ms: number): Promise<boolean> {
    try {
      await this.next(method, { timeoutMs: ms })
      return false
    } catch {
      return true
    }
  }
}
