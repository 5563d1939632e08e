import type { NameAddr, SipRequest, SipUri } from 'sip'
import type { FlowTokens } from './flow-token'
import type { Flow } from './ws-transport'

/**
 * Our Record-Route entries and the Route entries that come back in in-dialog requests: the user
 * part is a flow token (flow-token.ts) naming the connection a request must leave on.
 */
export function recordRoute(tokens: FlowTokens, domain: string, flow: Flow): NameAddr<SipUri> {
  return {
    uri: {
      schema: 'sip',
      user: tokens.encode(flow.id),
      host: domain,
      params: { transport: flow.protocol.toLowerCase(), lr: null },
      headers: {},
    },
    params: {},
  }
}

/** Pops the leading Route entries that are ours; returns the connection the last one names. */
export function popOwnRoutes(
  tokens: FlowTokens,
  domain: string,
  request: SipRequest,
): { flowId?: string; foreign: boolean } {
  const routes = request.headers.route ?? []
  let flowId: string | undefined
  while (routes.length > 0 && routes[0]!.uri?.host?.toLowerCase() === domain) {
    const user = routes.shift()!.uri.user
    flowId = user ? tokens.decode(user) : undefined
  }
  if (routes.length === 0) {
    delete request.headers.route
  }
  return { flowId, foreign: routes.length > 0 }
}
