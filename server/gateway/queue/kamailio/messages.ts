import type { RejectReason } from '../../../lib/call-queue'

/**
 * The evapi protocol between deploy/kamailio/queue.cfg and the gateway (docs/telephony.md, "The
 * queue"). What Kamailio sends is input: every event is checked field by field, and anything else
 * (another shape, an unknown field, an absurd value) is refused rather than half-understood.
 */

/** A caller Kamailio holds for a group address: new (`queued`) or announced again (`requeue`). */
export interface WaitingEvent {
  event: 'queued' | 'requeue'
  callId: string
  group: string
  caller: string
  /** ms since the epoch. */
  queuedAt: number
  /** `requeue` only: an agent's phone is ringing for it right now. */
  ringing: boolean
  /**
   * `queued` only, with -A KCC_QUEUE_ANNOUNCE for a carrier's call: its From tag, by which
   * rtpengine knows the caller (for announcements while waiting).
   */
  tag?: string
}

/** The call left the queue: answered by an agent, CANCELled, timed out, rejected, or lost. */
export interface EndedEvent {
  event: 'answered' | 'cancel' | 'timeout' | 'rejected' | 'error'
  callId: string
}

/** The agent did not take the call (`code`: their final response; 408 when the ring time ran out). */
export interface AgentFailedEvent {
  event: 'agent-failed'
  callId: string
  code: number
}

export type ResumeFailure = 'gone' | 'not-suspended' | 'ringing' | 'invalid'

/** An action the gateway sent could not be carried out. */
export interface ResumeFailedEvent {
  event: 'resume-failed'
  callId: string
  action: string
  why: ResumeFailure
}

/** Every waiting call has been announced again after a gateway connected. */
export interface RequeueDoneEvent {
  event: 'requeue-done'
}

export type KamailioEvent =
  WaitingEvent | EndedEvent | AgentFailedEvent | ResumeFailedEvent | RequeueDoneEvent

export type GatewayAction =
  | { action: 'deliver'; callid: string; agent: string; ring: number }
  | { action: 'reject'; callid: string; reason: RejectReason }
  | { action: 'keepalive'; callid: string }
  /** Early media: a 183 with this SDP (rtpengine's answer to the caller's offer). */
  | { action: 'progress'; callid: string; sdp: string }

export class InvalidEventError extends Error {
  /** Set when a waiting call's announcement was refused: its Call-ID, so the call can be rejected. */
  waitingCallId: string | undefined
}

