import sip, { type SipRequest, type SipResponse } from 'sip'
import type { CallQueue } from '../lib/call-queue'
import type { Logger } from '../lib/logger'
import { GUEST_STRIPPED_HEADERS, type Access } from './access'
import { createDialogs } from './dialogs'
import type { FlowTokens } from './flow-token'
import { InviteFork } from './fork'
import type { Groups } from './groups'
import { assertIdentity } from './identity'
import { admitInDialog, type InDialogContext } from './in-dialog'
import { hasToTag, makeReply, parseUri, reasonPhrase, removeHeaders } from './messages'
import { branchCopies, popOwnRoutes } from './routes'
import { createQueuedCalls, type QueuedCalls } from './queued-calls'
import { createReferrals, referToInjects, vouchForReferral } from './referrals'
import type { Registrar } from './registrar'
import type { IncomingRequest, Stack } from './stack'
import { createTargets } from './targets'
import type { Flow } from './ws-transport'
import type { AgentSet } from './types'

/**
 * Routing (stateful proxy, RFC 3261 §16). Initial requests are authenticated (access.ts) and go to
 * a registered Contact, to every binding of an agent, or to every available member of a group.
 * Dialog-forming requests get two Record-Routes: the first names the callee's connection, the second
 * the caller's (flow tokens). In-dialog requests carry them back as Route; we pop our own and send
 * the request out on the connection named by the last one we popped, with no dialog state and no
 * Contact rewriting. Nothing is ever sent anywhere but to a connected client.
 */
export interface Proxy {
  onRequest(incoming: IncomingRequest): void
  onAck(ack: SipRequest, flow: Flow): void
  onFlowClosed(flow: Flow): void
  callCount(): number
  dialogCount(): number
  /** Callers held for the queue. */
  waitingCount(): number
  /** The server closes: queued callers count as gone. */
  close(): void
}

export interface ProxyOptions {
  domain: string
  agents: AgentSet
  stack: Stack
  registrar: Registrar
  groups: Groups
  access: Access
  tokens: FlowTokens
  flows: ReadonlyMap<string, Flow>
  ringTimeoutMs: number
  /** The gateway's queue, for group addresses it serves (queued-calls.ts). */
  queue?: CallQueue
  /** How often a queued caller gets another 182. */
  queuedProvisionalMs: number
  logger: Logger
}

const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, REFER, NOTIFY, SUBSCRIBE, INFO, UPDATE, MESSAGE, PRACK'

