import type { KlantcontactDraft } from '../klantcontact/draft'
import type { OpenedState } from '../incoming-transfer/state'
import type { CallSnapshot } from '../softphone/types'

/**
 * What the case column shows in its main place: one case, the call's klantcontact from ring to
 * nawerk. The choice is pure, from plain store data:
 *
 * 1. A call that rings with no case yet (no draft made for it, no klantcontact a colleague passed
 *    on with it): the ringing call and its context (`ringing`).
 * 2. Otherwise whichever of the agent's active draft (`draft`) and the klantcontact they look at
 *    (`opened`: passed on by a colleague, or opened by its nummer) came forward last (case/front.ts).
 *    A transferred klantcontact is followed through the call that replaces the consult call (the
 *    transfer receiver moves its `callId`), so it keeps the main place after Opnemen and after the
 *    transfer completes.
 * 3. Nothing (`none`).
 *
 * `others`: the agent's other open drafts and, when it is not in front, the opened klantcontact, for
 * the compact list below; never in the main place.
 */
export type MainCase =
  | { readonly kind: 'ringing'; readonly call: CallSnapshot }
  | { readonly kind: 'draft'; readonly draft: KlantcontactDraft }
  | { readonly kind: 'opened' }
  | { readonly kind: 'none' }

export interface CaseInput {
  readonly call: CallSnapshot | null
  /** The agent's own drafts, oldest first (draftsOf). */
  readonly drafts: readonly KlantcontactDraft[]
  readonly activeId: string | null
  readonly draftFront: number
  readonly opened: Pick<OpenedState, 'status' | 'source' | 'callId' | 'nummer'>
  readonly openedFront: number
}

export interface CaseLayout {
  readonly main: MainCase
  /** Other drafts to list below, oldest first. */
  readonly otherDrafts: readonly KlantcontactDraft[]
  /** The opened klantcontact is open but not in the main place: it is listed below. */
  readonly openedListed: boolean
}

/** Whether a draft belongs to `call`: its call id, or the caller's SIP Call-ID (also a replaced one). */
export function isDraftOf(draft: KlantcontactDraft, call: CallSnapshot): boolean {
  if (draft.callId === call.id) {
    return true
  }
  const sip = draft.sipCallId
  return sip !== undefined && (sip === call.sipCallId || sip === call.replacedSipCallId)
}

/** Whether the opened klantcontact came with `call` (by its call id, or the nummer the call carries). */
export function isOpenedOf(opened: CaseInput['opened'], call: CallSnapshot): boolean {
  return (
    opened.status !== 'idle' &&
    opened.source === 'transfer' &&
    (opened.callId === call.id ||
      (call.klantcontactnummer !== undefined && opened.nummer === call.klantcontactnummer))
  )
}

export function caseLayout(input: CaseInput): CaseLayout {
  const { call, drafts, opened } = input
  const openedShown = opened.status !== 'idle'
  const active = drafts.find((draft) => draft.id === input.activeId)
  // A saved draft is listed only while it is the active one (the call's, kept in view till the end).
  const listable = (draft: KlantcontactDraft, main: MainCase): boolean =>
    (draft.status !== 'saved' || draft.id === input.activeId) &&
    !(main.kind === 'draft' && main.draft.id === draft.id)

  if (
    call !== null &&
    call.state === 'ringing' &&
    !drafts.some((draft) => isDraftOf(draft, call)) &&
    !isOpenedOf(opened, call)
  ) {
    const main: MainCase = { kind: 'ringing', call }
    return { main, otherDrafts: drafts.filter((d) => listable(d, main)), openedListed: openedShown }
  }
  const main: MainCase =
    openedShown && (active === undefined || input.openedFront >= input.draftFront)
      ? { kind: 'opened' }
      : active !== undefined
        ? { kind: 'draft', draft: active }
        : { kind: 'none' }
  return {
    main,
    otherDrafts: drafts.filter((d) => listable(d, main)),
    openedListed: openedShown && main.kind !== 'opened',
  }
}
