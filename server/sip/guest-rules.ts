import type { SipRequest } from 'sip'
import type { DialogMatch, Dialogs } from './dialogs'

/**
 * What a connection that never authenticated as an agent (a guest: the demo caller page) may send
 * inside a dialog: only what a caller's own call needs. ACK, BYE, re-INVITE and UPDATE (hold,
 * media), INFO (DTMF), and the NOTIFYs that report on a REFER an agent sent it (RFC 3515 §2.4.4; the
 * agent's softphone waits for them to finish a transfer). Each only inside a dialog the proxy saw
 * form with this connection on one side, and only towards the connection on the other side
 * (dialogs.ts). CANCEL is checked by the proxy against the guest's own pending INVITE. Everything
 * else (MESSAGE, SUBSCRIBE, REFER, NOTIFY of anything else, requests on a made-up or ended dialog)
 * is refused, so a guest can never reach an agent's connection outside its own call.
 */
export type GuestVerdict = { allowed: true; match: DialogMatch } | { allowed: false; why: string }

const GUEST_IN_DIALOG = new Set(['ACK', 'BYE', 'INVITE', 'UPDATE', 'INFO'])

export function guestInDialog(
  dialogs: Dialogs,
  request: SipRequest,
  fromFlowId: string,
  toFlowId: string,
): GuestVerdict {
  const match = dialogs.find(request, fromFlowId)
  if (!match) {
    return { allowed: false, why: 'no such dialog' }
  }
  if (match.peerFlowId !== toFlowId) {
    return { allowed: false, why: 'routed outside its dialog' }
  }
  if (GUEST_IN_DIALOG.has(request.method)) {
    return { allowed: true, match }
  }
  if (request.method === 'NOTIFY' && match.dialog.referred.has(fromFlowId) && isReferEvent(request)) {
    return { allowed: true, match }
  }
  return { allowed: false, why: 'method not allowed for guests' }
}

/** `Event: refer` (RFC 3515 §2.4.4), with or without an `;id=` parameter. */
function isReferEvent(request: SipRequest): boolean {
  const event = request.headers['event']
  return typeof event === 'string' && /^\s*refer\s*(;|$)/i.test(event)
}
