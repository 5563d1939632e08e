import { Ajv, type JSONSchemaType, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { toInvalidParams } from '../../klantinteracties/validation/messages'
import { validationError } from './problems'

// ajv-formats is CommonJS; its default export arrives wrapped depending on the loader.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule

/**
 * Request bodies of the task API are checked with JSON Schema, and failures become the same Dutch
 * field errors the register gives (klantinteracties/validation/messages.ts), so the agent app shows
 * one kind of field error. Limits are the register's (OAS 0.9.0: onderwerp 200, inhoud 1000, …):
 * checking them here names the agent's field instead of the register's.
 */
const ajv = new Ajv({ allErrors: true, verbose: true, strict: false })
addFormats(ajv)

export function bodyValidator<T>(schema: JSONSchemaType<T>): (body: unknown) => T {
  const validate: ValidateFunction<T> = ajv.compile(schema)
  return (body) => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw validationError([
        {
          name: 'nonFieldErrors',
          code: 'invalid',
          reason: 'Ongeldige data. Verwachtte een dictionary.',
        },
      ])
    }
    if (!validate(body)) {
      throw validationError(toInvalidParams(validate.errors ?? []))
    }
    return body
  }
}

/** Length as Open Klant (Python `len`) and ajv count it: in code points, not UTF-16 units. */
export function codePoints(text: string): number {
  let n = 0
  for (const _ of text) {
    n++
  }
  return n
}

/** Dutch field error for a text that is empty or only white space (DRF trims, then says blank). */
export function requireText(name: string, value: string): void {
  if (value.trim() === '') {
    throw validationError([{ name, code: 'blank', reason: 'Dit veld mag niet leeg zijn.' }])
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Reliability notes §3.3: a klantcontactnummer is exactly 1 to 10 ASCII digits, nothing else. */
const NUMMER = /^[0-9]{1,10}$/

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value)
export const isNummer = (value: unknown): value is string => typeof value === 'string' && NUMMER.test(value)
