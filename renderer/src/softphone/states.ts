import { missingCaseError } from '../lib/missing-case'

/**
 * Registration with the SIP registrar (the softphone re-registers by itself after a network
 * loss, because sip.js does not).
 *
 * | from \ event  | start       | accepted   | rejected | disconnected | stop         |
 * | -------------- | ----------- | ---------- | -------- | ------------ | ------------ |
 * | unregistered   | registering | –          | –        | –            | unregistered |
 * | registering    | –           | registered | failed   | reconnecting | unregistered |
 * | registered     | –           | registered | failed   | reconnecting | unregistered |
 * | reconnecting   | –           | registered | failed   | reconnecting | unregistered |
 * | failed         | registering | –          | –        | –            | unregistered |
 *
 * `registered --accepted--> registered` is a refresh; `–` is refused.
 */
export type RegistrationState = 'unregistered' | 'registering' | 'registered' | 'reconnecting' | 'failed'

export type RegistrationEvent =
  /** The agent wants to be registered (desired state on). */
  | 'start'
  /** The registrar answered the REGISTER with 2xx. */
  | 'accepted'
  /** The registrar refused the REGISTER (bad credentials, forbidden): retrying will not help. */
  | 'rejected'
  /** The WebSocket went away; the service retries with backoff. */
  | 'disconnected'
  /** The agent no longer wants to be registered (desired state off). */
  | 'stop'

/**
 * A call, from its first signal to its end. One call record lives from `ringing`/`connecting` to
 * `ended`; `idle` is "no call yet".
 *
 * ```text
 *   idle ──incoming──▶ ringing ──answer──▶ connecting ──established──▶ active ◀──resumed── on_hold
 *   idle ──dial──────────────────────────▶ connecting                  active ──held──────▶ on_hold
 *   idle ──replace───────────────────────▶ connecting
 *   ringing | connecting | active | on_hold ──end──▶ ended
 *   ended ──incoming──▶ ringing,  ended ──dial | replace──▶ connecting   (the next call)
 * ```
 *
 * `replace` is an INVITE with Replaces (RFC 3891) that takes over one of our calls, the customer
 * arriving on the consult call at the end of a warm transfer: it is accepted at once and never rings.
 *
 * `held`/`resumed` fire when the re-INVITE is accepted (RFC 6337 §5.3), not when it is sent, so the
 * state never claims a hold the other side has not agreed to.
 */
export type CallState = 'idle' | 'ringing' | 'connecting' | 'active' | 'on_hold' | 'ended'

export type CallEvent =
  'incoming' | 'dial' | 'replace' | 'answer' | 'established' | 'held' | 'resumed' | 'end'

export type Transition<S> =
  | { readonly ok: true; readonly state: S }
  | { readonly ok: false; readonly state: S; readonly reason: string }

const to = <S>(state: S): Transition<S> => ({ ok: true, state })
const refuse = <S, E extends string>(state: S & string, event: E): Transition<S> => ({
  ok: false,
  state,
  reason: `${event} is impossible in ${state}`,
})

/** The next registration state, or a refusal that keeps `state` unchanged. Pure. */
export function transitionRegistration(
  state: RegistrationState,
  event: RegistrationEvent,
): Transition<RegistrationState> {
  switch (event) {
    case 'start':
      return state === 'unregistered' || state === 'failed' ? to('registering') : refuse(state, event)
    case 'accepted':
      return state === 'registering' || state === 'reconnecting' || state === 'registered'
        ? to('registered')
        : refuse(state, event)
    case 'rejected':
      return state === 'registering' || state === 'reconnecting' || state === 'registered'
        ? to('failed')
        : refuse(state, event)
    case 'disconnected':
      return state === 'registering' || state === 'registered' || state === 'reconnecting'
        ? to('reconnecting')
        : refuse(state, event)
    case 'stop':
      return to('unregistered')
    default:
      throw missingCaseError(event)
  }
}

/** The next call state, or a refusal that keeps `state` unchanged. Pure. */
export function transitionCall(state: CallState, event: CallEvent): Transition<CallState> {
  switch (event) {
    case 'incoming':
      return state === 'idle' || state === 'ended' ? to('ringing') : refuse(state, event)
    case 'dial':
    case 'replace':
      return state === 'idle' || state === 'ended' ? to('connecting') : refuse(state, event)
    case 'answer':
      return state === 'ringing' ? to('connecting') : refuse(state, event)
    case 'established':
      return state === 'connecting' ? to('active') : refuse(state, event)
    case 'held':
      return state === 'active' ? to('on_hold') : refuse(state, event)
    case 'resumed':
      return state === 'on_hold' ? to('active') : refuse(state, event)
    case 'end':
      return isLive(state) ? to('ended') : refuse(state, event)
    default:
      throw missingCaseError(event)
  }
}

/** Whether a call in `state` is still up or being set up (so it can end). */
export function isLive(state: CallState): boolean {
  switch (state) {
    case 'ringing':
    case 'connecting':
    case 'active':
    case 'on_hold':
      return true
    case 'idle':
    case 'ended':
      return false
    default:
      throw missingCaseError(state)
  }
}
