import type { SipRequest } from 'sip'
import type { Logger } from '../lib/logger'
import { GUEST_STRIPPED_HEADERS } from './access'
import type { Dialogs } from './dialogs'
import { guestInDialog } from './guest-rules'
import { agentOf, assertIdentity } from './identity'
import { removeHeaders } from './messages'
import type { Referrals } from './referrals'
import type { Flow } from './ws-transport'

/**
 * Who may send an in-dialog request (ACK included) along our Record-Route, and what the receiver
 * learns about the sender. A guest's connection may only act inside its own dialogs
 * (guest-rules.ts) and loses the headers only agents may set; an agent's request gets its
 * `P-Asserted-Identity` (identity.ts), every other one loses any it claimed. An agent's REFER to a
 * guest is remembered (referrals.ts, for the INVITE that follows a blind transfer), and opens the
 * dialog to the guest's NOTIFYs about it; a BYE ends the dialog.
 */
export interface InDialogContext {
  domain: string
  dialogs: Dialogs
  referrals: Referrals
  logger: Logger
}

/** False when the request is refused (403; an ACK is dropped); otherwise `request` is ready to go. */
export function admitInDialog(context: InDialogContext, request: SipRequest, from: Flow, to: Flow): boolean {
  const { dialogs, logger } = context
  const outsider = from.authenticated.size === 0
  if (outsider) {
    const verdict = guestInDialog(dialogs, request, from.id, to.id)
    if (!verdict.allowed) {
      logger.warn(
        { connection: from.id, method: request.method, why: verdict.why },
        'sip: guest request refused',
      )
      return false
    }
    removeHeaders(request, GUEST_STRIPPED_HEADERS)
  }
  const agent = outsider ? undefined : agentOf(from, request)
  assertIdentity(request, agent, context.domain)
  const match = dialogs.find(request, from.id)
  if (request.method === 'REFER' && agent !== undefined && to.authenticated.size === 0) {
    match?.dialog.referred.add(to.id)
    context.referrals.remember(to.id, request, agent)
  }
  if (request.method === 'BYE' && match) {
    dialogs.end(match.dialog)
  }
  return true
}
