import type {
  AgentState,
  ClientCallInfo,
  ClientMessage,
  CallEndReason,
  LiveEvent,
} from '../../../shared/live/protocol'
import { emptyCounters } from '../../../shared/live/counters'
import { LiveCloseCode } from '../../../shared/live/protocol'
import { createLogger, type Logger } from '../log'
import { gatewayClock, type GatewayClock } from './gateway-clock'
import { applyLiveEvent, INITIAL_LIVE_VIEW, type LiveView } from './live-view'
import { OwnState } from './own-state'
import { parseServerMessage } from './server-message'

/**
 * The agent app's end of the live socket (`/api/live`, shared/live/protocol.ts). It tells the
 * gateway the agent's own state and calls (the app runs the softphone, so it is the source of
 * both; the queue offers callers only to agents the gateway sees as `beschikbaar`), and hears what
 * the gateway lets it see: an agent its own state and calls, the transfer offers for it and its own
 * afdeling's queue; a supervisor every agent, call, transfer and queue and today's counters
 * (server/gateway/live/filter.ts). Reconnects with backoff and resumes from the last sequence
 * number; what the agent is doing is re-sent after every reconnect, because the server may have
 * marked the agent offline meanwhile. A state the gateway sets by itself is followed, not
 * overruled (own-state.ts).
 */
export interface LiveConnectionOptions {
  /** The gateway's base URL (http or https); the socket uses ws or wss on the same host. */
  gatewayUrl: string
  token: () => string | undefined
  onChange: (view: LiveView) => void
  /** A 4401 close: the session is gone, log in again. */
  onUnauthenticated?: () => void
  logger?: Logger
  /**
   * The gateway set the agent's own state to something the app did not ask for (e.g. `pauze`
   * after a queue call rang out at this agent, or `offline`): the app follows it (ownState.ts).
   */
  onOwnStateSet?: (state: AgentState) => void
  /** The clock the gateway's times feed (gateway-clock.ts); the page's one by default. */
  clock?: GatewayClock
  /** For tests. */
  webSocket?: typeof WebSocket
}

const BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000]

/** How often the app asks the gateway's time while connected (gateway-clock.ts). */
export const CLOCK_PING_MS = 60_000

export class LiveConnection {
  private readonly log: Logger
  private socket: WebSocket | undefined
  private wanted = false
  private attempt = 0
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private epoch: string | undefined
  private lastSeq = 0
  private view: LiveView = INITIAL_LIVE_VIEW
  /** What the agent is doing now (re-sent after every (re)connect), and what the gateway set. */
  private readonly ownState = new OwnState()
  /** The reason of the pauze the app asked for, if any. */
  private pauzeReden: string | undefined
  /** The login the gateway welcomed: its `agent.state` events are the agent's own. */
  private login: string | undefined
  private readonly calls = new Map<string, ClientCallInfo>()
  /** Calls that ended while the socket was down; told on the next connect. */
  private readonly endedOffline = new Map<string, { reason: CallEndReason; handledMs?: number }>()
  /** When `auth` and each unanswered `ping` went out on the current socket (pongs come in order). */
  private authSentAt: number | undefined
  private pingsSentAt: number[] = []
  private clockTimer: ReturnType<typeof setInterval> | undefined

  constructor(private readonly options: LiveConnectionOptions) {
    this.log = options.logger ?? createLogger('live')
  }

  start(): void {
    if (this.wanted) {
      return
    }
    this.wanted = true
    this.open()
  }

  stop(): void {
    this.wanted = false
    clearTimeout(this.retryTimer)
    this.retryTimer = undefined
    this.stopClockPings()
    this.socket?.close(1000)
    this.socket = undefined
    this.update({ connection: 'closed' })
  }

