import type { StateCreator } from 'zustand'
import type { KlantcontactView, PartijMatchView, ProblemView } from '../../../shared/gateway/api'
import { messagesOf } from '../i18n/locale'
import { createLogger } from '../log'
import type { StoreState } from '../store/types'
import {
  applyPatch,
  draftsOf,
  isEditable,
  newDraft,
  nextStatus,
  type DraftAanleiding,
  type DraftEvent,
  type DraftField,
  type DraftPatch,
  type DraftStatus,
  type KlantcontactDraft,
} from './draft'
import { nextFront } from '../case/front'
import { klantcontactMessages } from './messages'
import { placeProblem } from './problem-fields'
import { toRegisterInput } from './to-register-input'
import { firstInvalid, validateDraft } from './validate'

const log = createLogger('klantcontact')

/** A form field that must take focus: the screen pop's "Naam klant", or the first invalid field. */
export interface FocusRequest {
  readonly token: number
  readonly draftId: string
  readonly field: DraftField
}

export interface KlantcontactState {
  readonly drafts: Readonly<Record<string, KlantcontactDraft>>
  readonly activeId: string | null
  /** Bumped whenever a form must take focus; `focusRequest` says where. */
  readonly focusToken: number
  readonly focusRequest: FocusRequest | null
  /** When the active draft last came forward (case/front.ts). */
  readonly front: number
}

export interface OpenForCall {
  readonly agentLogin: string
  readonly callId: string
  /** The caller's SIP Call-ID: a draft still being written for it carries on (draft.ts). */
  readonly sipCallId?: string
  readonly callerNumber?: string
  /** Epoch ms the call rang in. */
  readonly at: number
  /** A call-back from the inbox: what it follows up (draft.ts). */
  readonly aanleiding?: DraftAanleiding
}

/**
 * Synchronous actions on plain data; the outbox (outbox.ts) and the screen pop (screen-pop.ts) are
 * the services that call the `mark…` and `set…` ones. An impossible transition is ignored (and
 * logged at debug): a late answer for a draft the agent already dismissed changes nothing.
 */
export interface KlantcontactActions {
  /** Screen pop: a new draft for the call, active and focused; the call's existing draft otherwise. */
  openForCall(call: OpenForCall): string
  /** The answer time replaces the ring time, unless the agent edited plaatsgevondenOp. */
  callAnswered(callId: string, at: number): void
  /** "Nieuw klantcontact": a draft without a call, active and focused. */
  openManual(agentLogin: string, at?: number): string
  activate(id: string): void
  update(id: string, patch: DraftPatch): void
  /** Opslaan: valid → queued (the outbox sends it); invalid → field errors, focus on the first. */
  requestSave(id: string, now?: number): boolean
  markSending(id: string): void
  markSaved(id: string, view: KlantcontactView): void
  markWaiting(id: string, message: string): void
  markRejected(id: string, problem: ProblemView | undefined, message?: string): void
  /** Back to the queue without an attempt having counted (401: sent again after the next login). */
  markQueued(id: string): void
  /** A new id and Idempotency-Key, queued again (the gateway's 422 "key reused with another body"). */
  rekey(id: string): string | undefined
  /** A saved draft's inhoud as the gateway holds it after an aanvulling (the register's text). */
  aanvuld(id: string, view: KlantcontactView): void
  setSuggestion(id: string, suggestion: PartijMatchView): void
  acceptSuggestion(id: string): void
  /** Closes a saved draft, or discards an unsaved one when `discardUnsaved` (after the agent confirmed). */
  dismiss(id: string, options?: { readonly discardUnsaved?: boolean }): boolean
  /** Closes every saved draft of the agent (at logout). */
  clearSaved(agentLogin: string): void
  focusHandled(token: number): void
}

export interface KlantcontactSlice {
  readonly klantcontact: KlantcontactState & KlantcontactActions
}

export const INITIAL_KLANTCONTACT: KlantcontactState = {
  drafts: {},
  activeId: null,
  focusToken: 0,
  focusRequest: null,
  front: 0,
}