export function createProxy(options: ProxyOptions): Proxy {
  const { domain, stack, registrar, access, tokens, flows, logger } = options
  const targetsOf = createTargets(options)
  const dialogs = createDialogs()
  const referrals = createReferrals(domain)
  const inDialog: InDialogContext = { domain, dialogs, referrals, logger }
  const forks = new Map<string, { fork: InviteFork; callerFlowId: string }>()
  const forkKey = (request: SipRequest): string =>
    `${request.headers['call-id']}|${String(request.headers.via[0]?.params['branch'])}`

  /** Responses and in-dialog requests from a connection that never authenticated: an outsider. */
  const stripIfOutsider = (message: SipRequest | SipResponse, from: Flow): void => {
    if (from.authenticated.size === 0) {
      removeHeaders(message, GUEST_STRIPPED_HEADERS)
    }
  }

  const forwardInvite = (
    incoming: IncomingRequest,
    branches: Array<{ flow: Flow; request: SipRequest }>,
    initialInvite: boolean,
  ): void => {
    const key = forkKey(incoming.request)
    const callerFlowId = incoming.flow.id
    const fork = new InviteFork(incoming.request, {
      stack,
      respond: incoming.respond,
      filter: (response, from) => {
        stripIfOutsider(response, from)
        if (initialInvite) {
          dialogs.onInviteResponse(incoming.request, callerFlowId, response, from.id)
        }
      },
      ringTimeoutMs: options.ringTimeoutMs,
      onFinished: () => {
        forks.delete(key)
        if (initialInvite) {
          dialogs.onInviteFinished(incoming.request, callerFlowId)
        }
      },
    })
    forks.set(key, { fork, callerFlowId })
    fork.start(branches)
  }

  const routing = { tokens, domain, flows }

  const queued: QueuedCalls | undefined = options.queue
    ? createQueuedCalls({
        queue: options.queue,
        domain,
        agents: options.agents,
        stack,
        dialogs,
        branchesTo: (request, callerFlow, extension) =>
          branchCopies(routing, request, callerFlow, registrar.bindings(extension), false),
        filter: stripIfOutsider,
        provisionalMs: options.queuedProvisionalMs,
        logger,
      })
    : undefined

  const forwardOther = (incoming: IncomingRequest, target: Flow, request: SipRequest): void => {
    stack.send(target, request, (response) => {
      response.headers.via.shift()
      stripIfOutsider(response, target)
      response.reason ||= reasonPhrase(response.status)
      incoming.respond(response)
    })
  }

  const initial = (incoming: IncomingRequest): void => {
    const { request, flow, respond } = incoming
    const reply = (status: number, reason?: string, headers?: Record<string, unknown>): void =>
      respond(makeReply(request, status, reason, headers))

    const target = parseUri(request.uri)
    if (request.method === 'OPTIONS' && target && !target.user && target.host.toLowerCase() === domain) {
      reply(200, 'OK', { allow: ALLOW })
      return
    }
    const verdict = access.check(request, flow)
    if (!verdict.allowed) {
      reply(verdict.status, verdict.reason, verdict.headers)
      if (verdict.closeFlow) {
        setImmediate(() => flow.close(1008, 'too many failed authentications'))
      }
      return
    }
    const { caller } = verdict
    // Credentials are for us; never pass them on.
    delete request.headers.authorization
    delete request.headers['proxy-authorization']
    if (caller.kind === 'guest') {
      const removed = removeHeaders(request, GUEST_STRIPPED_HEADERS)
      if (removed > 0) {
        logger.warn(
          { connection: flow.id, guest: caller.user, removed },
          'sip: stripped headers from a guest',
        )
      }
    }
    assertIdentity(request, caller.kind === 'agent' ? caller.user : undefined, domain)
    if (caller.kind === 'guest' && request.method === 'INVITE') {
      const referral = referrals.take(flow.id, request)
      if (referral) {
        vouchForReferral(request, referral, domain)
        logger.info({ connection: flow.id }, 'sip: guest follows a blind transfer')
      }
    }

    if (request.method === 'REGISTER') {
      if (!target || target.host.toLowerCase() !== domain) {
        reply(404, 'Not Our Domain')
        return
      }
      const result = registrar.register(request, caller.user, flow.id)
      if (result.status === 200) {
        logger.debug(
          { user: caller.user, connection: flow.id, contacts: result.contacts.length },
          'sip: registered',
        )
        reply(200, 'OK', result.contacts.length > 0 ? { contact: result.contacts } : {})
      } else {
        reply(result.status, result.reason, result.headers)
      }
      return
    }

    const group = queued?.groupOf(request)
    if (queued && group !== undefined) {
      queued.admit(incoming, group, caller)
      return
    }
    const targets = targetsOf(request, caller)
    if ('status' in targets) {
      reply(targets.status, targets.reason)
      return
    }
    const branches = branchCopies(routing, request, flow, targets.bindings, targets.keepUri)
    if (branches.length === 0) {
      reply(480)
      return
    }
    logger.debug(
      { method: request.method, caller: caller.user, branches: branches.length, connection: flow.id },
      'sip: forwarding initial request',
    )
    if (request.method === 'INVITE') {
      forwardInvite(incoming, branches, true)
    } else {
      forwardOther(incoming, branches[0]!.flow, branches[0]!.request)
    }
  }

  return {
    onRequest(incoming) {
      const { request, flow, respond } = incoming
      const reply = (status: number, reason?: string): void => respond(makeReply(request, status, reason))

      const maxForwards = request.headers['max-forwards']
      const hops = typeof maxForwards === 'string' ? Number(maxForwards.trim()) : 70
      if (!Number.isInteger(hops) || hops < 0) {
        reply(400, 'Bad Max-Forwards')
        return
      }
      if (hops === 0) {
        reply(483)
        return
      }
      request.headers['max-forwards'] = String(hops - 1)

      if (request.method === 'CANCEL') {
        if (queued?.cancel(incoming)) {
          return
        }
        const entry = forks.get(forkKey(request))
        if (!entry || entry.callerFlowId !== flow.id) {
          reply(481)
          return
        }
        reply(200)
        entry.fork.cancelAll('upstream')
        return
      }

      if (
        request.method === 'REFER' &&
        (request.headers['refer-to'] === undefined || referToInjects(request))
      ) {
        logger.warn({ connection: flow.id }, 'sip: REFER with a missing or malformed Refer-To refused')
        reply(400, 'Bad Refer-To')
        return
      }
      const route = popOwnRoutes(tokens, domain, request)
      if (route.foreign) {
        reply(403, 'Relaying Forbidden')
        return
      }
      if (!hasToTag(request)) {
        initial(incoming)
        return
      }
      // In-dialog: only along our Record-Route.
      const target = route.flowId ? flows.get(route.flowId) : undefined
      if (!target) {
        reply(route.flowId ? 430 : 404, route.flowId ? undefined : 'Not Here')
        return
      }
      if (!admitInDialog(inDialog, request, flow, target)) {
        reply(403, 'Not Allowed For Guests')
        return
      }
      const copy = sip.copyMessage(request, true)
      if (request.method === 'INVITE') {
        forwardInvite(incoming, [{ flow: target, request: copy }], false)
      } else {
        forwardOther(incoming, target, copy)
      }
    },

    onAck(ack, flow) {
      const route = popOwnRoutes(tokens, domain, ack)
      const target = route.flowId && !route.foreign ? flows.get(route.flowId) : undefined
      if (!target) {
        return // an ACK we have no route for: nothing to answer, drop it
      }
      const hops = Number(String(ack.headers['max-forwards'] ?? '70').trim())
      if (!Number.isInteger(hops) || hops <= 0) {
        return
      }
      ack.headers['max-forwards'] = String(hops - 1)
      if (!admitInDialog(inDialog, ack, flow, target)) {
        return
      }
      stack.sendAck(target, ack)
    },

    onFlowClosed(flow) {
      stack.dropFlow(flow)
      registrar.removeFlow(flow.id)
      dialogs.dropFlow(flow.id)
      referrals.dropFlow(flow.id)
      queued?.dropFlow(flow.id)
      for (const entry of [...forks.values()]) {
        if (entry.callerFlowId === flow.id) {
          entry.fork.cancelAll('caller-gone')
        }
      }
    },

    callCount: () => forks.size,
    dialogCount: () => dialogs.size(),
    waitingCount: () => queued?.size() ?? 0,
    close: () => queued?.close(),
  }
}
