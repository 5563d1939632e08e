import type { SipRequest, SipResponse } from 'sip'
import type { CallQueue } from '../lib/call-queue'
import type { Logger } from '../lib/logger'
import type { Caller } from './access'
import type { Dialogs } from './dialogs'
import type { ForkBranch } from './fork'
import { makeReply, parseUri, uriOf } from './messages'
import type { IncomingRequest, Stack } from './stack'
import { QueuedLine } from './waiting-line'
import type { Flow } from './ws-transport'
import type { AgentSet } from './types'

/**
 * The callers the embedded server holds for the gateway's queue (server/lib/call-queue.ts). An
 * initial INVITE to a group address the queue serves becomes a QueuedLine (waiting-line.ts)
 * instead of a fork to every member; this keeps them by the INVITE's transaction (Call-ID and Via
 * branch, as a CANCEL names it) and ends them when the caller's connection goes.
 *
 * One waiting call per connection: the caller page and a softphone have at most one call waiting
 * for an afdeling at a time, and an outsider flooding the queue then needs a connection per call,
 * which the limits on unauthenticated connections cap (20 per address, 500 in all).
 */
export interface QueuedCalls {
  /** The group user if `request` is an initial INVITE for the queue, else undefined. */
  groupOf(request: SipRequest): string | undefined
  /** Holds the caller for the queue (182 Queued) or refuses it. */
  admit(incoming: IncomingRequest, group: string, caller: Caller): void
  /** A CANCEL: true when it was for a queued call of this connection (answered 200 then). */
  cancel(incoming: IncomingRequest): boolean
  dropFlow(flowId: string): void
  size(): number
  /** The server is closing: every line's caller counts as gone. */
  close(): void
}

export interface QueuedCallsOptions {
  queue: CallQueue
  domain: string
  agents: AgentSet
  stack: Stack
  dialogs: Dialogs
  /** The INVITE as it goes to each registration of `extension` from `callerFlow`. */
  branchesTo(request: SipRequest, callerFlow: Flow, extension: string): ForkBranch[]
  filter(response: SipResponse, from: Flow): void
  provisionalMs: number
  logger: Logger
}

export function createQueuedCalls(options: QueuedCallsOptions): QueuedCalls {
  const { queue, domain, agents, logger } = options
  const lines = new Map<string, QueuedLine>()
  const keyOf = (request: SipRequest): string =>
    `${request.headers['call-id']}|${String(request.headers.via[0]?.params['branch'])}`

  return {
    groupOf(request) {
      if (request.method !== 'INVITE') {
        return undefined
      }
      const uri = parseUri(request.uri)
      if (!uri?.user || uri.host.toLowerCase() !== domain) {
        return undefined
      }
      try {
        return queue.serves(uri.user) ? uri.user : undefined
      } catch (error) {
        logger.error({ err: error }, 'sip: queue.serves failed; the group call rings as usual')
        return undefined
      }
    },

    admit(incoming, group, caller) {
      const { request, flow } = incoming
      const key = keyOf(request)
      if (lines.has(key)) {
        return // a retransmission the transaction layer did not catch: it has its 182 already
      }
      if ([...lines.values()].some((line) => line.callerFlowId === flow.id)) {
        incoming.respond(makeReply(request, 403, 'Already Waiting In A Queue'))
        return
      }
      const line = new QueuedLine(
        {
          sipCallId: request.headers['call-id'],
          group,
          callerNumber: uriOf(request.headers.from)?.user ?? '',
          enteredAt: Date.now(),
        },
        incoming,
        {
          domain,
          stack: options.stack,
          dialogs: options.dialogs,
          branchesTo: (extension) =>
            agents.has(extension) && !(caller.kind === 'agent' && caller.user === extension)
              ? options.branchesTo(request, flow, extension)
              : [],
          filter: options.filter,
          provisionalMs: options.provisionalMs,
          logger,
          onDone: () => lines.delete(key),
        },
      )
      lines.set(key, line)
      logger.info({ connection: flow.id, group, caller: caller.kind }, 'sip: call queued')
      try {
        queue.enter(line)
      } catch (error) {
        logger.error({ err: error, group }, 'sip: queue.enter failed')
        line.reject('no_agent')
      }
    },

    cancel(incoming) {
      const line = lines.get(keyOf(incoming.request))
      if (!line || line.callerFlowId !== incoming.flow.id) {
        return false
      }
      incoming.respond(makeReply(incoming.request, 200))
      line.callerCancelled()
      return true
    },

    dropFlow(flowId) {
      for (const line of [...lines.values()]) {
        if (line.callerFlowId === flowId) {
          line.callerGone()
        }
      }
    },

    size: () => lines.size,

    close() {
      for (const line of [...lines.values()]) {
        line.callerGone()
      }
    },
  }
}