  /**
   * Tells the hub the agent's state. `derived`: the change follows from a call rather than from the
   * agent's choice, so it carries the state the app last asked for as `from` and the hub drops it if
   * the gateway set another state meanwhile (shared/live/protocol.ts).
   */
  setState(state: AgentState, options: { derived?: boolean; pauzeReden?: string | undefined } = {}): void {
    const from = options.derived === true ? this.ownState.current : undefined
    this.ownState.ask(state)
    // Only pauze has a reason; kept for the replay after a reconnect, which must not drop it.
    this.pauzeReden = state === 'pauze' ? options.pauzeReden : undefined
    this.send({ type: 'state', state, ...(from !== undefined ? { from } : {}), ...this.redenField() })
  }

  private redenField(): { pauzeReden?: string } {
    return this.pauzeReden !== undefined ? { pauzeReden: this.pauzeReden } : {}
  }

  /**
   * A call started, or what is known about it grew (its klantcontact, workspace/call-context.ts;
   * `answered`, whereupon the hub stamps the answer time with the gateway's clock). Fields given
   * before and absent now are kept: every event carries the whole call.
   */
  callStarted(call: ClientCallInfo): void {
    const known = this.calls.get(call.callId)
    const merged = known ? { ...known, ...call } : call
    // Never the onderwerp of a vertrouwelijk klantcontact (the hub drops it too, state.ts).
    const { onderwerp: _hidden, ...withoutOnderwerp } = merged
    const whole = merged.vertrouwelijk === true ? withoutOnderwerp : merged
    this.calls.set(call.callId, whole)
    this.send({ type: known ? 'call.updated' : 'call.started', call: whole })
  }

  /** `handledMs`: answer to end, for the supervisor's average handling time. */
  callEnded(callId: string, reason: CallEndReason, handledMs?: number): void {
    if (!this.calls.delete(callId)) {
      return
    }
    const ended = handledMs !== undefined ? { reason, handledMs } : { reason }
    if (this.view.connection === 'open') {
      this.send({ type: 'call.ended', callId, ...ended })
    } else {
      this.endedOffline.set(callId, ended)
    }
  }

  private open(): void {
    const token = this.options.token()
    if (!token) {
      this.update({ connection: 'unauthenticated' })
      return
    }
    const url = new URL('/api/live', this.options.gatewayUrl)
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
    const Socket = this.options.webSocket ?? WebSocket
    const socket = new Socket(url.toString())
    this.socket = socket
    this.update({ connection: 'connecting' })
    this.authSentAt = undefined
    this.pingsSentAt = []
    socket.onopen = () => {
      // The token travels in the first message, never in the URL (protocol.ts).
      this.authSentAt = Date.now()
      this.sendOn(socket, { type: 'auth', token })
    }
    socket.onmessage = (message) => this.onMessage(socket, message.data)
    socket.onclose = (event) => this.onClose(socket, event.code)
    socket.onerror = () => this.log.debug('socket error')
  }

  private onMessage(socket: WebSocket, data: unknown): void {
    const message = parseServerMessage(data)
    if (!message) {
      this.log.warn('ignored a malformed live message')
      return
    }
    switch (message.type) {
      case 'welcome':
        this.attempt = 0
        this.login = message.login
        this.clockSample(this.authSentAt, message.serverTime)
        this.sendOn(
          socket,
          this.epoch ? { type: 'resume', epoch: this.epoch, lastSeq: this.lastSeq } : { type: 'snapshot' },
        )
        return
      case 'snapshot':
        this.epoch = message.epoch
        this.lastSeq = message.seq
        this.update({
          connection: 'open',
          agents: message.agents,
          calls: message.calls,
          transfers: message.transfers,
          counters: message.counters ?? emptyCounters(''),
          monitors: this.view.monitors.filter((m) => message.calls.some((c) => c.callId === m.callId)),
          queues: message.queues ?? [],
          inboxes: message.inboxes ?? [],
        })
        this.ownState.caughtUp()
        this.ping(socket)
        this.startClockPings(socket)
        this.replayOwn(socket)
        return
      case 'resumed':
        this.update({ connection: 'open' })
        // The gateway sent the replay of missed events with `resumed`, before it reads anything
        // more from us: its pong marks the replay's end (own-state.ts).
        this.ownState.catchUp()
        this.ping(socket)
        this.startClockPings(socket)
        this.replayOwn(socket)
        return
      case 'event':
        this.onEvent(message.event)
        return
      case 'error':
        this.log.warn({ code: message.code }, 'live error')
        return
      case 'pong':
        this.ownState.caughtUp()
        this.clockSample(this.pingsSentAt.shift(), message.serverTime)
        return
      default: {
        const unreachable: never = message
        this.log.warn({ message: unreachable }, 'unknown live message')
      }
    }
  }

