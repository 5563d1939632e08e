import type { SipRequest, SipResponse } from 'sip'
import { makeReply } from './messages'
import type { Stack } from './stack'
import type { Flow } from './ws-transport'

/**
 * One proxied INVITE (RFC 3261 §16.7): its branches are sent in parallel; provisional responses go
 * upstream, every 2xx goes upstream and the first one CANCELs the branches still ringing; when no
 * branch answers, the best final response goes upstream once all branches have finished. A branch
 * is only CANCELled after it has sent a provisional response (RFC 3261 §9.1), and never left
 * ringing forever: the ring timeout (timer C) cancels, and a hard deadline ends transactions that
 * never finish.
 */
export interface ForkBranch {
  flow: Flow
  request: SipRequest
}

interface BranchState extends ForkBranch {
  state: 'calling' | 'proceeding' | 'done'
  cancelWanted: boolean
  cancelSent: boolean
  transaction?: { shutdown(): void }
}

export interface ForkOptions {
  stack: Stack
  respond(response: SipResponse): void
  /** Called on every response from a branch, after our Via is removed, before it goes upstream. */
  filter(response: SipResponse, from: Flow): void
  ringTimeoutMs: number
  onFinished(): void
}

const CANCEL_GRACE_MS = 4000
const HARD_DEADLINE_EXTRA_MS = 35_000

export class InviteFork {
  private readonly branches: BranchState[] = []
  private readonly failures: SipResponse[] = []
  private answered = false
  private finalSent = false
  private finished = false
  private cancelReason: 'none' | 'upstream' | 'timeout' | 'caller-gone' = 'none'
  private readonly timers: NodeJS.Timeout[] = []

  constructor(
    private readonly upstream: SipRequest,
    private readonly options: ForkOptions,
  ) {}

  start(branches: ForkBranch[]): void {
    this.options.respond(makeReply(this.upstream, 100))
    this.timer(() => this.cancelAll('timeout'), this.options.ringTimeoutMs)
    this.timer(() => this.abandon(), this.options.ringTimeoutMs + HARD_DEADLINE_EXTRA_MS)
    for (const branch of branches) {
      const state: BranchState = { ...branch, state: 'calling', cancelWanted: false, cancelSent: false }
      this.branches.push(state)
      state.transaction = this.options.stack.send(branch.flow, branch.request, (response) =>
        this.onResponse(state, response),
      )
    }
  }

  /** Why the branches were cancelled, if they were (a queued call's ring maps it to an outcome). */
  get cancelledFor(): 'none' | 'upstream' | 'timeout' | 'caller-gone' {
    return this.cancelReason
  }

  /** CANCEL from the caller, the caller's connection gone, or the ring timeout. */
  cancelAll(reason: 'upstream' | 'timeout' | 'caller-gone'): void {
    if (this.answered || this.finished) {
      return
    }
    if (this.cancelReason === 'none') {
      this.cancelReason = reason
    }
    if (reason === 'caller-gone') {
      this.finalSent = true // nobody left to tell
    }
    for (const branch of this.branches) {
      this.cancelBranch(branch)
    }
    // A branch that ignores the CANCEL must not keep the caller waiting.
    this.timer(() => this.sendFinal(), CANCEL_GRACE_MS)
  }

  private onResponse(branch: BranchState, response: SipResponse): void {
    response.headers.via.shift() // ours
    this.options.filter(response, branch.flow)
    const status = response.status
    if (status < 200) {
      if (branch.state === 'calling') {
        branch.state = 'proceeding'
      }
      if (branch.cancelWanted) {
        this.cancelBranch(branch)
      }
      if (status > 100 && !this.answered && !this.finalSent) {
        this.options.respond(response)
      }
      return
    }
    const firstFinal = branch.state !== 'done'
    branch.state = 'done'
    if (status < 300) {
      // Every 2xx goes upstream, also a late one from a second branch (the caller ACKs and BYEs it).
      this.options.respond(response)
      if (!this.answered) {
        this.answered = true
        for (const other of this.branches) {
          this.cancelBranch(other)
        }
      }
    } else if (firstFinal) {
      this.failures.push(response)
      if (status >= 600) {
        for (const other of this.branches) {
          this.cancelBranch(other)
        }
      }
    }
    if (this.branches.every((b) => b.state === 'done')) {
      if (!this.answered) {
        this.sendFinal()
      }
      this.finish()
    }
  }

  private cancelBranch(branch: BranchState): void {
    if (branch.state === 'done' || branch.cancelSent) {
      return
    }
    if (branch.state === 'calling') {
      branch.cancelWanted = true // sent on its first provisional response
      return
    }
    branch.cancelSent = true
    const invite = branch.request
    const cancel: SipRequest = {
      method: 'CANCEL',
      uri: invite.uri,
      version: '2.0',
      headers: {
        via: [invite.headers.via[0]!],
        to: invite.headers.to,
        from: invite.headers.from,
        'call-id': invite.headers['call-id'],
        cseq: { seq: invite.headers.cseq.seq, method: 'CANCEL' },
        'max-forwards': '70',
        // RFC 3326 §2: why; a phone then knows not to show a missed call (RFC 3261 §16.7 step 10
        // cancels the other branches on a 2xx).
        ...(this.answered ? { reason: 'SIP;cause=200;text="Call completed elsewhere"' } : {}),
      },
      content: '',
    }
    this.options.stack.send(branch.flow, cancel, () => undefined, { keepVia: true })
  }

  private sendFinal(): void {
    if (this.finalSent || this.answered) {
      return
    }
    this.finalSent = true
    this.options.respond(this.bestFailure())
  }

  /** RFC 3261 §16.7 step 6: a 6xx if any, else the lowest class; 503 becomes 500; our own reasons win. */
  private bestFailure(): SipResponse {
    if (this.cancelReason === 'upstream') {
      return makeReply(this.upstream, 487)
    }
    if (this.cancelReason === 'timeout') {
      return makeReply(this.upstream, 480, 'No Answer')
    }
    const global = this.failures.find((r) => r.status >= 600)
    const best =
      global ??
      [...this.failures].sort(
        (a, b) => Math.floor(a.status / 100) - Math.floor(b.status / 100) || a.status - b.status,
      )[0]
    if (!best) {
      return makeReply(this.upstream, 480)
    }
    if (best.status === 503 || best.status === 430) {
      return makeReply(this.upstream, best.status === 430 ? 480 : 500)
    }
    return best
  }

  /** The hard deadline: stop waiting for branches that never finished. */
  private abandon(): void {
    this.sendFinal()
    for (const branch of this.branches) {
      if (branch.state !== 'done') {
        branch.state = 'done'
        branch.transaction?.shutdown()
      }
    }
    this.finish()
  }

  private timer(fn: () => void, ms: number): void {
    const t = setTimeout(fn, ms)
    t.unref()
    this.timers.push(t)
  }

  private finish(): void {
    if (this.finished) {
      return
    }
    this.finished = true
    for (const t of this.timers) {
      clearTimeout(t)
    }
    this.options.onFinished()
  }
}
