import type { RawData, WebSocket } from 'ws'
import { decodeClientMessage, MAX_CLIENT_MESSAGE_BYTES } from '../../../shared/live/validate'
import type { Logger } from '../../lib/logger'
import { commandEvent, type Command } from './commands'
import { filterFor, filterSnapshot, matches } from './filter'
import type { LiveHub } from './hub'
import type { PresenceTracker } from './presence'
import {
  LiveCloseCode,
  type ClientMessage,
  type LiveFilter,
  type LiveIdentity,
  type ServerMessage,
} from './types'
import { encode, encodeEvent, textOf } from './wire'

/**
 * One live socket, from its first byte to its close. Messages are handled strictly one after the
 * other (an agent's states must reach the hub in the order it sent them, and a client may send
 * `resume` right behind `auth` without waiting), with a bound on how many may wait.
 */
export interface SessionLimits {
  authTimeoutMs: number
  /** Bytes queued on the socket beyond which the client counts as unable to keep up. */
  maxBufferedBytes: number
  /** Client messages waiting to be handled beyond which the client counts as flooding. */
  maxQueuedMessages: number
  heartbeatMs: number
}

export interface SessionDeps {
  hub: LiveHub
  authenticate(token: string): Promise<LiveIdentity | null>
  presence: PresenceTracker
  logger: Logger
  limits: SessionLimits
}

type SessionState =
  // The timer runs until the session is authenticated: a slow or hung session check counts too.
  | { kind: 'awaiting_auth'; timer: NodeJS.Timeout }
  | { kind: 'authenticating'; timer: NodeJS.Timeout }
  | { kind: 'authenticated'; identity: LiveIdentity; filter: LiveFilter; stop: (() => void) | null }
  | { kind: 'closed' }

export interface LiveSession {
  /** Called every heartbeat interval: pings, or drops a socket that did not answer the last ping. */
  heartbeat(): void
  close(code: number, reason: string): void
}

