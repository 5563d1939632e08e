import type { SipResponse } from 'sip'
import { expect } from 'vitest'
import type { Received, SipTestClient } from './sip-client'
import { Dialog, firstContact } from './sip-dialog'
import { TEST_SDP } from './sip-requests'

/** What test/integration/sip/trust.test.ts needs beyond the test client: who-sent-what checks. */

/** Every `name:` header line of a message as it came off the wire, names compared without case. */
export function headerLines(raw: string, name: string): string[] {
  const escaped = name.replace(/[-]/g, '\\-')
  return raw.match(new RegExp(`^${escaped}[ \\t]*:.*$`, 'gim'))?.map((line) => line.replace(/\r$/, '')) ?? []
}

/** Exactly one `P-Asserted-Identity`, spelt so, naming `user` (the contract in docs/telephony.md). */
export function expectAsserted(received: Received, user: string, domain: string): void {
  expect(headerLines(received.raw, 'P-Asserted-Identity')).toEqual([
    `P-Asserted-Identity: <sip:${user}@${domain}>`,
  ])
}

export function expectNotAsserted(received: Received): void {
  expect(headerLines(received.raw, 'P-Asserted-Identity')).toEqual([])
}

/**
 * A guest's INVITE that `callee` rings (180, with Record-Route and Contact as a phone sends them)
 * and then rejects with `status`. Returns the 180 the guest saw: what an attacker keeps of the call.
 */
export async function rejectedCall(
  guest: SipTestClient,
  callee: SipTestClient,
  target: string,
  status = 486,
): Promise<{ ringing: SipResponse; final: SipResponse; callId: string; fromTag: string }> {
  const request = guest.build('INVITE', target, {
    headers: { 'content-type': 'application/sdp' },
    content: TEST_SDP,
  })
  let pending = guest.transaction(request)
  let sent = request
  const rejecting = (async () => {
    const incoming = await callee.nextRequest('INVITE')
    const toTag = callee.respond(incoming.message, 180, { reason: 'Ringing' })
    callee.respond(incoming.message, status, { toTag })
  })()
  let result = await pending
  if (result.final.status === 407) {
    sent = guest.authorized(request, result.final)
    pending = guest.transaction(sent)
    result = await pending
  }
  await rejecting
  const ringing = result.provisional.find((r) => r.status === 180)
  if (!ringing) {
    throw new Error(`no 180 before ${result.final.status}`)
  }
  return {
    ringing,
    final: result.final,
    callId: sent.headers['call-id'],
    fromTag: String(sent.headers.from.params['tag']),
  }
}

/** The dialog a guest would make up from a 180 it saw, with any To tag it likes. */
export function forgedDialog(
  guest: SipTestClient,
  call: { ringing: SipResponse; callId: string; fromTag: string },
  toTag: string,
): Dialog {
  const to = call.ringing.headers.to
  return new Dialog(
    guest,
    call.callId,
    { uri: guest.aor, params: { tag: call.fromTag } },
    { ...to, params: { ...to.params, tag: toTag } },
    firstContact(call.ringing),
    [...(call.ringing.headers['record-route'] ?? [])].reverse(),
    100,
  )
}

/** In-dialog requests a call does not need, each with what makes it plausible. */
export const NOT_FOR_GUESTS: Array<{ method: string; headers: Record<string, string>; content?: string }> = [
  { method: 'MESSAGE', headers: { 'content-type': 'text/plain' }, content: 'hoi' },
  {
    method: 'INFO',
    headers: { 'content-type': 'application/dtmf-relay' },
    content: 'Signal=1\r\nDuration=100\r\n',
  },
  {
    method: 'NOTIFY',
    headers: { event: 'refer', 'subscription-state': 'active', 'content-type': 'message/sipfrag' },
    content: 'SIP/2.0 200 OK\r\n',
  },
  { method: 'REFER', headers: { 'refer-to': '<sip:agent2@kcc.test?X-KCC-Klantcontact=26000002>' } },
  { method: 'SUBSCRIBE', headers: { event: 'dialog', expires: '60' } },
]
