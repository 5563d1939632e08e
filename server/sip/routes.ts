import sip, { type NameAddr, type SipRequest, type SipUri } from 'sip'
import type { FlowTokens } from './flow-token'
import type { ForkBranch } from './fork'
import type { Binding } from './registrar'
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

const RECORD_ROUTED = new Set(['INVITE', 'SUBSCRIBE', 'REFER'])

/**
 * An initial request as it goes to each binding: a copy with the binding's Contact as Request-URI
 * (unless `keepUri`: the Request-URI is that Contact already) and, on a dialog-forming request, our
 * two Record-Route entries, the first naming the callee's connection, the second the caller's.
 */
export function branchCopies(
  context: { tokens: FlowTokens; domain: string; flows: ReadonlyMap<string, Flow> },
  request: SipRequest,
  callerFlow: Flow,
  bindings: Binding[],
  keepUri: boolean,
): ForkBranch[] {
  const { tokens, domain, flows } = context
  return bindings.flatMap((binding) => {
    const branchFlow = flows.get(binding.flowId)
    if (!branchFlow) {
      return []
    }
    const copy = sip.copyMessage(request, true)
    if (!keepUri) {
      copy.uri = binding.contact
    }
    if (RECORD_ROUTED.has(request.method)) {
      copy.headers['record-route'] = [
        recordRoute(tokens, domain, branchFlow),
        recordRoute(tokens, domain, callerFlow),
        ...(request.headers['record-route'] ?? []),
      ]
    }
    return [{ flow: branchFlow, request: copy }]
  })
}
