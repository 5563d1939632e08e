import type { KlantcontactView } from '../../../shared/gateway/api'
import { answerRoom as roomIn, type AnswerField, type AnswerRoom } from '../../../shared/klantcontact/answer'

/**
 * How much of an answer still fits in the klantcontact on screen, counted as the gateway appends it:
 * both use shared/klantcontact/answer.ts (`Antwoord: ` and a blank line in inhoud, a blank line in
 * reactie; OAS limits; code points).
 */
export type { AnswerField, AnswerRoom }

export function answerRoom(view: KlantcontactView, text: string, field: AnswerField): AnswerRoom {
  return roomIn(field === 'inhoud' ? view.inhoud : view.reactie, text, field)
}
