import type { SipRequest } from 'sip'
import { ASSERTED_IDENTITY_HEADER } from '../../shared/sip/asserted-identity'
import { uriOf } from './messages'
import type { Flow } from './ws-transport'

/**
 * Who sent a request, as the agents' softphones learn it (RFC 3325). The SIP server is the
 * softphones' only peer, so it is the trust domain: it removes every `P-Asserted-Identity` a client
 * sent and adds `<sip:USER@DOMAIN>` to a request an authenticated agent sent, never to a guest's.
 * A softphone therefore reads the header as "this colleague sent it" (shared/sip/asserted-identity.ts).
 */
const HEADER = ASSERTED_IDENTITY_HEADER.toLowerCase()

/** Replaces whatever the client sent with the agent's identity, or with nothing. */
export function assertIdentity(request: SipRequest, agent: string | undefined, domain: string): void {
  delete request.headers[HEADER]
  if (agent !== undefined) {
    request.headers[HEADER] = `<sip:${agent}@${domain}>`
  }
}

/**
 * The agent a connection speaks for in a dialog: the From user if the connection authenticated as
 * it, else the one agent it authenticated as. A callee's From in its own in-dialog requests is the
 * address it was called on (a group address), hence the second rule; a connection that authenticated
 * as more than one agent and names none of them is not vouched for.
 */
export function agentOf(flow: Flow, request: SipRequest): string | undefined {
  const fromUser = uriOf(request.headers.from)?.user
  if (fromUser !== undefined && flow.authenticated.has(fromUser)) {
    return fromUser
  }
  return flow.authenticated.size === 1 ? [...flow.authenticated][0] : undefined
}
