import type { KlantcontactView } from '../../../shared/gateway/api'
import { missingCaseError } from '../lib/missing-case'

/**
 * The klantcontact the agent is looking at, not writing: the one a colleague transferred with a
 * call, or one opened by its klantcontactnummer ("Klantcontact openen"), with the answer the agent
 * adds to it. Plain data; never persisted (the register holds it, and a PC's profile should hold no
 * more personal data than it must).
 *
 *   idle ──begin──▶ loading ──loaded──▶ ready
 *                          └─loadFailed─▶ failed
 *   any ──show──▶ ready, any ──fail──▶ failed  (a transfer, resolved before anything was shown)
 *   any ──close──▶ idle
 *
 * The answer, while ready:
 *
 * | from \ event | edit    | save   | confirmed | refused | invalid |
 * | ------------ | ------- | ------ | --------- | ------- | ------- |
 * | editing      | editing | saving | –         | –       | failed  |
 * | saving       | –       | –      | saved     | failed  | –       |
 * | saved        | editing | –      | –         | –       | failed  |
 * | failed       | editing | saving | –         | –       | failed  |
 *
 * `invalid`: refused before sending (empty, does not fit); `refused`: the gateway said no or did not
 * answer. While saving the text is read-only: what was sent must be what is stored.
 */
export type OpenedStatus = 'idle' | 'loading' | 'ready' | 'failed'

export type OpenedSource = 'transfer' | 'manual'

export type AnswerStatus = 'editing' | 'saving' | 'saved' | 'failed'

export type AnswerEvent = 'edit' | 'save' | 'confirmed' | 'refused' | 'invalid'

/**
 * Why opening or answering failed, as the UI words it (messages.ts). `detail` is the gateway's own
 * Dutch reason when it gave one (a 400's field error, a 403's explanation).
 */
export type OpenedErrorKind =
  'empty' | 'too_long' | 'invalid' | 'not_found' | 'forbidden' | 'rejected' | 'unreachable' | 'failed'

export interface OpenedError {
  readonly kind: OpenedErrorKind
  readonly detail?: string
}

export interface AnswerState {
  readonly status: AnswerStatus
  readonly text: string
  readonly error?: OpenedError
}

export interface OpenedState {
  readonly status: OpenedStatus
  readonly source: OpenedSource
  /** The softphone's call id the klantcontact came with (source transfer). */
  readonly callId?: string
  readonly nummer?: string
  readonly view?: KlantcontactView
  readonly error?: OpenedError
  readonly answer: AnswerState
  /** Opened from a search result the agent may not change (not theirs, not passed to them): no answer. */
  readonly readOnly?: boolean
}

/** What to open: a nummer, from a transfer (with its call) or typed by the agent. */
export interface OpenRequest {
  readonly source: OpenedSource
  readonly nummer: string
  readonly callId?: string
  /** A search result's `bewerkbaar` false: show it without the answer form. */
  readonly readOnly?: boolean
}

export const INITIAL_ANSWER: AnswerState = { status: 'editing', text: '' }

export const INITIAL_OPENED: OpenedState = { status: 'idle', source: 'manual', answer: INITIAL_ANSWER }

/** The answer's next status, or undefined when `event` is not allowed in `from` (the table above). */
export function nextAnswerStatus(from: AnswerStatus, event: AnswerEvent): AnswerStatus | undefined {
  return answerTransitions(from)[event]
}

function answerTransitions(from: AnswerStatus): Partial<Record<AnswerEvent, AnswerStatus>> {
  switch (from) {
    case 'editing':
      return { edit: 'editing', save: 'saving', invalid: 'failed' }
    case 'saving':
      return { confirmed: 'saved', refused: 'failed' }
    case 'saved':
      return { edit: 'editing', invalid: 'failed' }
    case 'failed':
      return { edit: 'editing', save: 'saving', invalid: 'failed' }
    default:
      throw missingCaseError(from)
  }
}
