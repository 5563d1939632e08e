import type { SipRequest, SipResponse } from 'sip'
import {
  QUEUE_REJECT_PHRASES,
  QUEUE_REJECT_STATUS,
  QUEUED_PHRASE,
  QUEUED_STATUS,
} from '../../shared/sip/queue-responses'
import type { RejectReason, RingOutcome, WaitingCall, WaitingLine } from '../lib/call-queue'
import type { Logger } from '../lib/logger'
import type { Dialogs } from './dialogs'
import { InviteFork, type ForkBranch } from './fork'
import { makeReply, randomToken } from './messages'
import type { IncomingRequest, Stack } from './stack'
import type { Flow } from './ws-transport'

/**
 * One caller held for the gateway's queue (server/lib/call-queue.ts): the caller's INVITE server
 * transaction stays open, answered `182 Queued` (again every `provisionalMs`), while the queue has
 * one agent at a time rung through an InviteFork over that agent's registrations. An answer is
 * relayed and the call is then an ordinary proxied call; a refusal or ring timeout is kept from
 * the caller, who goes on waiting. The caller leaving (CANCEL, connection gone) ends it.
 */
export interface LineDeps {
  domain: string
  stack: Stack
  dialogs: Dialogs
  /** The INVITE copies for every registration of `extension` (Request-URI, Record-Route), or none. */
  branchesTo(extension: string): ForkBranch[]
  /** What the proxy does to every response from a branch (strip outsiders' headers). */
  filter(response: SipResponse, from: Flow): void
  provisionalMs: number
  logger: Logger
  /** The line has left the queue (answered, rejected, caller gone): forget it. */
  onDone(): void
}

interface Ring {
  fork: InviteFork
  branches: ForkBranch[]
  outcome?: RingOutcome
  /** The caller CANCELled, or the queue rejected, during this ring: the fork's final goes upstream. */
  ending?: { kind: 'caller' } | { kind: 'reject'; reason: RejectReason }
  resolve(outcome: RingOutcome): void
}

export class QueuedLine implements WaitingLine {
  private state: 'waiting' | 'ringing' | 'done' = 'waiting'
  private ringing?: Ring
  private readonly listeners: Array<() => void> = []
  private readonly toTag = randomToken()
  private readonly keepAlive: NodeJS.Timeout

  constructor(
    readonly call: WaitingCall,
    private readonly incoming: IncomingRequest,
    private readonly deps: LineDeps,
  ) {
    const queued = this.reply(QUEUED_STATUS, QUEUED_PHRASE, {
      // A Contact makes sip.js take the 182 as an early dialog and tell the application (onProgress);
      // without one it logs an error and drops the response. Nothing is ever sent to it: the
      // caller's requests in that early dialog reach us without a Route and get 404.
      contact: [{ uri: `sip:${call.group}@${deps.domain};transport=ws`, params: {} }],
    })
    incoming.respond(queued)
    this.keepAlive = setInterval(() => {
      if (this.state !== 'done') {
        incoming.respond(queued)
      }
    }, deps.provisionalMs)
    this.keepAlive.unref()
  }

  get callerFlowId(): string {
    return this.incoming.flow.id
  }

  onCallerLeft(listener: () => void): void {
    this.listeners.push(listener)
  }

  ring(extension: string, ringSeconds: number): Promise<RingOutcome> {
    if (this.state === 'done') {
      return Promise.resolve('caller_left')
    }
    if (this.state === 'ringing') {
      // The queue rings one agent at a time; a second ring is its mistake, not the agent's refusal.
      this.deps.logger.warn({ group: this.call.group }, 'sip: queue rang a line that is already ringing')
      return Promise.resolve('unreachable')
    }
    const branches = this.deps.branchesTo(extension)
    if (branches.length === 0) {
      return Promise.resolve('unreachable')
    }
    this.state = 'ringing'
    this.deps.logger.debug(
      { group: this.call.group, agent: extension, branches: branches.length },
      'sip: ringing an agent for a queued call',
    )
    return new Promise<RingOutcome>((resolve) => {
      let lastFrom: Flow | undefined
      const request = this.incoming.request
      const ring: Ring = {
        branches,
        resolve,
        fork: new InviteFork(request, {
          stack: this.deps.stack,
          ringTimeoutMs: Math.max(100, ringSeconds * 1000),
          filter: (response, from) => {
            this.deps.filter(response, from)
            lastFrom = from
          },
          respond: (response) => this.fromRing(ring, response, lastFrom),
          onFinished: () => {
            this.deps.dialogs.onInviteFinished(request, this.incoming.flow.id)
            // Every way a ring ends settles it before the fork finishes (an answer, the fork's final,
            // the caller gone); should one ever not, the queue must not wait on it forever.
            if (ring.outcome === undefined) {
              this.settle(ring, 'caller_left')
              this.finish()
            }
          },
        }),
      }
      this.ringing = ring
      ring.fork.start(branches)
    })
  }

