import type { RawData } from 'ws'
import type { LiveEvent, ServerMessage } from './types'

/**
 * Serialising server messages. An event goes to every supervisor and maybe several agents; its
 * text is built once and shared (events are immutable once published), which keeps fan-out to
 * hundreds of sockets from being hundreds of JSON.stringify calls per event.
 */
const eventTexts = new WeakMap<LiveEvent, string>()

export function encodeEvent(event: LiveEvent): string {
  let text = eventTexts.get(event)
  if (text === undefined) {
    text = JSON.stringify({ type: 'event', event } satisfies ServerMessage)
    eventTexts.set(event, text)
  }
  return text
}

export function encode(message: ServerMessage): string {
  return message.type === 'event' ? encodeEvent(message.event) : JSON.stringify(message)
}

/** The text of a client message, however ws chose to hand it over. */
export function textOf(data: RawData): string {
  if (Array.isArray(data)) {
    return Buffer.concat(data).toString('utf8')
  }
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8')
}
