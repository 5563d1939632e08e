/**
 * Dutch identification numbers as vng_api_common validates them (vng_api_common/validators.py
 * `BaseIdentifierValidator`, `validate_bsn`, `validate_rsin`), which Open Klant applies to a
 * partij-identificator's `objectId` per `codeSoortObjectId` (openklant/components/klantinteracties/
 * models/validators.py `PartijIdentificatorTypesValidator.validate_object_id`):
 *
 * - bsn, rsin: 9 digits passing the 11-proef;
 * - kvk_nummer: 8 digits; vestigingsnummer: 12 digits (no 11-proef).
 *
 * The checks run in vng_api_common's order (digits, length, 11-proef) and return its Dutch
 * message for the first failure, or null when the value is valid.
 */
export type CodeSoortObjectId = 'bsn' | 'rsin' | 'kvk_nummer' | 'vestigingsnummer'

interface IdentifierRule {
  length: number
  /** Message when the 11-proef fails; absent when the number has no 11-proef. */
  elfproef?: string
}

const RULES: Record<CodeSoortObjectId, IdentifierRule> = {
  bsn: { length: 9, elfproef: 'Onjuist BSN nummer' },
  rsin: { length: 9, elfproef: 'Onjuist RSIN nummer' },
  kvk_nummer: { length: 8 },
  vestigingsnummer: { length: 12 },
}

const DIGITS = /^[0-9]+$/

export function identifierProblem(codeSoortObjectId: CodeSoortObjectId, value: string): string | null {
  const rule = RULES[codeSoortObjectId]
  if (!DIGITS.test(value)) {
    return 'Voer een numerieke waarde in'
  }
  if (value.length !== rule.length) {
    return `Waarde moet ${rule.length} tekens lang zijn`
  }
  if (rule.elfproef !== undefined && !passesElfproef(value)) {
    return rule.elfproef
  }
  return null
}

/**
 * The 11-proef as vng_api_common computes it: digits weighted from the right by their position,
 * the last digit by -1; the sum must be a multiple of 11.
 */
export function passesElfproef(value: string): boolean {
  let total = 0
  const digits = [...value].reverse()
  digits.forEach((digit, index) => {
    const weight = index === 0 ? -1 : index + 1
    total += weight * Number(digit)
  })
  return total % 11 === 0
}
