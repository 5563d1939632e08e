import type { KlantcontactView } from '../../../shared/gateway/api'
import { codePoints } from '../klantcontact/validate'

/**
 * How much of an answer still fits, computed as the gateway appends it
 * (server/gateway/register-client/answer.ts; C0534 §3B "de inhoud van het klantcontact aan te
 * vullen", VNG 0796.md: append, don't replace):
 *
 * - `inhoud` (the seed case's way): the question stays and `Antwoord: <text>` is appended after a
 *   blank line; inhoud holds at most 1000 characters (OAS Klantcontact.inhoud).
 * - `reactie` (Open Klant 2.16+, when the gateway is configured so): `<text>` is appended to
 *   reactie after a blank line, at most 4000.
 *
 * Counted in code points, as the gateway and Open Klant count (klantcontact/validate.ts).
 */
export type AnswerField = 'inhoud' | 'reactie'

export const ANSWER_LIMITS: Readonly<Record<AnswerField, number>> = { inhoud: 1000, reactie: 4000 }
export const ANSWER_PREFIX = 'Antwoord: '
export const ANSWER_SEPARATOR = '\n\n'

export interface AnswerRoom {
  readonly max: number
  /** What the answer may still be long, in characters; negative when it does not fit. */
  readonly remaining: number
}

export function answerRoom(view: KlantcontactView, text: string, field: AnswerField): AnswerRoom {
  const max = ANSWER_LIMITS[field]
  const current = (field === 'inhoud' ? view.inhoud : view.reactie) ?? ''
  const before = current === '' ? 0 : codePoints(current) + codePoints(ANSWER_SEPARATOR)
  const prefix = field === 'inhoud' ? codePoints(ANSWER_PREFIX) : 0
  return { max, remaining: max - before - prefix - codePoints(text) }
}
