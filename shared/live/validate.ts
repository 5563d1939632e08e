import {
  AGENT_STATES,
  CALL_DIRECTIONS,
  CALL_END_REASONS,
  type ClientCallInfo,
  type ClientMessage,
} from './protocol'
import { KLANTCONTACT_LIMITS } from '../api/klantinteracties-limits'
import { KLANTCONTACTNUMMER_PATTERN } from '../klantcontact/klantcontactnummer'
import { codePoints } from '../text/code-points'

/**
 * Checks what a live-socket client sent, before the gateway acts on it. Hand-written (no schema
 * library is a dependency) and strict: unknown properties are rejected rather than ignored, so a
 * client cannot, say, name another agent's login and hope it is used.
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string }

/** Largest message a client may send; the biggest legitimate one (call.updated) is far below. */
export const MAX_CLIENT_MESSAGE_BYTES = 8 * 1024

const LIMITS = {
  token: 4096,
  epoch: 64,
  callId: 128,
  callerNumber: 64,
  klantcontactnummer: KLANTCONTACT_LIMITS.nummer,
  onderwerp: KLANTCONTACT_LIMITS.onderwerp,
  // The gateway's configuration allows reasons of at most 40 characters; which ones, it checks.
  pauzeReden: 40,
} as const

class Invalid extends Error {}

type Fields = Readonly<Record<string, unknown>>

function record(input: unknown, path: string): Fields {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Invalid(`${path}: expected an object`)
  }
  return input as Fields
}

function onlyKeys(fields: Fields, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) {
      throw new Invalid(`${path}.${key}: unexpected property`)
    }
  }
}

// Control characters never belong in any of these fields; refusing them keeps log lines and the
// supervisor view free of injected line breaks.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

// Lengths count code points, as the OAS's maxLength does (an emoji is one character, not two).
function text(value: unknown, path: string, max: number, pattern?: RegExp): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new Invalid(`${path}: expected a non-empty string`)
  }
  if (codePoints(value) > max) {
    throw new Invalid(`${path}: expected at most ${max} characters`)
  }
  if (CONTROL.test(value) || (pattern && !pattern.test(value))) {
    throw new Invalid(`${path}: invalid characters`)
  }
  return value
}

function optionalText(value: unknown, path: string, max: number, pattern?: RegExp): string | undefined {
  return value === undefined ? undefined : text(value, path, max, pattern)
}

function oneOf<T extends string>(value: unknown, options: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw new Invalid(`${path}: expected one of ${options.join(', ')}`)
  }
  return value as T
}

function sequence(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new Invalid(`${path}: expected a non-negative integer`)
  }
  return value
}

const CALL_ID = /^[\x21-\x7e]+$/ // printable ASCII without spaces, as a SIP Call-ID is

function callInfo(input: unknown, path: string): ClientCallInfo {
  const fields = record(input, path)
  onlyKeys(
    fields,
    [
      'callId',
      'direction',
      'callerNumber',
      'klantcontactnummer',
      'onderwerp',
      'vertrouwelijk',
      'internal',
      'answered',
    ],
    path,
  )
  const call: ClientCallInfo = {
    callId: text(fields['callId'], `${path}.callId`, LIMITS.callId, CALL_ID),
    direction: oneOf(fields['direction'], CALL_DIRECTIONS, `${path}.direction`),
    callerNumber: text(fields['callerNumber'], `${path}.callerNumber`, LIMITS.callerNumber),
  }
  const nummer = optionalText(
    fields['klantcontactnummer'],
    `${path}.klantcontactnummer`,
    LIMITS.klantcontactnummer,
    KLANTCONTACTNUMMER_PATTERN,
  )
  if (nummer !== undefined) {
    call.klantcontactnummer = nummer
  }
  const onderwerp = optionalText(fields['onderwerp'], `${path}.onderwerp`, LIMITS.onderwerp)
  if (onderwerp !== undefined) {
    call.onderwerp = onderwerp
  }
  const vertrouwelijk = fields['vertrouwelijk']
  if (vertrouwelijk !== undefined) {
    if (typeof vertrouwelijk !== 'boolean') {
      throw new Invalid(`${path}.vertrouwelijk: expected a boolean`)
    }
    call.vertrouwelijk = vertrouwelijk
  }
  const internal = fields['internal']
  if (internal !== undefined) {
    if (typeof internal !== 'boolean') {
      throw new Invalid(`${path}.internal: expected a boolean`)
    }
    call.internal = internal
  }
  const answered = fields['answered']
  if (answered !== undefined) {
    if (typeof answered !== 'boolean') {
      throw new Invalid(`${path}.answered: expected a boolean`)
    }
    call.answered = answered
  }
  return call
}

