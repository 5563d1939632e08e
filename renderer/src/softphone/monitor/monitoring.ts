import type { Invitation } from 'sip.js'
import type { MonitorMode } from '../../../../shared/live/protocol'
import { MonitorAnswer, type MonitorAnswerHost } from './monitor-answer'
import { MonitorFeed, type MonitorFeedHost, type MonitorRequest } from './monitor-feed'

export type { MonitorRequest } from './monitor-feed'

/**
 * Monitoring as the softphone offers it (docs/supervisor.md), both ends in one phone: an agent's
 * phone feeds a monitor call to the supervisor, a supervisor's phone answers the calls it asked
 * for. The snapshot's `monitor` shows either.
 */
export class Monitoring {
  private readonly feed: MonitorFeed
  private readonly answerer: MonitorAnswer

  constructor(host: MonitorFeedHost & MonitorAnswerHost) {
    this.feed = new MonitorFeed(host)
    this.answerer = new MonitorAnswer(host)
  }

  /**
   * Monitored agent: calls the supervisor with both legs of the customer's call mixed. Rejects
   * (RangeError for a malformed id or extension) without an established customer call.
   */
  feedSupervisor(request: MonitorRequest): Promise<void> {
    return this.feed.start(request)
  }

  /** Monitored agent: hangs up the monitor call of session `id`. */
  endFeed(id: string): Promise<void> {
    return this.feed.end(id)
  }

  /** Supervisor: answer the monitor call of session `id` (the gateway's answer to the POST). */
  expect(id: string, mode: MonitorMode): void {
    this.answerer.expect(id, mode)
  }

  /** Supervisor: hang up the monitor call of session `id`. */
  stop(id: string): Promise<void> {
    return this.answerer.stop(id)
  }

  /** Whether the INVITE is a monitor call (then it is answered or refused here). */
  onInvite(invitation: Invitation): boolean {
    return this.answerer.onInvite(invitation)
  }

  customerEnded(): void {
    this.feed.customerEnded()
  }
}
