import type { LiveCall, LiveEventBody } from './types'

/**
 * A `call.ended` as the hub publishes it: with the direction and the internal mark of the call as
 * its `call.started` told the hub. The counters rest on these two (an outbound call the citizen did
 * not pick up is no abandoned call), so they come from the hub's record of the call, whoever
 * publishes the end (the agent's app, or presence ending an offline agent's calls), and not from
 * the end message itself. Other events pass unchanged.
 */
export function withCallFacts(
  event: LiveEventBody,
  call: (callId: string) => LiveCall | undefined,
): LiveEventBody {
  if (event.type !== 'call.ended') {
    return event
  }
  const known = call(event.callId)
  if (!known) {
    return event
  }
  return {
    ...event,
    direction: known.direction,
    ...(known.internal === true ? { internal: true } : {}),
  }
}
