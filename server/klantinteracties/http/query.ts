import { invalidCharacters, refusedCharacter } from '../../lib/validation/text-characters'
import { fieldError, ProblemError, validationError, type InvalidParam } from '../../lib/http/problem'

/** Fastify gives a repeated parameter as an array; everything else is one string. */
export type RawQuery = Record<string, string | string[] | undefined>

/**
 * Unknown query parameters are an error, not ignored (vng_api_common CheckQueryParamsMixin):
 * 400 with `nonFieldErrors` / `unknown-parameters`.
 */
export function rejectUnknownParameters(query: RawQuery, allowed: ReadonlySet<string>): void {
  const unknown = Object.keys(query).filter((k) => !allowed.has(k))
  if (unknown.length > 0) {
    throw new ProblemError(400, 'invalid', 'Ongeldige invoer.', 'Ongeldige invoer.', 'ValidationError', [
      {
        name: 'nonFieldErrors',
        code: 'unknown-parameters',
        reason: `Onbekende query parameters: ${unknown.sort().join(', ')}`,
      },
    ])
  }
}

/**
 * A filter value with a control character is a 400 on that parameter (validation/text-characters.ts):
 * PostgreSQL cannot even compare with U+0000, so such a value must never reach a query.
 */
export function rejectInvalidCharacters(query: RawQuery): void {
  const params: InvalidParam[] = []
  for (const [name, raw] of Object.entries(query)) {
    for (const value of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
      const refused = refusedCharacter(value)
      if (refused !== null) {
        params.push(invalidCharacters(name, refused))
        break
      }
    }
  }
  if (params.length > 0) {
    throw validationError(params)
  }
}

/** Single-valued parameters: a filter given twice uses its last value, as Django's QueryDict.get. */
export function single(query: RawQuery): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined) {
      out[k] = Array.isArray(v) ? (v[v.length - 1] ?? '') : v
    }
  }
  return out
}

/** `expand=a,b` and, since Open Klant 2.14, `expand=a&expand=b`; every value must be allowed. */
export function parseExpand(query: RawQuery, allowed: readonly string[] | undefined): string[] {
  const raw = query['expand']
  if (raw === undefined) {
    return []
  }
  const values = (Array.isArray(raw) ? raw : [raw])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
  for (const v of values) {
    if (!allowed?.includes(v)) {
      throw fieldError(
        'expand',
        'invalid_choice',
        `Selecteer een geldige keuze. ${v} is geen beschikbare keuze.`,
      )
    }
  }
  return [...new Set(values)]
}
