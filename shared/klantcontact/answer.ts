import { KLANTCONTACT_LIMITS } from '../api/klantinteracties-limits'
import { codePoints } from '../text/code-points'

/**
 * How a colleague's answer is added to a klantcontact (the VNG case: "Het antwoord wordt vastgelegd
 * door de inhoud van het klantcontact aan te vullen"; append, don't replace). The gateway builds
 * the new text with it (server/gateway/register-client/answer.ts), the app shows with it how much
 * room is left (renderer/src/incoming-transfer/answer-room.ts), so both count alike.
 *
 * - `inhoud` (the VNG case's way): the question stays and `Antwoord: <text>` is appended after a
 *   blank line; inhoud holds at most 1000 characters (OAS Klantcontact.inhoud).
 * - `reactie` (Open Klant 2.16+, when the gateway's `answerField` says so: docs/agent-app.md): `<text>` is
 *   appended to reactie after a blank line, at most 4000.
 *
 * Counted in code points, as the gateway's ajv and Open Klant count (shared/text/code-points.ts).
 */
/** The klantcontact fields an answer can go to; the gateway's configuration picks one. */
export const ANSWER_FIELDS = ['inhoud', 'reactie'] as const

export type AnswerField = (typeof ANSWER_FIELDS)[number]

export const ANSWER_LIMITS: Readonly<Record<AnswerField, number>> = {
  inhoud: KLANTCONTACT_LIMITS.inhoud,
  reactie: KLANTCONTACT_LIMITS.reactie,
}

const PREFIX: Readonly<Record<AnswerField, string>> = { inhoud: 'Antwoord: ', reactie: '' }
const SEPARATOR = '\n\n'

/** What an answer adds to the field: `Antwoord: <text>` in inhoud, the text itself in reactie. */
function addition(antwoord: string, field: AnswerField): string {
  return `${PREFIX[field]}${antwoord}`
}

/**
 * The field's new text: `current` (what the field holds now; null or absent is empty), a blank
 * line, and the answer, or the answer alone when the field was empty. Not checked against the limit:
 * see {@link answerRoom}.
 */
export function withAnswer(current: string | null | undefined, antwoord: string, field: AnswerField): string {
  const text = current ?? ''
  return text === '' ? addition(antwoord, field) : `${text}${SEPARATOR}${addition(antwoord, field)}`
}

/**
 * `current` already ends with this answer: a retry whose first attempt was written but not
 * acknowledged, which must not be appended twice.
 */
export function endsWithAnswer(
  current: string | null | undefined,
  antwoord: string,
  field: AnswerField,
): boolean {
  return (current ?? '').endsWith(addition(antwoord, field))
}

export interface AnswerRoom {
  /** The field's OAS limit. */
  readonly max: number
  /** How many characters the answer may still grow by; negative by as many as it is too long. */
  readonly remaining: number
}

/** How the answer fits into the field once appended to `current`. */
export function answerRoom(
  current: string | null | undefined,
  antwoord: string,
  field: AnswerField,
): AnswerRoom {
  const max = ANSWER_LIMITS[field]
  return { max, remaining: max - codePoints(withAnswer(current, antwoord, field)) }
}
