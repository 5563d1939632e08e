import { filterSnapshot, matches } from './filter'
import type { LiveHub } from './hub'
import type { LiveFilter, ServerMessage } from './types'
import { encode, encodeEvent } from './wire'

/**
 * Brings one socket up to date and keeps it there: a replay of the events it missed (`resume`
 * within the hub's buffer and epoch) or a snapshot, then every later event its filter matches.
 * Both happen in one tick, so nothing falls in between; when the hub had to rebuild its state the
 * socket gets a new snapshot.
 *
 * `stillOpen` is asked after the catch-up: sending it may have dropped a client that could not keep
 * up, and a dead socket is not subscribed. Answers how to unsubscribe, or null when it was dropped.
 */
export function syncSocket(
  hub: LiveHub,
  filter: LiveFilter,
  from: { epoch: string; lastSeq: number } | undefined,
  sendText: (text: string) => void,
  stillOpen: () => boolean,
): (() => void) | null {
  const send = (message: ServerMessage): void => sendText(encode(message))
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
  if (!stillOpen()) {
    return null
  }
  const unsubscribe = hub.subscribe(filter, (event) => sendText(encodeEvent(event)))
  const unsubscribeReset = hub.onReset(() =>
    send({ type: 'snapshot', ...filterSnapshot(filter, hub.snapshot()) }),
  )
  return () => {
    unsubscribe()
    unsubscribeReset()
  }
}