/** SIP user parts we hand to Kamailio; queue.cfg checks the same pattern. */
export const EXTENSION_PATTERN = /^[A-Za-z0-9._-]{1,64}$/
/** Kamailio's `$TV(Sn)`: seconds and microseconds. */
const QUEUED_AT_PATTERN = /^([0-9]{1,12})\.([0-9]{6})$/
/** A Call-ID is an RFC 3261 `word` (optionally `@word`): visible ASCII, no spaces. */
const CALL_ID_PATTERN = /^[\x21-\x7e]{1,256}$/
/** The From user part: SIP user characters, possibly %-escaped; empty when there is none. */
const CALLER_PATTERN = /^[A-Za-z0-9._~!$&'()*+,;=?/%-]{0,128}$/
/** A From tag is an RFC 3261 `token`. */
const TAG_PATTERN = /^[A-Za-z0-9.!%*_+`'~-]{1,128}$/

const ENDED = new Set(['answered', 'cancel', 'timeout', 'rejected', 'error'])
const RESUME_FAILURES = new Set<string>(['gone', 'not-suspended', 'ringing', 'invalid'])
const ACTIONS = new Set(['deliver', 'reject', 'keepalive', 'progress'])

/** Parses and checks one message from Kamailio; throws InvalidEventError when it is not one of ours. */
export function parseKamailioEvent(text: string): KamailioEvent {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new InvalidEventError('not JSON')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidEventError('not a JSON object')
  }
  const fields = value as Record<string, unknown>
  const event = fields['event']
  if (typeof event !== 'string') {
    throw new InvalidEventError('no event')
  }
  if (event === 'requeue-done') {
    onlyFields(fields, [], [])
    return { event }
  }
  const callId = callIdOf(fields)
  if (event === 'queued' || event === 'requeue') {
    try {
      return waitingEvent(event, callId, fields)
    } catch (error) {
      if (error instanceof InvalidEventError) {
        error.waitingCallId = callId
      }
      throw error
    }
  }
  if (ENDED.has(event)) {
    onlyFields(fields, [])
    return { event: event as EndedEvent['event'], callId }
  }
  if (event === 'agent-failed') {
    onlyFields(fields, ['code'])
    const code = fields['code']
    if (typeof code !== 'number' || !Number.isInteger(code) || code < 300 || code > 699) {
      throw new InvalidEventError('code is not a SIP failure status')
    }
    return { event, callId, code }
  }
  if (event === 'resume-failed') {
    onlyFields(fields, ['action', 'why'])
    const action = fields['action']
    const why = fields['why']
    if (typeof action !== 'string' || !ACTIONS.has(action)) {
      throw new InvalidEventError('action is not one of ours')
    }
    if (typeof why !== 'string' || !RESUME_FAILURES.has(why)) {
      throw new InvalidEventError('why is not a known failure')
    }
    return { event, callId, action, why: why as ResumeFailure }
  }
  throw new InvalidEventError('unknown event')
}

function waitingEvent(
  event: 'queued' | 'requeue',
  callId: string,
  fields: Record<string, unknown>,
): WaitingEvent {
  onlyFields(
    fields,
    event === 'queued' ? ['group', 'caller', 'queuedAt', 'tag'] : ['group', 'caller', 'queuedAt', 'ringing'],
  )
  const group = fields['group']
  const caller = fields['caller']
  if (typeof group !== 'string' || !EXTENSION_PATTERN.test(group)) {
    throw new InvalidEventError('group is not a SIP user')
  }
  if (typeof caller !== 'string' || !CALLER_PATTERN.test(caller)) {
    throw new InvalidEventError('caller is not a SIP user part')
  }
  const ringing = event === 'requeue' ? fields['ringing'] : false
  if (typeof ringing !== 'boolean') {
    throw new InvalidEventError('ringing is not a boolean')
  }
  const tag = fields['tag']
  if (tag !== undefined && (typeof tag !== 'string' || !TAG_PATTERN.test(tag))) {
    throw new InvalidEventError('tag is not a SIP tag')
  }
  const waiting: WaitingEvent = {
    event,
    callId,
    group,
    caller,
    queuedAt: queuedAtOf(fields['queuedAt']),
    ringing,
  }
  if (tag !== undefined) {
    waiting.tag = tag
  }
  return waiting
}

function callIdOf(fields: Record<string, unknown>): string {
  const callId = fields['callid']
  if (typeof callId !== 'string' || !CALL_ID_PATTERN.test(callId)) {
    throw new InvalidEventError('callid is not a Call-ID')
  }
  return callId
}

function onlyFields(
  fields: Record<string, unknown>,
  allowed: string[],
  always: string[] = ['event', 'callid'],
): void {
  const known = new Set([...always, 'event', ...allowed])
  for (const name of Object.keys(fields)) {
    if (!known.has(name)) {
      throw new InvalidEventError(`unexpected field ${JSON.stringify(name.slice(0, 32))}`)
    }
  }
}

function queuedAtOf(value: unknown): number {
  const match = typeof value === 'string' ? QUEUED_AT_PATTERN.exec(value) : null
  if (!match) {
    throw new InvalidEventError('queuedAt is not seconds.microseconds')
  }
  return Number(match[1]) * 1000 + Math.floor(Number(match[2]) / 1000)
}
