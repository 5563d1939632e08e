import type { LiveEvent, ServerMessage } from '../../../shared/live/protocol'

/**
 * Checks what arrives on the live socket before the app acts on it. The gateway is ours, but a
 * proxy, a version skew or a bug must end in a logged, ignored message, never in a crash or in
 * state built from garbage. Only the fields the agent app reads are checked.
 */
export function parseServerMessage(data: unknown): ServerMessage | undefined {
  if (typeof data !== 'string' || data.length > 1_000_000) {
    return undefined
  }
  let value: unknown
  try {
    value = JSON.parse(data)
  } catch {
    return undefined
  }
  if (!isRecord(value) || typeof value['type'] !== 'string') {
    return undefined
  }
  switch (value['type']) {
    case 'welcome':
      return typeof value['login'] === 'string' &&
        typeof value['epoch'] === 'string' &&
        isOptionalTime(value['serverTime'])
        ? (value as ServerMessage)
        : undefined
    case 'snapshot':
      return typeof value['epoch'] === 'string' &&
        typeof value['seq'] === 'number' &&
        Array.isArray(value['agents']) &&
        Array.isArray(value['calls']) &&
        Array.isArray(value['transfers']) &&
        (value['queues'] === undefined ||
          (Array.isArray(value['queues']) && value['queues'].every(isQueueStatus))) &&
        (value['inboxes'] === undefined ||
          (Array.isArray(value['inboxes']) && value['inboxes'].every(isInboxStatus)))
        ? (value as ServerMessage)
        : undefined
    case 'resumed':
      return typeof value['epoch'] === 'string' && typeof value['lastSeq'] === 'number'
        ? (value as ServerMessage)
        : undefined
    case 'event':
      return isEvent(value['event']) ? (value as ServerMessage) : undefined
    case 'error':
      return typeof value['code'] === 'string' ? (value as ServerMessage) : undefined
    case 'pong':
      return isOptionalTime(value['serverTime']) ? (value as ServerMessage) : undefined
    default:
      return undefined
  }
}

function isEvent(value: unknown): value is LiveEvent {
  return (
    isRecord(value) &&
    typeof value['type'] === 'string' &&
    typeof value['seq'] === 'number' &&
    typeof value['at'] === 'string' &&
    (value['type'] !== 'queue.changed' || isQueueStatus(value['queue'])) &&
    (value['type'] !== 'inbox.changed' || isInboxStatus(value['inbox'])) &&
    (!isRecord(value['call']) || isOptionalTime(value['call']['answeredAt']))
  )
}

/** A gateway time the screens count durations from: absent, or an ISO time that parses. */
function isOptionalTime(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && Number.isFinite(Date.parse(value)))
}

/** A queue's status goes on screen as it is (the wallboard counts up from `oldestSince`). */
function isQueueStatus(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value['afdeling'] === 'string' &&
    typeof value['waiting'] === 'number' &&
    Number.isInteger(value['waiting']) &&
    value['waiting'] >= 0 &&
    (value['oldestSince'] === undefined || typeof value['oldestSince'] === 'string')
  )
}

/** An inbox's status goes on screen as it is (the supervisor counts up from `oldestSince`). */
function isInboxStatus(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value['afdeling'] === 'string' &&
    typeof value['open'] === 'number' &&
    Number.isInteger(value['open']) &&
    value['open'] >= 0 &&
    isOptionalTime(value['oldestSince'])
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
