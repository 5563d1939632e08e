import type { StoreApi } from 'zustand'
import type { GatewayApi } from '../api/gateway-client'
import { createLogger, type Logger } from '../log'
import type { StoreState } from '../store/types'
import { answerRoom, type AnswerField } from './answer-room'
import { openedErrorOf } from './error-of'

/**
 * "Antwoord opslaan": the gateway's `POST /antwoord` appends the answer (only
 * inhoud, or reactie when so configured, is PATCHed) and links the colleague's own actor, once.
 * Checked here first, so an answer that is empty or cannot fit is never sent. Safe to press again
 * after a failure: the gateway recognises an answer it already appended (answer.ts on the server).
 */
export interface AnswerDeps {
  readonly store: Pick<StoreApi<StoreState>, 'getState'>
  readonly api: Pick<GatewayApi, 'answer'>
  readonly answerField: AnswerField
  readonly logger?: Logger
}

export async function saveAnswer(deps: AnswerDeps): Promise<void> {
  const log = deps.logger ?? createLogger('opened:answer')
  const opened = deps.store.getState().opened
  const view = opened.view
  if (opened.status !== 'ready' || view === undefined) {
    return
  }
  const text = opened.answer.text
  if (text.trim() === '') {
    opened.answerInvalid({ kind: 'empty' })
    return
  }
  if (answerRoom(view, text, deps.answerField).remaining < 0) {
    opened.answerInvalid({ kind: 'too_long' })
    return
  }
  if (!opened.answerSaving(view.uuid)) {
    return
  }
  try {
    const updated = await deps.api.answer(view.uuid, text)
    deps.store.getState().opened.answerSaved(view.uuid, updated)
  } catch (error) {
    const failure = openedErrorOf(error)
    log.warn({ kind: failure.kind }, 'answer not saved')
    deps.store.getState().opened.answerFailed(view.uuid, failure)
  }
}
