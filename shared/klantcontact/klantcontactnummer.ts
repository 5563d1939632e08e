import { KLANTCONTACT_LIMITS } from '../api/klantinteracties-limits'

/**
 * The klantcontactnummer: the number an agent reads out over the phone and a colleague types in or
 * receives with a transferred call. The one home of its rule; the app, the gateway, the provider,
 * the SIP headers (shared/sip/klantcontactnummer.ts) and the IPC contract all use this.
 *
 * - What is accepted: 1 to {@link KLANTCONTACTNUMMER_MAX_DIGITS} ASCII digits, nothing else (no
 *   trimming, no signs, no Unicode digits). The length is the OAS limit of `Klantcontact.nummer`;
 *   digits only is ours: a nummer goes into URL paths, SIP headers and OS notifications, where a
 *   CR/LF or markup would be an injection.
 * - What is generated (by our provider, and by the gateway against an Open Klant 2.16+ that no longer
 *   generates one): a two-digit year in the Netherlands and a sequence of at least six digits
 *   (`26000001`), short enough to read out over the phone.
 *
 * Kamailio cannot import this: deploy/kamailio/kamailio.cfg repeats {@link KLANTCONTACTNUMMER_PATTERN}
 * (route[REMEMBER_REFERRAL]), and test/unit/sip/kamailio-cfg.test.ts holds the two together.
 */
export type Klantcontactnummer = string & { readonly __brand: 'Klantcontactnummer' }

export const KLANTCONTACTNUMMER_MAX_DIGITS = KLANTCONTACT_LIMITS.nummer

/** The whole value, anchored; its `source` is the JSON Schema `pattern` (ajv) for a nummer. */
export const KLANTCONTACTNUMMER_PATTERN = new RegExp(`^[0-9]{1,${KLANTCONTACTNUMMER_MAX_DIGITS}}$`)

/** The field error for anything else, in Dutch, as the agent sees it. */
export const KLANTCONTACTNUMMER_REASON = `Een klantcontactnummer bestaat uit 1 tot ${KLANTCONTACTNUMMER_MAX_DIGITS} cijfers.`

/** `value` is a klantcontactnummer: exactly 1 to 10 ASCII digits. */
export function isKlantcontactnummer(value: unknown): value is Klantcontactnummer {
  return typeof value === 'string' && KLANTCONTACTNUMMER_PATTERN.test(value)
}

/** The nummer if `value` is exactly 1–10 ASCII digits, else undefined (no trimming, no Unicode digits). */
export function parseKlantcontactnummer(value: unknown): Klantcontactnummer | undefined {
  return isKlantcontactnummer(value) ? value : undefined
}

/**
 * The nummer as a person types it: the app shows it in groups of three ("26 000 001") to read out,
 * so spaces (any whitespace, also a non-breaking space from a copy) between and around the digits
 * are left out. Anything else (a dash, a letter, a Unicode digit) is still refused: undefined.
 * Only for what an agent types; a nummer from a header or an API stays exact.
 */
export function parseTypedKlantcontactnummer(value: string): Klantcontactnummer | undefined {
  return parseKlantcontactnummer(value.replace(/\s+/gu, ''))
}

/** The nummer, or a RangeError for anything else: before a value goes into a header or a call record. */
export function assertKlantcontactnummer(value: unknown): Klantcontactnummer {
  if (!isKlantcontactnummer(value)) {
    throw new RangeError(`a klantcontactnummer is 1 to ${KLANTCONTACTNUMMER_MAX_DIGITS} digits`)
  }
  return value
}

/** The digits of the sequence part of a generated nummer, at least. */
const SEQUENCE_DIGITS = 6

/** Made on first use: the app, which only reads nummers, never pays for it. */
let yearFormat: Intl.DateTimeFormat | undefined
let cachedYear: { year2: string; validUntil: number } | undefined

/**
 * The two-digit year in the Netherlands at `now`, the prefix of a generated nummer. Formatting a
 * date with a time zone costs more than the rest of a POST's nummer work, so the answer is kept for
 * a minute (so at New Year the prefix may change up to a minute late; the number stays unique).
 */
export function nummerYear(now: Date): string {
  const time = now.getTime()
  if (!cachedYear || time >= cachedYear.validUntil || time < cachedYear.validUntil - 60_000) {
    yearFormat ??= new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', year: '2-digit' })
    cachedYear = { year2: yearFormat.format(now), validUntil: time + 60_000 }
  }
  return cachedYear.year2
}

/**
 * The generated nummer for the `sequence`th number of the year `year2` (from {@link nummerYear}):
 * `formatKlantcontactnummer('26', 1)` is `26000001`. Throws when the sequence no longer fits.
 */
export function formatKlantcontactnummer(year2: string, sequence: number): Klantcontactnummer {
  const nummer = `${year2}${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`
  if (!isKlantcontactnummer(nummer)) {
    throw new Error('klantcontactnummer sequence exhausted for this year')
  }
  return nummer
}
