import { INTERNE_TAAK_LIMITS } from '../../../shared/api/klantinteracties-limits'
import { codePoints } from '../../../shared/text/code-points'
import { validationError } from '../http/problems'

/**
 * What the inbox writes into an interne taak's `toelichting`, in Dutch as the municipality writes
 * it. OAS 0.9.0 InterneTaak has no field for the result of a taak or the reason it was passed on,
 * so both are appended to the toelichting (after a blank line, as an answer is appended to inhoud),
 * where KISS and anyone reading the register see them too (docs/provider.md, "The contactverzoek
 * inbox").
 */
export function verwerktNote(by: string, resultaat: string, terugbelcontact: string | null): string {
  const called = terugbelcontact ? ` Teruggebeld: klantcontact ${terugbelcontact}.` : ''
  return `Verwerkt door ${by}: ${resultaat.trim()}${called}`
}

export function doorgezetNote(by: string, naar: string, toelichting: string | undefined): string {
  const why = toelichting?.trim()
  return `Doorgezet naar ${naar} door ${by}${why ? `: ${why}` : '.'}`
}

/**
 * `note` appended to `current`; a 400 on `field` when the result would not fit the register's
 * limit (1000 characters), naming how much room is left, so the agent can shorten it.
 */
export function appended(current: string, note: string, field: string): string {
  const text = current.trim() === '' ? note : `${current}\n\n${note}`
  if (codePoints(text) > INTERNE_TAAK_LIMITS.toelichting) {
    const room = Math.max(0, INTERNE_TAAK_LIMITS.toelichting - codePoints(current) - 2)
    throw validationError([
      {
        name: field,
        code: 'max_length',
        reason: `Dit past niet meer in de toelichting van de taak: er is nog ruimte voor ongeveer ${room} tekens.`,
      },
    ])
  }
  return text
}