  reject(reason: RejectReason): void {
    if (this.state === 'waiting') {
      this.incoming.respond(this.reply(QUEUE_REJECT_STATUS, QUEUE_REJECT_PHRASES[reason]))
      this.finish()
    } else if (this.state === 'ringing' && this.ringing && !this.ringing.ending) {
      this.ringing.ending = { kind: 'reject', reason }
      this.ringing.fork.cancelAll('upstream')
    }
  }

  /** The caller's CANCEL (the proxy has answered it 200). */
  callerCancelled(): void {
    if (this.state === 'waiting') {
      this.incoming.respond(this.reply(487))
      this.finish()
      this.fireCallerLeft()
    } else if (this.state === 'ringing' && this.ringing) {
      this.ringing.ending ??= { kind: 'caller' }
      this.ringing.fork.cancelAll('upstream')
    }
  }

  /** The caller's connection closed, or the server is closing: nobody is left to answer. */
  callerGone(): void {
    if (this.state === 'waiting') {
      this.finish()
      this.fireCallerLeft()
    } else if (this.state === 'ringing' && this.ringing) {
      const ring = this.ringing
      this.settle(ring, 'caller_left')
      this.finish()
      ring.fork.cancelAll('caller-gone')
    }
  }

  /**
   * A response of the agent's branches, as the fork would send it upstream. Provisional ones (the
   * fork's 100, the agent's 180/183) are swallowed: the caller stays in the queue's one early dialog
   * and goes on hearing the wait rather than a ringback that may stop and fall back to waiting, and
   * sip.js and the caller page (which only show 180/183 as "gaat over") keep no early dialog per
   * agent tried. Only the answer reaches the caller, with the agent's To tag.
   */
  private fromRing(ring: Ring, response: SipResponse, from: Flow | undefined): void {
    if (response.status < 200) {
      return
    }
    if (response.status < 300) {
      if (ring.outcome !== undefined && ring.outcome !== 'answered') {
        // Answered after we gave up on it (CANCEL crossed the 200): end the agent's leg ourselves.
        if (from) {
          this.hangUpLateAnswer(ring, response, from)
        }
        return
      }
      this.incoming.respond(response)
      if (from) {
        this.deps.dialogs.onInviteResponse(this.incoming.request, this.incoming.flow.id, response, from.id)
      }
      if (ring.outcome === undefined) {
        this.settle(ring, 'answered')
        this.finish()
      }
      return
    }
    if (ring.outcome !== undefined) {
      return
    }
    const ending = ring.ending
    if (ending?.kind === 'caller') {
      // 487 even when the ring had timed out first (the fork would say 480 No Answer then).
      this.incoming.respond(this.reply(487))
      this.settle(ring, 'caller_left')
      this.finish()
    } else if (ending?.kind === 'reject') {
      this.incoming.respond(this.reply(QUEUE_REJECT_STATUS, QUEUE_REJECT_PHRASES[ending.reason]))
      this.settle(ring, 'caller_left')
      this.finish()
    } else {
      this.settle(ring, ring.fork.cancelledFor === 'timeout' ? 'no_answer' : 'declined')
      this.state = 'waiting'
    }
  }

  private settle(ring: Ring, outcome: RingOutcome): void {
    if (ring.outcome !== undefined) {
      return
    }
    ring.outcome = outcome
    if (this.ringing === ring) {
      this.ringing = undefined
    }
    ring.resolve(outcome)
  }

  /** ACK and BYE to an agent whose 200 came too late to be relayed. */
  private hangUpLateAnswer(ring: Ring, response: SipResponse, from: Flow): void {
    const invite = ring.branches.find((b) => b.flow === from)?.request
    if (!invite) {
      return
    }
    const contact = Array.isArray(response.headers.contact) ? response.headers.contact[0] : undefined
    const inDialog = (method: string, seq: number): SipRequest => ({
      method,
      uri: typeof contact?.uri === 'string' ? contact.uri : invite.uri,
      version: '2.0',
      headers: {
        via: [],
        to: response.headers.to,
        from: invite.headers.from,
        'call-id': invite.headers['call-id'],
        cseq: { seq, method },
        'max-forwards': '70',
      },
      content: '',
    })
    const seq = invite.headers.cseq.seq
    this.deps.stack.sendAck(from, inDialog('ACK', seq))
    this.deps.stack.send(from, inDialog('BYE', seq + 1), () => undefined)
    this.deps.logger.info({ group: this.call.group }, 'sip: late answer to a queued call hung up')
  }

  /** A response of ours in the caller's transaction, with the To tag of our 182. */
  private reply(status: number, reason?: string, headers?: Record<string, unknown>): SipResponse {
    const response = makeReply(this.incoming.request, status, reason, headers)
    const to = this.incoming.request.headers.to
    response.headers.to = { ...to, params: { ...to.params, tag: this.toTag } }
    return response
  }

  private finish(): void {
    if (this.state === 'done') {
      return
    }
    this.state = 'done'
    clearInterval(this.keepAlive)
    this.deps.onDone()
  }

  private fireCallerLeft(): void {
    for (const listener of this.listeners.splice(0)) {
      try {
        listener()
      } catch (error) {
        this.deps.logger.error({ err: error }, 'sip: queue listener failed')
      }
    }
  }
}
