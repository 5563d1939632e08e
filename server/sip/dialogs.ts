import type { SipRequest, SipResponse } from 'sip'

/**
 * The dialogs the proxy itself saw form (RFC 3261 §12.1): an initial INVITE it forwarded, answered
 * with a 1xx carrying a To tag (early) or a 2xx (confirmed). A connection that never authenticated
 * may only act inside one of these (guest-rules.ts), so a Call-ID, tag or flow token it learnt or
 * made up opens nothing. Each side is bound to its own connection: the caller sends with the
 * caller's tag as From tag on the caller's connection, the callee the other way round.
 *
 * A dialog is forgotten on BYE, when its INVITE ends without confirming it (a failure, a CANCEL,
 * the ring timeout, another branch answering), and when either connection closes.
 */
export interface TrackedDialog {
  readonly callId: string
  readonly callerTag: string
  readonly calleeTag: string
  readonly callerFlowId: string
  readonly calleeFlowId: string
  confirmed: boolean
  /** Connections an agent REFERred in this dialog: their NOTIFYs (RFC 3515 §2.4.4) may come back. */
  readonly referred: Set<string>
}

export interface DialogMatch {
  dialog: TrackedDialog
  /** The connection on the other side of the dialog from the sender. */
  peerFlowId: string
}

export interface Dialogs {
  /** A response to an initial INVITE that came from `callerFlowId` and went to `calleeFlowId`. */
  onInviteResponse(
    invite: SipRequest,
    callerFlowId: string,
    response: SipResponse,
    calleeFlowId: string,
  ): void
  /** The INVITE's transaction is over: the early dialogs it did not confirm are gone. */
  onInviteFinished(invite: SipRequest, callerFlowId: string): void
  /** The dialog `request` belongs to when `flowId` sent it, if the proxy knows one. */
  find(request: SipRequest, flowId: string): DialogMatch | undefined
  end(dialog: TrackedDialog): void
  dropFlow(flowId: string): void
  size(): number
}

const tagOf = (address: { params: Record<string, string | null> }): string | undefined => {
  const tag = address.params['tag']
  return typeof tag === 'string' && tag.length > 0 ? tag : undefined
}

export function createDialogs(): Dialogs {
  const byCallId = new Map<string, TrackedDialog[]>()

  const remove = (dialog: TrackedDialog): void => {
    const list = byCallId.get(dialog.callId)
    if (!list) {
      return
    }
    const rest = list.filter((d) => d !== dialog)
    if (rest.length > 0) {
      byCallId.set(dialog.callId, rest)
    } else {
      byCallId.delete(dialog.callId)
    }
  }

  return {
    onInviteResponse(invite, callerFlowId, response, calleeFlowId) {
      const callerTag = tagOf(invite.headers.from)
      const calleeTag = tagOf(response.headers.to)
      if (response.status <= 100 || response.status >= 300 || !callerTag || !calleeTag) {
        return
      }
      const callId = invite.headers['call-id']
      const list = byCallId.get(callId) ?? []
      const known = list.find((d) => d.callerTag === callerTag && d.calleeTag === calleeTag)
      if (known) {
        known.confirmed ||= response.status >= 200
        return
      }
      list.push({
        callId,
        callerTag,
        calleeTag,
        callerFlowId,
        calleeFlowId,
        confirmed: response.status >= 200,
        referred: new Set(),
      })
      byCallId.set(callId, list)
    },

    onInviteFinished(invite, callerFlowId) {
      const callerTag = tagOf(invite.headers.from)
      for (const dialog of byCallId.get(invite.headers['call-id']) ?? []) {
        if (!dialog.confirmed && dialog.callerTag === callerTag && dialog.callerFlowId === callerFlowId) {
          remove(dialog)
        }
      }
    },

    find(request, flowId) {
      const from = tagOf(request.headers.from)
      const to = tagOf(request.headers.to)
      for (const dialog of byCallId.get(request.headers['call-id']) ?? []) {
        if (from === dialog.callerTag && to === dialog.calleeTag && flowId === dialog.callerFlowId) {
          return { dialog, peerFlowId: dialog.calleeFlowId }
        }
        if (from === dialog.calleeTag && to === dialog.callerTag && flowId === dialog.calleeFlowId) {
          return { dialog, peerFlowId: dialog.callerFlowId }
        }
      }
      return undefined
    },

    end: remove,

    dropFlow(flowId) {
      for (const list of [...byCallId.values()]) {
        for (const dialog of list) {
          if (dialog.callerFlowId === flowId || dialog.calleeFlowId === flowId) {
            remove(dialog)
          }
        }
      }
    },

    size() {
      let count = 0
      for (const list of byCallId.values()) {
        count += list.length
      }
      return count
    },
  }
}