export function startSession(socket: WebSocket, deps: SessionDeps, onEnd: () => void): LiveSession {
  const { hub, presence, limits } = deps
  let logger = deps.logger
  let alive = true
  let queued = 0
  let work: Promise<void> = Promise.resolve()
  let state: SessionState = {
    kind: 'awaiting_auth',
    timer: setTimeout(
      () => close(LiveCloseCode.unauthenticated, 'authentication timeout'),
      limits.authTimeoutMs,
    ),
  }

  /** Leaves whatever state the session is in; safe to call more than once. */
  const end = (): void => {
    const previous = state
    state = { kind: 'closed' }
    switch (previous.kind) {
      case 'awaiting_auth':
      case 'authenticating':
        // A pending session check sees `closed` when it returns and does nothing.
        clearTimeout(previous.timer)
        break
      case 'authenticated':
        previous.stop?.()
        presence.disconnected(previous.identity.login)
        break
      case 'closed':
        return
      default: {
        const unreachable: never = previous
        throw new Error(`unknown session state: ${JSON.stringify(unreachable)}`)
      }
    }
    onEnd()
  }

  function close(code: number, reason: string): void {
    if (state.kind === 'closed') {
      return
    }
    logger.info({ code, reason }, 'closing live socket')
    end()
    socket.close(code, reason)
  }

  const sendText = (text: string): void => {
    if (state.kind === 'closed' || socket.readyState !== socket.OPEN) {
      return
    }
    // Never buffer without limit for a client that does not read: drop it; it resumes later.
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      close(LiveCloseCode.tooSlow, 'client not keeping up')
      return
    }
    socket.send(text)
  }
  const send = (message: ServerMessage): void => sendText(encode(message))

  /** Snapshot or replay, then live events: in one tick, so nothing falls in between. */
  const sync = (from: { epoch: string; lastSeq: number } | undefined): void => {
    if (state.kind !== 'authenticated') {
      return
    }
    state.stop?.()
    const session = state
    const { filter } = session
    const replay = from && from.epoch === hub.epoch ? hub.since(from.lastSeq) : undefined
    if (from && replay) {
      send({ type: 'resumed', epoch: hub.epoch, lastSeq: from.lastSeq })
      for (const event of replay) {
        if (matches(filter, event)) {
          sendText(encodeEvent(event))
        }
      }
    } else {
      send({ type: 'snapshot', ...filterSnapshot(filter, hub.snapshot()) })
    }
    if (state !== session) {
      return // sending that dropped the client (it could not keep up): do not subscribe a dead socket
    }
    const unsubscribe = hub.subscribe(filter, (event) => sendText(encodeEvent(event)))
    // The hub rebuilt its state (it missed events): this client must start over from a snapshot.
    const unsubscribeReset = hub.onReset(() =>
      send({ type: 'snapshot', ...filterSnapshot(filter, hub.snapshot()) }),
    )
    session.stop = () => {
      unsubscribe()
      unsubscribeReset()
    }
  }

  const authenticate = async (message: ClientMessage): Promise<void> => {
    if (state.kind !== 'awaiting_auth') {
      return
    }
    if (message.type !== 'auth') {
      close(LiveCloseCode.unauthenticated, 'first message must be auth')
      return
    }
    const { timer } = state
    state = { kind: 'authenticating', timer }
    let identity: LiveIdentity | null
    try {
      identity = await deps.authenticate(message.token)
    } catch (err) {
      logger.error({ err }, 'live socket: session check failed')
      close(LiveCloseCode.internalError, 'session check failed')
      return
    }
    if ((state as SessionState).kind !== 'authenticating') {
      return // closed while we were checking
    }
    if (!identity) {
      logger.warn('live socket: invalid session token')
      close(LiveCloseCode.unauthenticated, 'invalid session')
      return
    }
    clearTimeout(timer)
    logger = logger.child({ login: identity.login, role: identity.role })
    state = { kind: 'authenticated', identity, filter: filterFor(identity), stop: null }
    presence.connected(identity.login)
    send({
      type: 'welcome',
      login: identity.login,
      role: identity.role,
      afdeling: identity.afdeling,
      epoch: hub.epoch,
      heartbeatMs: limits.heartbeatMs,
    })
  }

  const publish = async (identity: LiveIdentity, command: Command): Promise<void> => {
    const result = commandEvent(identity, command, hub)
    if (!result.ok) {
      send({ type: 'error', code: result.code, message: result.message })
      return
    }
    if (result.event === null) {
      return
    }
    try {
      await hub.publish(result.event)
    } catch (err) {
      logger.error({ err, type: result.event.type }, 'live publish failed')
      send({ type: 'error', code: 'unavailable', message: 'could not publish; try again' })
    }
  }

  const handle = async (text: string): Promise<void> => {
    const decoded = decodeClientMessage(text)
    switch (state.kind) {
      case 'closed':
      case 'authenticating':
        return
      case 'awaiting_auth':
        if (!decoded.ok) {
          close(LiveCloseCode.unauthenticated, 'first message must be auth')
          return
        }
        return authenticate(decoded.value)
      case 'authenticated':
        break
      default: {
        const unreachable: never = state
        throw new Error(`unknown session state: ${JSON.stringify(unreachable)}`)
      }
    }
    if (!decoded.ok) {
      send({ type: 'error', code: 'invalid_message', message: decoded.message })
      return
    }
    const message = decoded.value
    switch (message.type) {
      case 'auth':
        send({ type: 'error', code: 'invalid_message', message: 'already authenticated' })
        return
      case 'snapshot':
        return sync(undefined)
      case 'resume':
        return sync({ epoch: message.epoch, lastSeq: message.lastSeq })
      case 'ping':
        return send({ type: 'pong' })
      case 'state':
      case 'call.started':
      case 'call.updated':
      case 'call.ended':
        return publish(state.identity, message)
      default: {
        const unreachable: never = message
        throw new Error(`unknown client message: ${JSON.stringify(unreachable)}`)
      }
    }
  }

  socket.on('message', (data: RawData, isBinary: boolean) => {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength
    if (isBinary || size > MAX_CLIENT_MESSAGE_BYTES) {
      close(LiveCloseCode.badMessage, isBinary ? 'text messages only' : 'message too large')
      return
    }
    if (queued >= limits.maxQueuedMessages) {
      close(LiveCloseCode.tooSlow, 'too many messages waiting')
      return
    }
    const text = textOf(data)
    queued += 1
    work = work
      .then(() => handle(text))
      .catch((err: unknown) => logger.error({ err }, 'live message handling failed'))
      .finally(() => {
        queued -= 1
      })
  })
  socket.on('pong', () => {
    alive = true
  })
  socket.on('close', () => end())

  return {
    heartbeat() {
      if (state.kind === 'closed') {
        return
      }
      if (!alive) {
        // No pong since the last ping: the peer is gone (sleep, network loss) without a close.
        logger.info('live socket missed a heartbeat; dropping it')
        end()
        socket.terminate()
        return
      }
      alive = false
      socket.ping()
    },
    close,
  }
}