export const createKlantcontactSlice: StateCreator<StoreState, [], [], KlantcontactSlice> = (set, get) => {
  const current = (): KlantcontactState => get().klantcontact
  const write = (values: Partial<KlantcontactState>): void =>
    set((state) => ({ klantcontact: { ...state.klantcontact, ...values } }))
  const put = (draft: KlantcontactDraft, values: Partial<KlantcontactState> = {}): void =>
    write({ drafts: { ...current().drafts, [draft.id]: draft }, ...values })
  const focusOn = (draftId: string, field: DraftField): Partial<KlantcontactState> => {
    const token = current().focusToken + 1
    return { focusToken: token, focusRequest: { token, draftId, field } }
  }
  const transition = (
    id: string,
    event: DraftEvent,
    change: (draft: KlantcontactDraft, status: DraftStatus) => KlantcontactDraft,
  ): KlantcontactDraft | undefined => {
    const draft = current().drafts[id]
    const status = draft && nextStatus(draft.status, event)
    if (draft === undefined || status === undefined) {
      log.debug({ id, from: draft?.status ?? 'absent', event }, 'draft transition ignored')
      return undefined
    }
    const next = change(draft, status)
    put(next)
    return next
  }
  const forward = (activeId: string): Partial<KlantcontactState> => ({ activeId, front: nextFront(get()) })
  const open = (draft: KlantcontactDraft): string => {
    put(draft, { ...forward(draft.id), ...focusOn(draft.id, 'naamKlant') })
    return draft.id
  }
  /** After a draft leaves: the agent's newest other unsaved draft, if any. */
  const successor = (
    drafts: Readonly<Record<string, KlantcontactDraft>>,
    leaving: KlantcontactDraft,
  ): string | null => {
    const others = draftsOf(drafts, leaving.agentLogin).filter((draft) => draft.status !== 'saved')
    return others.at(-1)?.id ?? null
  }

  return {
    klantcontact: {
      ...INITIAL_KLANTCONTACT,

      openForCall: ({ agentLogin, callId, sipCallId, callerNumber, at, aanleiding }) => {
        const drafts = Object.values(current().drafts).filter((draft) => draft.agentLogin === agentLogin)
        const existing = drafts.find((draft) => draft.callId === callId)
        if (existing) {
          write(forward(existing.id))
          return existing.id
        }
        // The same caller rings again (the queue offers a call anew after a missed ring or a
        // reload): the agent goes on with what they were writing, now for this ring.
        const resumed =
          sipCallId === undefined || sipCallId === ''
            ? undefined
            : drafts.find((draft) => draft.sipCallId === sipCallId && isEditable(draft.status))
        if (resumed) {
          put({ ...resumed, callId }, forward(resumed.id))
          return resumed.id
        }
        return open(
          newDraft({ id: crypto.randomUUID(), agentLogin, at, callId, sipCallId, callerNumber, aanleiding }),
        )
      },

      callAnswered: (callId, at) => {
        const draft = Object.values(current().drafts).find((d) => d.callId === callId)
        if (draft === undefined || draft.plaatsgevondenOpEdited || !isEditable(draft.status)) {
          return
        }
        put({ ...draft, plaatsgevondenOp: new Date(at).toISOString() })
      },

      openManual: (agentLogin, at = Date.now()) =>
        open(newDraft({ id: crypto.randomUUID(), agentLogin, at })),

      activate: (id) => {
        if (current().drafts[id] !== undefined) {
          write(forward(id))
        }
      },

      update: (id, patch) => {
        const draft = current().drafts[id]
        const next = draft && applyPatch(draft, patch)
        if (next === undefined) {
          log.debug({ id, status: draft?.status ?? 'absent' }, 'edit of a read-only draft ignored')
          return
        }
        put(next)
      },

      requestSave: (id, now = Date.now()) => {
        const draft = current().drafts[id]
        if (draft === undefined || !isEditable(draft.status)) {
          return false
        }
        const fieldErrors = validateDraft(draft, now)
        const invalid = firstInvalid(fieldErrors)
        if (invalid !== undefined) {
          const { lastError: _stale, ...rest } = draft
          put({ ...rest, status: 'editing', fieldErrors }, focusOn(id, invalid))
          return false
        }
        transition(id, 'save', ({ lastError: _stale, ...rest }, status) => ({
          ...rest,
          status,
          fieldErrors: {},
          request: toRegisterInput(draft),
        }))
        return true
      },

      markSending: (id) => {
        transition(id, 'send', (draft, status) => ({ ...draft, status }))
      },

      markSaved: (id, view) => {
        transition(id, 'confirmed', ({ lastError: _e, request: _r, ...rest }, status) => ({
          ...rest,
          status,
          ...(view.nummer !== null ? { nummer: view.nummer } : {}),
          uuid: view.uuid,
          fieldErrors: {},
        }))
      },

      markWaiting: (id, message) => {
        transition(id, 'retryable', (draft, status) => ({ ...draft, status, lastError: message }))
      },

      markRejected: (id, problem, message) => {
        const { fieldErrors, other } = placeProblem(problem)
        const invalid = firstInvalid(fieldErrors)
        const general =
          other.length > 0
            ? other.join(' ')
            : invalid === undefined
              ? (problem?.detail ?? message ?? messagesOf(klantcontactMessages).errors.onbekend)
              : undefined
        const next = transition(id, 'refused', ({ request: _sent, lastError: _e, ...rest }, status) => ({
          ...rest,
          status,
          fieldErrors,
          ...(general !== undefined ? { lastError: general } : {}),
        }))
        if (next && invalid !== undefined && current().activeId === id) {
          write(focusOn(id, invalid))
        }
      },

      markQueued: (id) => {
        transition(id, 'requeue', (draft, status) => ({ ...draft, status }))
      },

      rekey: (id) => {
        const draft = current().drafts[id]
        const status = draft && nextStatus(draft.status, 'requeue')
        if (draft === undefined || status === undefined) {
          log.debug({ id, from: draft?.status ?? 'absent' }, 'rekey ignored')
          return undefined
        }
        const { [id]: _old, ...drafts } = current().drafts
        const fresh: KlantcontactDraft = { ...draft, id: crypto.randomUUID(), status }
        write({
          drafts: { ...drafts, [fresh.id]: fresh },
          activeId: current().activeId === id ? fresh.id : current().activeId,
        })
        return fresh.id
      },

      aanvuld: (id, view) => {
        const draft = current().drafts[id]
        if (draft?.status === 'saved' && draft.uuid === view.uuid && view.inhoud !== null) {
          put({ ...draft, inhoud: view.inhoud })
        }
      },

      setSuggestion: (id, { uuid, naam }) => {
        const draft = current().drafts[id]
        if (draft !== undefined && draft.status !== 'saved') {
          put({ ...draft, suggestion: { uuid, naam } })
        }
      },

      acceptSuggestion: (id) => {
        const draft = current().drafts[id]
        const suggestion = draft?.suggestion
        const next = draft && suggestion && applyPatch(draft, { naamKlant: suggestion.naam })
        if (next && suggestion) {
          put({ ...next, partijUuid: suggestion.uuid })
        }
      },

      dismiss: (id, options = {}) => {
        const draft = current().drafts[id]
        if (draft === undefined) {
          return false
        }
        const allowed =
          draft.status === 'saved' || (options.discardUnsaved === true && isEditable(draft.status))
        if (!allowed) {
          return false
        }
        const { [id]: _gone, ...drafts } = current().drafts
        write({ drafts, activeId: current().activeId === id ? successor(drafts, draft) : current().activeId })
        return true
      },

      clearSaved: (agentLogin) => {
        const { drafts, activeId } = current()
        const kept = Object.fromEntries(
          Object.entries(drafts).filter(([, d]) => !(d.agentLogin === agentLogin && d.status === 'saved')),
        )
        write({ drafts: kept, activeId: activeId !== null && kept[activeId] ? activeId : null })
      },

      focusHandled: (token) => {
        if (current().focusRequest?.token === token) {
          write({ focusRequest: null })
        }
      },
    },
  }
}
