import type { RejectReason, RingOutcome, WaitingCall, WaitingLine } from '../../../lib/call-queue'
import type { Logger } from '../../../lib/logger'
import { EXTENSION_PATTERN, type GatewayAction } from './messages'

/** queue.cfg accepts ring times of 1 to 300 seconds. */
export const MAX_RING_SECONDS = 300

/**
 * One caller Kamailio holds for a group address, as the queue sees it. The adapter feeds it
 * Kamailio's events; it turns the queue's calls into evapi actions.
 */
export class KamailioLine implements WaitingLine {
  private pendingRing: ((outcome: RingOutcome) => void) | undefined
  private readonly leftListeners: Array<() => void> = []
  private over = false
  /** An agent rings for this call on another gateway's word (seen on a requeue). */
  ringingElsewhere = false

  constructor(
    readonly call: WaitingCall,
    private readonly send: (action: GatewayAction) => boolean,
    private readonly logger: Logger,
  ) {}

  get ended(): boolean {
    return this.over
  }

  get ringing(): boolean {
    return this.pendingRing !== undefined
  }

  ring(extension: string, ringSeconds: number): Promise<RingOutcome> {
    if (this.over) {
      return Promise.resolve('caller_left')
    }
    if (this.pendingRing) {
      this.logger.error('ring while the line already rings an agent; refused')
      return Promise.resolve('unreachable')
    }
    if (!EXTENSION_PATTERN.test(extension)) {
      this.logger.error('ring for an extension that is not a SIP user; refused')
      return Promise.resolve('unreachable')
    }
    const ring = Math.min(MAX_RING_SECONDS, Math.max(1, Math.round(ringSeconds)))
    return new Promise((resolve) => {
      this.pendingRing = resolve
      // Unsent (no connection): the requeue after reconnecting says the call is not ringing, and
      // that ends this ring as no_answer.
      this.send({ action: 'deliver', callid: this.call.sipCallId, agent: extension, ring })
    })
  }

  reject(reason: RejectReason): void {
    if (this.over) {
      return
    }
    this.send({ action: 'reject', callid: this.call.sipCallId, reason })
    this.over = true
    this.settleRing('caller_left')
  }

  onCallerLeft(listener: () => void): void {
    this.leftListeners.push(listener)
  }

  /** How the current ring ended (no-op when none is pending). */
  settleRing(outcome: RingOutcome): boolean {
    const resolve = this.pendingRing
    this.pendingRing = undefined
    resolve?.(outcome)
    return resolve !== undefined
  }

  /** Kamailio no longer holds the call for us: answered, hung up, timed out or lost. */
  end(outcome: 'answered' | 'caller_left'): void {
    if (this.over) {
      return
    }
    this.over = true
    if (this.settleRing(outcome)) {
      return
    }
    for (const listener of this.leftListeners.splice(0)) {
      listener()
    }
  }
}
