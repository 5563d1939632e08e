import type { CallQueue, RingOutcome } from '../../../lib/call-queue'
import { scopedLogger, type Logger } from '../../../lib/logger'
import { QueueAnnouncer, type AnnouncementOptions } from './announcer'
import { EvapiConnection } from './evapi-connection'
import { KamailioLine } from './line'
import {
  InvalidEventError,
  parseKamailioEvent,
  type GatewayAction,
  type KamailioEvent,
  type WaitingEvent,
} from './messages'

export interface KamailioQueueOptions {
  /** Kamailio's evapi socket (queue.cfg's KCC_EVAPI_BIND), on this host. */
  evapi: { host: string; port: number }
  queue: CallQueue
  logger: Logger
  /** How often each waiting caller gets another 182 (carriers want one at least every minute). */
  keepaliveMs?: number
  /** Reconnect backoff, first and longest wait. */
  firstRetryMs?: number
  maxRetryMs?: number
  /**
   * Announcements while waiting (Kamailio with -A KCC_QUEUE_ANNOUNCE): a carrier's caller hears
   * their place in the queue and music, played by rtpengine. Without: 182 ringback only.
   */
  announcements?: AnnouncementOptions
}

export interface KamailioQueueAdapter {
  /** Whether the evapi connection is up right now. */
  readonly connected: boolean
  /** Stops reconnecting and keepalives. Kamailio keeps the callers; the queue hears nothing. */
  close(): Promise<void>
}

/** The agent's final response as the queue's outcome (408: tm's own for a ring time that ran out). */
export function outcomeOfCode(code: number): RingOutcome {
  if (code === 408) {
    return 'no_answer'
  }
  if (code === 480 || code === 404) {
    return 'unreachable'
  }
  return 'declined'
}

/**
 * The gateway's side of deploy/kamailio/queue.cfg: each caller Kamailio suspends for a group address
 * becomes a WaitingLine that the queue gets; the queue's rings and rejections go back as evapi
 * actions. Caller numbers never reach the log.
 */
