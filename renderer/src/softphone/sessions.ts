import {
  Inviter,
  type InviterOptions,
  type Referral,
  type Session,
  type SessionDelegate,
  type URI,
  type UserAgent,
} from 'sip.js'

/**
 * Where every sip.js session of the softphone gets its REFER handler. A session without
 * `delegate.onRefer` accepts any in-dialog REFER and dials its target by itself (sip.js
 * `Session.onReferRequest`), with the agent's credentials and nothing on screen; and code that later
 * assigns `session.delegate = {…}` (to hear an ACK or a CANCEL) would silently drop a handler set
 * before. So the handler is installed here, once per session, in a way no later assignment removes:
 * inbound sessions when the connection hands them over (connection.ts), outbound ones because this
 * is the only place that constructs an {@link Inviter} (a unit test keeps it so).
 */
export type ReferHandler = (referral: Referral) => void

const handlers = new WeakMap<Session, ReferHandler>()

/**
 * From now on every REFER on `session` goes to `onRefer`, whatever delegate is assigned later.
 * Calling it again for the same session replaces the handler.
 */
export function guardRefer(session: Session, onRefer: ReferHandler): void {
  const installed = handlers.has(session)
  handlers.set(session, onRefer)
  if (installed) {
    return
  }
  const refer = (referral: Referral): void => handlers.get(session)?.(referral)
  let delegate: SessionDelegate = { ...session.delegate, onRefer: refer }
  Object.defineProperty(session, 'delegate', {
    configurable: false,
    enumerable: true,
    get: () => delegate,
    set: (next: SessionDelegate | undefined) => {
      delegate = { ...next, onRefer: refer }
    },
  })
}

/** A new outbound session whose REFERs go to `onRefer` (see {@link guardRefer}). */
export function newInviter(
  ua: UserAgent,
  target: URI,
  options: InviterOptions,
  onRefer: ReferHandler,
): Inviter {
  const inviter = new Inviter(ua, target, options)
  guardRefer(inviter, onRefer)
  return inviter
}