/** A handling time: whole milliseconds, at most a day (anything longer is a clock error). */
const MAX_HANDLED_MS = 24 * 60 * 60_000

function handledMs(value: unknown, path: string): number | undefined {
  if (value === undefined) {
    return undefined
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_HANDLED_MS) {
    throw new Invalid(`${path}: expected whole milliseconds from 0 to ${MAX_HANDLED_MS}`)
  }
  return value
}

function clientMessage(input: unknown): ClientMessage {
  const fields = record(input, 'message')
  const type = fields['type']
  switch (type) {
    case 'auth':
      onlyKeys(fields, ['type', 'token'], 'message')
      return { type, token: text(fields['token'], 'message.token', LIMITS.token) }
    case 'snapshot':
    case 'ping':
      onlyKeys(fields, ['type'], 'message')
      return { type }
    case 'resume':
      onlyKeys(fields, ['type', 'epoch', 'lastSeq'], 'message')
      return {
        type,
        epoch: text(fields['epoch'], 'message.epoch', LIMITS.epoch),
        lastSeq: sequence(fields['lastSeq'], 'message.lastSeq'),
      }
    case 'state': {
      onlyKeys(fields, ['type', 'state', 'from', 'pauzeReden'], 'message')
      const state = oneOf(fields['state'], AGENT_STATES, 'message.state')
      const reden = optionalText(fields['pauzeReden'], 'message.pauzeReden', LIMITS.pauzeReden)
      if (reden !== undefined && state !== 'pauze') {
        throw new Invalid('message.pauzeReden: only with state pauze')
      }
      return {
        type,
        state,
        ...(fields['from'] !== undefined
          ? { from: oneOf(fields['from'], AGENT_STATES, 'message.from') }
          : {}),
        ...(reden !== undefined ? { pauzeReden: reden } : {}),
      }
    }
    case 'call.started':
    case 'call.updated':
      onlyKeys(fields, ['type', 'call'], 'message')
      return { type, call: callInfo(fields['call'], 'message.call') }
    case 'call.ended': {
      onlyKeys(fields, ['type', 'callId', 'reason', 'handledMs'], 'message')
      const handled = handledMs(fields['handledMs'], 'message.handledMs')
      return {
        type,
        callId: text(fields['callId'], 'message.callId', LIMITS.callId, CALL_ID),
        reason: oneOf(fields['reason'], CALL_END_REASONS, 'message.reason'),
        ...(handled !== undefined ? { handledMs: handled } : {}),
      }
    }
    default:
      throw new Invalid('message.type: unknown message type')
  }
}

/** Validates an already-parsed value as a client message. */
export function parseClientMessage(input: unknown): ParseResult<ClientMessage> {
  try {
    return { ok: true, value: clientMessage(input) }
  } catch (error) {
    if (error instanceof Invalid) {
      return { ok: false, message: error.message }
    }
    throw error
  }
}

/** Parses the text of one WebSocket message (JSON) and validates it. */
export function decodeClientMessage(data: string): ParseResult<ClientMessage> {
  if (data.length > MAX_CLIENT_MESSAGE_BYTES) {
    return { ok: false, message: 'message: too large' }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(data)
  } catch {
    return { ok: false, message: 'message: not JSON' }
  }
  return parseClientMessage(parsed)
}
