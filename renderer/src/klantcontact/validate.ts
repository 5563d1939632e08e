import { CONTACTNAAM_LIMITS, KLANTCONTACT_LIMITS } from '../../../shared/api/klantinteracties-limits'
import { codePoints } from '../../../shared/text/code-points'
import { format, messagesOf } from '../i18n/locale'
import { DRAFT_FIELDS, type DraftField, type FieldErrors, type KlantcontactDraft } from './draft'
import { klantcontactMessages, type KlantcontactMessages } from './messages'
import { splitNaamKlant } from './naam-klant'

/**
 * The checks the agent gets before anything is sent, with the register's own limits
 * (shared/api/klantinteracties-limits.ts: Klantcontact and Contactnaam), counted in code points as
 * the gateway and the register count (shared/text/code-points.ts), so a registration is refused by
 * the gateway only for what the app cannot know.
 */
export const LIMITS = {
  kanaal: KLANTCONTACT_LIMITS.kanaal,
  onderwerp: KLANTCONTACT_LIMITS.onderwerp,
  inhoud: KLANTCONTACT_LIMITS.inhoud,
} as const

/**
 * How far plaatsgevondenOp may lie ahead of this PC's clock: the clocks of the agent's PC and the
 * telephony server differ a little, but a contact cannot have taken place tomorrow.
 */
export const FUTURE_TOLERANCE_MS = 5 * 60_000

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/
const TAAL = /^[a-z]{3}$/

/** Field errors in Dutch (empty when the draft may be sent). Pure: `now` is epoch ms. */
export function validateDraft(
  draft: KlantcontactDraft,
  now: number,
  messages: KlantcontactMessages = messagesOf(klantcontactMessages),
): FieldErrors {
  const t = messages.errors
  const errors: FieldErrors = {}
  const tooLong = (text: string, max: number): string | undefined => {
    const count = codePoints(text)
    return count > max ? format(t.teLang, { count, max }) : undefined
  }

  const naam = naamKlantError(draft.naamKlant, messages)
  if (naam) {
    errors.naamKlant = naam
  }
  if (draft.onderwerp.trim() === '') {
    errors.onderwerp = t.onderwerpLeeg
  } else {
    const error = tooLong(draft.onderwerp, LIMITS.onderwerp)
    if (error) {
      errors.onderwerp = error
    }
  }
  const inhoud = tooLong(draft.inhoud, LIMITS.inhoud)
  if (inhoud) {
    errors.inhoud = inhoud
  }
  if (draft.kanaal.trim() === '') {
    errors.kanaal = t.kanaalLeeg
  } else {
    const error = tooLong(draft.kanaal, LIMITS.kanaal)
    if (error) {
      errors.kanaal = error
    }
  }
  const when = ISO_DATE_TIME.test(draft.plaatsgevondenOp) ? Date.parse(draft.plaatsgevondenOp) : NaN
  if (Number.isNaN(when)) {
    errors.plaatsgevondenOp = t.datumOngeldig
  } else if (when > now + FUTURE_TOLERANCE_MS) {
    errors.plaatsgevondenOp = t.datumToekomst
  }
  if (!TAAL.test(draft.taal)) {
    errors.taal = t.taalOngeldig
  }
  return errors
}

/** The first field with an error, in the order of the form. */
export function firstInvalid(errors: FieldErrors): DraftField | undefined {
  return DRAFT_FIELDS.find((field) => errors[field] !== undefined)
}

function naamKlantError(naamKlant: string, messages: KlantcontactMessages): string | undefined {
  const parts = splitNaamKlant(naamKlant)
  for (const part of Object.keys(CONTACTNAAM_LIMITS) as Array<keyof typeof CONTACTNAAM_LIMITS>) {
    const value = parts[part]
    const max = CONTACTNAAM_LIMITS[part]
    if (value !== undefined && codePoints(value) > max) {
      return format(messages.errors.naamDeelTeLang, {
        deel: messages.errors.naamDelen[part],
        waarde: value,
        max,
      })
    }
  }
  return undefined
}
