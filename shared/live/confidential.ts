/**
 * What of a call may travel on the live feed: never the onderwerp of a vertrouwelijk klantcontact.
 * That content is for the agents involved only; a supervisor's role grants none of it
 * (docs/gateway.md). The agent's app applies this before it reports a call, the gateway again
 * before it publishes one, and the supervisor's view before it shows one, so no single slip
 * exposes it.
 */
export interface CallContent {
  readonly onderwerp?: string
  readonly vertrouwelijk?: boolean
}

/** The call as it may be shared: without its onderwerp when it is vertrouwelijk. */
export function shareableCall<T extends CallContent>(call: T): T {
  if (call.vertrouwelijk !== true || call.onderwerp === undefined) {
    return call
  }
  const { onderwerp: _withheld, ...rest } = call
  return rest as T
}
