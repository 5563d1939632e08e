import type { StateCreator } from 'zustand'
import type { KlantcontactView } from '../../../shared/gateway/api'
import { nextFront } from '../case/front'
import { createLogger } from '../log'
import type { StoreState } from '../store/types'
import {
  INITIAL_ANSWER,
  INITIAL_OPENED,
  nextAnswerStatus,
  type AnswerEvent,
  type AnswerState,
  type OpenedError,
  type OpenedState,
  type OpenRequest,
} from './state'

const log = createLogger('opened')

/**
 * Synchronous actions on the opened klantcontact (state.ts); the services (open.ts, answer.ts,
 * transfer-receiver.ts) call them around their requests. A late answer that no longer fits (the
 * agent opened another nummer meanwhile) changes nothing and is logged at debug.
 */
export interface OpenedActions {
  /** Starts opening `nummer`: loading, with an empty answer. */
  begin(request: OpenRequest): void
  /** The gateway's klantcontact for `nummer`; only while that nummer is loading. */
  loaded(nummer: string, view: KlantcontactView): void
  loadFailed(nummer: string, error: OpenedError): void
  /**
   * A transfer, resolved before anything was shown: ready at once. The klantcontact already open
   * keeps what the agent typed as an answer.
   */
  show(request: OpenRequest, view: KlantcontactView): void
  /** A transfer that could not be opened (not a 404: that opens nothing). */
  fail(request: OpenRequest, error: OpenedError): void
  /**
   * The klantcontact open for `nummer` now goes with `callId`: the customer's call that replaced the
   * consult call at the end of an attended transfer (RFC 3891).
   */
  followCall(nummer: string, callId: string): void
  editAnswer(text: string): void
  /** Before sending: false (and nothing changes) unless `uuid` is open and its answer may be sent. */
  answerSaving(uuid: string): boolean
  answerSaved(uuid: string, view: KlantcontactView): void
  answerFailed(uuid: string, error: OpenedError): void
  /** Refused before sending (empty, does not fit); the text stays for the agent to correct. */
  answerInvalid(error: OpenedError): void
  close(): void
  /** The agent brings this klantcontact back to the main place (case/front.ts). */
  bringToFront(): void
}

export interface OpenedSlice {
  /** `front`: when it last came forward (case/front.ts). */
  readonly opened: OpenedState & OpenedActions & { readonly front: number }
}

export const createOpenedSlice: StateCreator<StoreState, [], [], OpenedSlice> = (set, get) => {
  const current = (): OpenedState => get().opened
  /**
   * Replaces the state part wholesale, so an optional field `next` lacks (a stale error) is gone;
   * `forward` when this is something newly opened, which takes the main place.
   */
  const replace = (next: OpenedState, forward = false): void =>
    set({ opened: { ...actions, ...next, front: forward ? nextFront(get()) : get().opened.front } })
  const answerOn = (
    event: AnswerEvent,
    uuid: string | undefined,
    change: (answer: AnswerState, status: AnswerState['status']) => AnswerState,
    view?: KlantcontactView,
  ): boolean => {
    const state = current()
    const status = nextAnswerStatus(state.answer.status, event)
    const applies = state.status === 'ready' && (uuid === undefined || state.view?.uuid === uuid)
    if (!applies || status === undefined) {
      log.debug({ status: state.status, from: state.answer.status, event }, 'answer transition ignored')
      return false
    }
    replace({ ...withoutError(state), ...(view ? { view } : {}), answer: change(state.answer, status) })
    return true
  }
  const stillLoading = (nummer: string): boolean => {
    const state = current()
    const applies = state.status === 'loading' && state.nummer === nummer
    if (!applies) {
      log.debug({ status: state.status }, 'late klantcontact ignored')
    }
    return applies
  }

  const actions: OpenedActions = {
    begin: (request) => replace({ ...fromRequest(request), status: 'loading', answer: INITIAL_ANSWER }, true),

    loaded: (nummer, view) => {
      if (stillLoading(nummer)) {
        replace({ ...withoutError(current()), status: 'ready', view })
      }
    },

    loadFailed: (nummer, error) => {
      if (stillLoading(nummer)) {
        replace({ ...fromRequest(current()), status: 'failed', error, answer: INITIAL_ANSWER })
      }
    },

    show: (request, view) => {
      const state = current()
      const same = state.status === 'ready' && state.view?.uuid === view.uuid
      replace(
        { ...fromRequest(request), status: 'ready', view, answer: same ? state.answer : INITIAL_ANSWER },
        !same,
      )
    },

    fail: (request, error) =>
      replace({ ...fromRequest(request), status: 'failed', error, answer: INITIAL_ANSWER }, true),

    followCall: (nummer, callId) => {
      const state = current()
      if (state.nummer === nummer && state.status !== 'idle') {
        replace({ ...state, callId })
      }
    },

    editAnswer: (text) => {
      answerOn('edit', undefined, (_answer, status) => ({ status, text }))
    },

    answerSaving: (uuid) => answerOn('save', uuid, ({ text }, status) => ({ status, text })),

    answerSaved: (uuid, view) => {
      // The answer is in the klantcontact now (the updated view shows it): the field starts empty.
      answerOn('confirmed', uuid, (_answer, status) => ({ status, text: '' }), view)
    },

    answerFailed: (uuid, error) => {
      answerOn('refused', uuid, ({ text }, status) => ({ status, text, error }))
    },

    answerInvalid: (error) => {
      answerOn('invalid', undefined, ({ text }, status) => ({ status, text, error }))
    },

    close: () => replace(INITIAL_OPENED),

    bringToFront: () => {
      if (current().status !== 'idle') {
        replace(withoutErrorKept(current()), true)
      }
    },
  }

  return { opened: { ...INITIAL_OPENED, ...actions, front: 0 } }
}

/** What a request says, as state (the status is set by the caller). */
function fromRequest({
  source,
  nummer,
  callId,
  readOnly,
}: Pick<OpenedState, 'source' | 'nummer' | 'callId' | 'readOnly'>): OpenedState {
  return {
    status: 'idle',
    source,
    ...(nummer !== undefined ? { nummer } : {}),
    ...(callId !== undefined ? { callId } : {}),
    ...(readOnly === true ? { readOnly } : {}),
    answer: INITIAL_ANSWER,
  }
}

/** The state part only (the slice object also carries the actions), without a stale error. */
function withoutError(state: OpenedState): OpenedState {
  const { status, source, callId, nummer, view, answer, readOnly } = state
  return {
    status,
    source,
    ...(callId !== undefined ? { callId } : {}),
    ...(nummer !== undefined ? { nummer } : {}),
    ...(view !== undefined ? { view } : {}),
    ...(readOnly === true ? { readOnly } : {}),
    answer,
  }
}

/** The state part only, as it is (error included). */
function withoutErrorKept(state: OpenedState): OpenedState {
  return { ...withoutError(state), ...(state.error !== undefined ? { error: state.error } : {}) }
}
