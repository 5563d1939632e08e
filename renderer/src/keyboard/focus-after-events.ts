import type { StoreApi } from 'zustand'
import { focusTarget, type FocusTarget } from '../lib/focus-targets'
import { isTransferInProgress } from '../softphone/transfer/transfer-states'
import type { SoftphoneSnapshot } from '../softphone/types'
import type { StoreState } from '../store/types'
import type { CallEvent, CallEventSource } from '../workspace/call-events'
import { isTextEntry } from './text-entry'

/** How long a focus move waits for its element to render before it gives up. */
export const FOCUS_WAIT_MS = 500
const RETRY_MS = 20

export interface FocusAfterEventsOptions {
  readonly events: CallEventSource
  readonly store: Pick<StoreApi<StoreState>, 'getState' | 'subscribe'>
  readonly doc?: Document
  /** Runs `run` a little later; returns the cancel function. A timer, not a frame: it also runs in a background tab. */
  readonly later?: (run: () => void, ms: number) => () => void
  readonly now?: () => number
}

/**
 * The focus after every call event, in one place (the elements carry the ids of
 * lib/focus-targets.ts):
 *
 * - a call rings: Opnemen, unless the agent is typing in a field (the shortcut answers from there);
 * - a call is answered: the first field of its klantcontact, or the case heading for a klantcontact
 *   a colleague passed on (there is nothing to type in first);
 * - a call ends: the case heading, unless the agent is typing (writing up the call);
 * - the Doorverbinden dialog opens: its first control;
 * - the colleague answers the consult: Doorverbinden voltooien;
 * - a transfer is done, failed or cancelled: the case heading;
 * - a klantcontact is saved, or the dialog closes: the case heading if the focus fell to the page.
 *
 * Each move waits up to {@link FOCUS_WAIT_MS} for its element to render, gives up when the agent
 * put the focus somewhere themselves meanwhile, and when its element never comes and the focus
 * fell to the page (the pressed button went away) it goes to the case heading, so the focus is
 * never lost after Opnemen, Doorverbinden or Ophangen. A newer move replaces a pending one.
 */
export function startFocusAfterEvents(options: FocusAfterEventsOptions): () => void {
  const doc = options.doc ?? document
  const later =
    options.later ??
    ((run: () => void, ms: number) => {
      const timer = setTimeout(run, ms)
      return () => clearTimeout(timer)
    })
  const now = options.now ?? (() => Date.now())
  let cancelPending: (() => void) | undefined

  const lost = (): boolean => doc.activeElement === null || doc.activeElement === doc.body
  const typing = (): boolean => isTextEntry(doc.activeElement)

  const move = (targets: readonly FocusTarget[], guard: () => boolean = () => true): void => {
    cancelPending?.()
    const started = now()
    const before = doc.activeElement
    const tick = (): void => {
      cancelPending = undefined
      const active = doc.activeElement
      // The agent put the focus somewhere themselves: it stays there.
      if ((active !== before && !lost()) || !guard()) {
        return
      }
      if (targets.some((target) => focusTarget(target, doc))) {
        return
      }
      if (now() - started >= FOCUS_WAIT_MS) {
        if (lost()) {
          focusTarget('caseHeading', doc)
        }
        return
      }
      cancelPending = later(tick, RETRY_MS)
    }
    // Not at once: the event comes before React renders the call's controls.
    cancelPending = later(tick, 0)
  }

  /**
   * For a while after a change that takes an element away (the form that became a saved
   * klantcontact, the dialog that closed): when the focus falls to the page, to the case heading.
   */
  let cancelRescue: (() => void) | undefined
  const rescue = (): void => {
    cancelRescue?.()
    const started = now()
    const tick = (): void => {
      cancelRescue = undefined
      if (lost() && cancelPending === undefined) {
        focusTarget('caseHeading', doc)
        return
      }
      if (now() - started < FOCUS_WAIT_MS) {
        cancelRescue = later(tick, RETRY_MS)
      }
    }
    cancelRescue = later(tick, 0)
  }

  const liveCall = (): boolean => {
    const state = options.store.getState().workspace.phone.call?.state
    return state !== undefined && state !== 'ended' && state !== 'idle'
  }

  /** The call whose Opnemen already moved the focus into its klantcontact. */
  let focusedAtAnswering: string | undefined

  const onCallEvent = (event: CallEvent): void => {
    switch (event.type) {
      case 'rang':
        if (event.call.direction === 'inbound' && !typing()) {
          move(['answer'])
        }
        return
      case 'answering':
      case 'answered':
        // At Opnemen the draft opens (klantcontact/screen-pop.ts) and takes the focus; the answer
        // that follows moves nothing, or it would pull back an agent who already went on typing.
        if (event.type === 'answered' && focusedAtAnswering === event.callId) {
          return
        }
        focusedAtAnswering = event.type === 'answering' ? event.callId : undefined
        move(event.classification.kind === 'transferred' ? ['caseHeading'] : ['caseFirstField'])
        return
      case 'replaced':
      case 'reclassified':
        // The customer took the consult's place (or the ringing call turned out to be a transfer):
        // the screen stays as it is, unless the focus went with the call that was replaced.
        rescue()
        return
      case 'ended':
        // The consult a customer replaced ends while the customer's call goes on: nothing moves.
        if (!typing() || lost()) {
          move(['caseHeading'], () => !liveCall() || lost())
        }
        return
      default: {
        const unknown: never = event
        throw new Error(`unknown call event ${JSON.stringify(unknown)}`)
      }
    }
  }

  const onStoreChange = (state: StoreState, previous: StoreState): void => {
    const dialogOpen = state.transfer.dialogOpen
    if (dialogOpen && !previous.transfer.dialogOpen) {
      move(['transferFirst'])
    } else if (!dialogOpen && previous.transfer.dialogOpen) {
      // Closed without a transfer (Escape, Annuleren) or with one that now rings: the dialog
      // gives the focus back itself; only a focus that fell to the page is caught.
      rescue()
    }
    if (draftSaved(state, previous)) {
      // The form makes way for the saved klantcontact.
      rescue()
    }
    const phone = state.workspace.phone
    const before = previous.workspace.phone
    if (phone === before) {
      return
    }
    if (consultAnswered(phone, before)) {
      move(['consultComplete'])
    }
    if (transferEnded(phone, before)) {
      move(['caseHeading'])
    }
  }

  const unsubscribeEvents = options.events.subscribe(onCallEvent)
  const unsubscribeStore = options.store.subscribe(onStoreChange)
  return () => {
    unsubscribeEvents()
    unsubscribeStore()
    cancelPending?.()
    cancelRescue?.()
  }
}

function draftSaved(state: StoreState, previous: StoreState): boolean {
  const drafts = state.klantcontact.drafts
  const before = previous.klantcontact.drafts
  return (
    drafts !== before &&
    Object.values(drafts).some((draft) => draft.status === 'saved' && before[draft.id]?.status !== 'saved')
  )
}

function consultAnswered(phone: SoftphoneSnapshot, before: SoftphoneSnapshot): boolean {
  const consult = phone.consult
  return (
    consult !== null &&
    consult.answeredAt !== undefined &&
    consult.state !== 'ended' &&
    (before.consult?.id !== consult.id || before.consult.answeredAt === undefined)
  )
}

function transferEnded(phone: SoftphoneSnapshot, before: SoftphoneSnapshot): boolean {
  return (
    phone.transfer !== null &&
    !isTransferInProgress(phone.transfer.state) &&
    before.transfer !== null &&
    isTransferInProgress(before.transfer.state)
  )
}