export function startKamailioQueue(options: KamailioQueueOptions): KamailioQueueAdapter {
  const logger = scopedLogger(options.logger, 'queue-kamailio')
  const lines = new Map<string, KamailioLine>()
  /** After (re)connecting, until Kamailio's requeue-done: the Call-IDs it announced again. */
  let walk: Set<string> | undefined
  const announcer = options.announcements ? new QueueAnnouncer(options.announcements, logger) : undefined

  /**
   * Each waiting call's place among this Kamailio's callers for its group, oldest first (the order
   * the queue offers them to agents in), to the announcer.
   */
  const announcePositions = (group: string): void => {
    if (!announcer) {
      return
    }
    const waiting = [...lines.values()]
      .filter((line) => !line.ended && line.call.group === group)
      .sort((a, b) => a.call.enteredAt - b.call.enteredAt)
    waiting.forEach((line, index) => void announcer.position(line.call.sipCallId, index + 1))
  }

  const send = (action: GatewayAction): boolean => {
    const sent = connection.send(JSON.stringify(action))
    if (!sent) {
      logger.warn({ action: action.action }, 'no evapi connection; action not sent')
    }
    return sent
  }

  const forget = (callId: string, outcome: 'answered' | 'caller_left'): void => {
    const line = lines.get(callId)
    announcer?.stop(callId)
    if (line) {
      lines.delete(callId)
      line.end(outcome)
      announcePositions(line.call.group)
    }
  }

  const enter = (line: KamailioLine): void => {
    if (!options.queue.serves(line.call.group)) {
      logger.warn({ group: line.call.group }, 'call for a group the queue does not serve; rejected')
      lines.delete(line.call.sipCallId)
      line.reject('no_agent')
      return
    }
    options.queue.enter(line)
  }

  const onWaiting = (event: WaitingEvent): void => {
    walk?.add(event.callId)
    const known = lines.get(event.callId)
    if (known) {
      // Announced again (our reconnect, or another gateway's): a ring we started whose end we
      // missed while disconnected ended without an answer.
      if (event.event === 'requeue' && !event.ringing && known.ringing) {
        known.settleRing('no_answer')
      }
      return
    }
    const line = new KamailioLine(
      {
        sipCallId: event.callId,
        group: event.group,
        callerNumber: event.caller,
        enteredAt: event.queuedAt,
      },
      send,
      logger,
    )
    lines.set(event.callId, line)
    if (event.ringing) {
      // An agent rings for it already (another gateway, or us before a restart): the queue gets it
      // only if that ring fails.
      line.ringingElsewhere = true
      return
    }
    enter(line)
    if (announcer && event.tag !== undefined && lines.has(event.callId)) {
      const callId = event.callId
      const position = [...lines.values()].filter(
        (other) =>
          !other.ended && other.call.group === line.call.group && other.call.enteredAt <= line.call.enteredAt,
      ).length
      void announcer.start(callId, event.tag, position, (sdp) =>
        send({ action: 'progress', callid: callId, sdp }),
      )
    }
  }

  const onEvent = (event: KamailioEvent): void => {
    switch (event.event) {
      case 'queued':
      case 'requeue':
        onWaiting(event)
        return
      case 'requeue-done': {
        const announced = walk
        walk = undefined
        if (announced) {
          for (const callId of [...lines.keys()]) {
            if (!announced.has(callId)) {
              forget(callId, 'caller_left')
            }
          }
        }
        return
      }
      case 'agent-failed': {
        const line = lines.get(event.callId)
        if (!line) {
          return
        }
        if (line.ringingElsewhere) {
          line.ringingElsewhere = false
          enter(line)
          return
        }
        line.settleRing(outcomeOfCode(event.code))
        return
      }
      case 'answered':
        forget(event.callId, 'answered')
        return
      case 'cancel':
      case 'timeout':
      case 'rejected':
      case 'error':
        forget(event.callId, 'caller_left')
        return
      case 'resume-failed': {
        const line = lines.get(event.callId)
        if (!line) {
          return
        }
        if (event.action === 'progress') {
          // No 183 (an agent rings already, or the call ended): the caller hears ringback instead.
          logger.info({ why: event.why }, 'early media for a waiting call not started')
          return
        }
        if (event.why === 'invalid') {
          logger.error({ action: event.action }, 'Kamailio refused an action as invalid')
          line.settleRing('unreachable')
          return
        }
        // gone: the call ended meanwhile; not-suspended / ringing: another gateway rings it. Either
        // way it is no longer ours to route.
        if (event.action !== 'keepalive' || event.why === 'gone') {
          forget(event.callId, 'caller_left')
        }
        return
      }
    }
  }

  const connection = new EvapiConnection({
    host: options.evapi.host,
    port: options.evapi.port,
    logger,
    ...(options.firstRetryMs !== undefined ? { firstRetryMs: options.firstRetryMs } : {}),
    ...(options.maxRetryMs !== undefined ? { maxRetryMs: options.maxRetryMs } : {}),
    onConnected: () => {
      walk = new Set()
    },
    onMessage: (text) => {
      let event: KamailioEvent
      try {
        event = parseKamailioEvent(text)
      } catch (error) {
        if (!(error instanceof InvalidEventError)) {
          throw error
        }
        logger.error({ reason: error.message }, 'invalid message from Kamailio dropped')
        if (error.waitingCallId !== undefined && !lines.has(error.waitingCallId)) {
          // A caller we cannot queue should not wait for nothing until Kamailio's own timeout.
          send({ action: 'reject', callid: error.waitingCallId, reason: 'no_agent' })
        }
        return
      }
      onEvent(event)
    },
  })

  const keepalive = setInterval(() => {
    for (const line of lines.values()) {
      if (!line.ended && !line.ringing && !line.ringingElsewhere) {
        send({ action: 'keepalive', callid: line.call.sipCallId })
      }
    }
  }, options.keepaliveMs ?? 45_000)
  keepalive.unref()

  return {
    get connected() {
      return connection.connected
    },
    async close() {
      // The callers keep waiting in Kamailio, and the next gateway to connect hears of each again:
      // nobody left, so the queue is not told so (a ring still pending stays unresolved).
      clearInterval(keepalive)
      announcer?.close()
      await connection.close()
      lines.clear()
    },
  }
}
