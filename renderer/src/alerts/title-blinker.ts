/**
 * Makes the tab title alternate between an alert text and the page's own title, every second, so an
 * agent working in another tab or window sees the call in the tab strip or the taskbar. `stop`
 * puts the page's title back.
 */
export interface TitleTarget {
  title: string
}

export interface Timers {
  setInterval(callback: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

export const BLINK_INTERVAL_MS = 1000

export class TitleBlinker {
  private handle: unknown
  private original = ''

  constructor(
    private readonly target: TitleTarget,
    private readonly timers: Timers,
  ) {}

  get running(): boolean {
    return this.handle !== undefined
  }

  start(alert: string): void {
    if (this.running) {
      return
    }
    this.original = this.target.title
    this.target.title = alert
    this.handle = this.timers.setInterval(() => {
      this.target.title = this.target.title === alert ? this.original : alert
    }, BLINK_INTERVAL_MS)
  }

  stop(): void {
    if (!this.running) {
      return
    }
    this.timers.clearInterval(this.handle)
    this.handle = undefined
    this.target.title = this.original
  }
}