  private onEvent(event: LiveEvent): void {
    if (event.seq <= this.lastSeq) {
      return
    }
    this.lastSeq = event.seq
    const view = applyLiveEvent(this.view, event)
    if (view !== this.view) {
      this.view = view
      this.options.onChange(view)
    }
    if (event.type === 'agent.state' && event.login === this.login) {
      const imposed = this.ownState.observed(event.state)
      if (imposed !== undefined) {
        this.log.info({ state: imposed }, 'the gateway set the own state')
        this.options.onOwnStateSet?.(imposed)
      }
    }
  }

  /** After a (re)connect the server may think the agent offline: tell it again what is going on. */
  private replayOwn(socket: WebSocket): void {
    const own = this.ownState.current
    if (own !== undefined) {
      this.ownState.resent()
      this.sendOn(socket, { type: 'state', state: own, ...this.redenField() })
    }
    for (const [callId, ended] of this.endedOffline) {
      this.sendOn(socket, { type: 'call.ended', callId, ...ended })
    }
    this.endedOffline.clear()
    for (const call of this.calls.values()) {
      this.sendOn(socket, { type: 'call.started', call })
    }
  }

  private ping(socket: WebSocket): void {
    if (socket.readyState === socket.OPEN) {
      this.pingsSentAt.push(Date.now())
      this.sendOn(socket, { type: 'ping' })
    }
  }

  /** Keeps asking the gateway's time while this socket is open: clocks drift and get set. */
  private startClockPings(socket: WebSocket): void {
    this.stopClockPings()
    this.clockTimer = setInterval(() => {
      if (socket === this.socket && this.view.connection === 'open') {
        this.ping(socket)
      }
    }, CLOCK_PING_MS)
  }

  private stopClockPings(): void {
    clearInterval(this.clockTimer)
    this.clockTimer = undefined
  }

  private clockSample(sentAt: number | undefined, serverTime: string | undefined): void {
    if (sentAt !== undefined && serverTime !== undefined) {
      const clock = this.options.clock ?? gatewayClock
      clock.sample({ sentAt, serverTime: Date.parse(serverTime), receivedAt: Date.now() })
    }
  }

  private onClose(socket: WebSocket, code: number): void {
    if (socket !== this.socket) {
      return
    }
    this.socket = undefined
    this.stopClockPings()
    if (!this.wanted) {
      return
    }
    if (code === LiveCloseCode.unauthenticated) {
      this.wanted = false
      this.update({ connection: 'unauthenticated' })
      this.options.onUnauthenticated?.()
      return
    }
    this.update({ connection: 'connecting' })
    const delay = BACKOFF_MS[Math.min(this.attempt++, BACKOFF_MS.length - 1)] ?? 10_000
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined
      if (this.wanted) {
        this.open()
      }
    }, delay)
  }

  private send(message: ClientMessage): void {
    // Before `open`, the message is not lost: replayOwn sends the current state and calls.
    if (this.socket && this.view.connection === 'open') {
      this.sendOn(this.socket, message)
    }
  }

  private sendOn(socket: WebSocket, message: ClientMessage): void {
    if (socket.readyState === socket.OPEN) {
      socket.send(JSON.stringify(message))
    }
  }

  private update(patch: Partial<LiveView>): void {
    this.view = { ...this.view, ...patch }
    this.options.onChange(this.view)
  }
}
