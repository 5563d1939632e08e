import type { RawData, WebSocket } from 'ws'
import { decodeClientMessage, MAX_CLIENT_MESSAGE_BYTES } from '../../../shared/live/validate'
import { commandEvent, type Command } from './commands'
import { admit, stillValid } from './session-checks'
import type { LiveSession, SessionDeps, SessionState } from './session-types'
import { syncSocket } from './sync'
import { LiveCloseCode, type ClientMessage, type LiveIdentity, type ServerMessage } from './types'
import { encode, textOf } from './wire'

/**
 * One live socket, from its first byte to its close. Messages are handled strictly one after the
 * other (an agent's states must reach the hub in the order it sent them, and a client may send
 * `resume` right behind `auth` without waiting), with a bound on how many may wait.
 *
 * The session behind it is checked again before every request for data or command, and on every
 * `recheck` (socket.ts calls it periodically); the gateway tells it at once when this process ends
 * the session (`watch`). session-checks.ts says when that closes the socket.
 */
export function startSession(socket: WebSocket, deps: SessionDeps, onEnd: () => void): LiveSession {
  const { hub, checks, presence, limits } = deps
  const now = deps.now ?? Date.now
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
        previous.unwatch()
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

  /** Snapshot or replay, then live events (sync.ts). */
  const sync = (from: { epoch: string; lastSeq: number } | undefined): void => {
    if (state.kind !== 'authenticated') {
      return
    }
    state.stop?.()
    const session = state
    session.stop = syncSocket(hub, session.filter, from, sendText, () => state === session)
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
    const admission = await admit(
      checks,
      message.token,
      { origin: deps.origin, requestId: deps.requestId },
      logger,
    )
    if ((state as SessionState).kind !== 'authenticating') {
      return // closed while we were checking
    }
    if ('code' in admission) {
      close(admission.code, admission.reason)
      return
    }
    const { identity, filter } = admission
    clearTimeout(timer)
    logger = logger.child({ login: identity.login, role: identity.role })
    state = {
      kind: 'authenticated',
      token: message.token,
      identity,
      filter,
      stop: null,
      unwatch:
        checks.watch?.(message.token, () => close(LiveCloseCode.unauthenticated, 'session ended')) ?? noop,
    }
    presence.connected(identity.login)
    send({
      type: 'welcome',
      login: identity.login,
      role: identity.role,
      afdeling: identity.afdeling,
      epoch: hub.epoch,
      heartbeatMs: limits.heartbeatMs,
      serverTime: new Date(now()).toISOString(),
    })
  }

  /** Whether the session still stands for the agent this socket was opened for; closes it if not. */
  const confirmed = async (check: (token: string) => Promise<LiveIdentity | null>): Promise<boolean> => {
    if (state.kind !== 'authenticated') {
      return false
    }
    const session = state
    const refusal = await stillValid(check, session.token, session.identity, logger)
    if (state !== session) {
      return false
    }
    if (refusal) {
      close(refusal.code, refusal.reason)
      return false
    }
    return true
  }

  const publish = async (identity: LiveIdentity, command: Command): Promise<void> => {
    const result = commandEvent(identity, command, hub, new Date(now()), deps.agentTime)
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
    // Every request for data and every command acts on the session as it is now.
    if (message.type !== 'ping' && message.type !== 'auth' && !(await confirmed(checks.authenticate))) {
      return
    }
    if (state.kind !== 'authenticated') {
      return
    }
    switch (message.type) {
      case 'auth':
        send({ type: 'error', code: 'invalid_message', message: 'already authenticated' })
        return
      case 'snapshot':
        return sync(undefined)
      case 'resume':
        return sync({ epoch: message.epoch, lastSeq: message.lastSeq })
      case 'ping':
        return send({ type: 'pong', serverTime: new Date(now()).toISOString() })
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
    async recheck() {
      await confirmed(checks.recheck ?? checks.authenticate)
    },
    close,
  }
}

const noop = (): void => undefined
