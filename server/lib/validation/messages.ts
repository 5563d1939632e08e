import type { ErrorObject } from 'ajv'
import type { InvalidParam } from '../http/problem'

/**
 * Maps JSON-schema failures to the field errors Open Klant gives: Django REST framework's error
 * codes with its Dutch (nl) message texts, named by the dotted camelCase path
 * (`contactnaam.voornaam`, `partijIdentificatoren.0.uuid`), as vng_api_common's
 * ValidatieFout does.
 */
export function toInvalidParams(errors: readonly ErrorObject[]): InvalidParam[] {
  const seen = new Set<string>()
  const params: InvalidParam[] = []
  for (const error of errors) {
    // `if`/`anyOf` failures only repeat what their branches already reported.
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'allOf') {
      continue
    }
    // The `{type: "null"}` branch of a nullable union (json-schema.ts `nullable`) failing on a
    // non-null value says nothing; the other branch reports what is wrong with the value.
    if (error.keyword === 'type' && (error.params as { type?: unknown }).type === 'null') {
      continue
    }
    const param = toInvalidParam(error)
    const key = `${param.name}|${param.code}`
    if (!seen.has(key)) {
      seen.add(key)
      params.push(param)
    }
  }
  return params
}

export function fieldName(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').filter(Boolean)
  if (child !== undefined) {
    parts.push(child)
  }
  return parts.length ? parts.join('.') : 'nonFieldErrors'
}

function toInvalidParam(error: ErrorObject): InvalidParam {
  const p = error.params as Record<string, unknown>
  const name = fieldName(error.instancePath)
  switch (error.keyword) {
    case 'required':
      return {
        name: fieldName(error.instancePath, String(p['missingProperty'])),
        code: 'required',
        reason: 'Dit veld is vereist.',
      }
    case 'type':
      return typeError(name, String(p['type']), error.data)
    case 'maxLength':
      return {
        name,
        code: 'max_length',
        reason: `Zorg ervoor dat dit veld niet meer dan ${String(p['limit'])} karakters bevat.`,
      }
    case 'minLength':
      return error.data === ''
        ? { name, code: 'blank', reason: 'Dit veld mag niet leeg zijn.' }
        : {
            name,
            code: 'min_length',
            reason: `Zorg ervoor dat dit veld minimaal ${String(p['limit'])} karakters bevat.`,
          }
    case 'enum':
    case 'const':
      return { name, code: 'invalid_choice', reason: `"${String(error.data)}" is een ongeldige keuze.` }
    case 'minimum':
      return {
        name,
        code: 'min_value',
        reason: `Zorg ervoor dat deze waarde groter of gelijk is aan ${String(p['limit'])}.`,
      }
    case 'maximum':
      return {
        name,
        code: 'max_value',
        reason: `Zorg ervoor dat deze waarde kleiner of gelijk is aan ${String(p['limit'])}.`,
      }
    case 'pattern':
      return { name, code: 'invalid', reason: 'Voer een geldige waarde in.' }
    case 'format':
      return { name, code: 'invalid', reason: formatReason(String(p['format'])) }
    default:
      return { name, code: 'invalid', reason: 'Ongeldige invoer.' }
  }
}

function typeError(name: string, expected: string, data: unknown): InvalidParam {
  if (data === null) {
    return { name, code: 'null', reason: 'Dit veld mag niet leeg zijn.' }
  }
  if (expected.includes('boolean')) {
    return { name, code: 'invalid', reason: 'Moet een geldige boolean zijn.' }
  }
  if (expected.includes('integer') || expected.includes('number')) {
    return { name, code: 'invalid', reason: 'Een geldig getal is vereist.' }
  }
  if (expected.includes('array')) {
    return {
      name,
      code: 'not_a_list',
      reason: `Verwachtte een lijst met items, maar kreeg type "${jsonType(data)}".`,
    }
  }
  if (expected.includes('object')) {
    return {
      name,
      code: 'invalid',
      reason: `Ongeldige data. Verwachtte een dictionary, maar kreeg een ${jsonType(data)}.`,
    }
  }
  return { name, code: 'invalid', reason: 'Geen geldige string.' }
}

function jsonType(data: unknown): string {
  return Array.isArray(data) ? 'list' : typeof data === 'string' ? 'str' : typeof data
}

function formatReason(format: string): string {
  switch (format) {
    case 'date-time':
      return 'Datetime heeft een ongeldig formaat, gebruik 1 van de volgende formaten: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'
    case 'date':
      return 'Datum heeft een ongeldig formaat, gebruik 1 van deze formaten: YYYY-MM-DD.'
    case 'uuid':
      return 'Moet een geldige UUID zijn.'
    case 'uri':
      return 'Voer een geldige URL in.'
    case 'email':
      return 'Voer een geldig e-mailadres in.'
    default:
      return 'Voer een geldige waarde in.'
  }
}
