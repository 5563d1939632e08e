import { Ajv, type ErrorObject, type JSONSchemaType, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { fieldName, toInvalidParams } from '../../lib/validation/messages'
import { invalidCharacterParams, MAX_DEPTH } from '../../lib/validation/text-characters'
import { validationError, type InvalidParam } from './problems'

// ajv-formats is CommonJS; its default export arrives wrapped depending on the loader.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule

/**
 * Request bodies of the task API are checked with JSON Schema, and failures become the same Dutch
 * field errors the register gives (server/lib/validation/messages.ts), so the agent app shows
 * one kind of field error. Limits are the register's (shared/api/klantinteracties-limits.ts):
 * checking them here names the agent's field instead of the register's. Klantcontactnummers and
 * uuids in a path are checked with shared/klantcontact/klantcontactnummer.ts and shared/text/uuid.ts.
 *
 * Before any schema or recursive walk sees a body (docs/gateway.md, "Request bodies"):
 * - nesting deeper than {@link MAX_DEPTH} is refused (`too_deep`), checked without recursion, so a
 *   hostile body cannot exhaust the stack of whatever walks it later (the idempotency hash);
 * - an object member the schema does not name is refused (`unknown_field`): every object of a
 *   task API schema is closed (`additionalProperties: false` unless the schema says otherwise),
 *   rather than ignored or silently dropped (what Fastify's own ajv, `removeAdditional`, would do);
 * - a control character in any string is refused (`invalid_characters`) by the register's own rule
 *   (server/lib/validation/text-characters.ts), so such a text never reaches the register.
 */
const ajv = new Ajv({ allErrors: true, verbose: true, strict: false })
addFormats(ajv)

export function bodyValidator<T>(schema: JSONSchemaType<T>): (body: unknown) => T {
  const validate: ValidateFunction<T> = ajv.compile(closed(schema))
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
    const tooDeep = deeperThan(body, MAX_DEPTH)
    if (tooDeep !== null) {
      throw validationError([
        {
          name: tooDeep,
          code: 'too_deep',
          reason: `Deze gegevens zijn dieper genest dan de ${MAX_DEPTH} niveaus die zijn toegestaan.`,
        },
      ])
    }
    const params = [
      ...(validate(body) ? [] : schemaParams(validate.errors ?? [])),
      ...invalidCharacterParams(body),
    ]
    if (params.length > 0) {
      throw validationError(params)
    }
    return body as T
  }
}

function schemaParams(errors: readonly ErrorObject[]): InvalidParam[] {
  const unknown = errors
    .filter((e) => e.keyword === 'additionalProperties')
    .map((e): InvalidParam => ({
      name: fieldName(
        e.instancePath,
        String((e.params as { additionalProperty?: unknown }).additionalProperty),
      ),
      code: 'unknown_field',
      reason: 'Dit veld bestaat niet in dit verzoek.',
    }))
  return [...unknown, ...toInvalidParams(errors.filter((e) => e.keyword !== 'additionalProperties'))]
}

/** A copy of the schema in which every object with `properties` refuses other members. */
function closed<S>(schema: S): S {
  if (Array.isArray(schema)) {
    return schema.map((item: unknown) => closed(item)) as S
  }
  if (typeof schema !== 'object' || schema === null) {
    return schema
  }
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === 'enum' || key === 'const' || key === 'required' ? value : closed(value)
  }
  if ('properties' in out && !('additionalProperties' in out)) {
    out['additionalProperties'] = false
  }
  return out as S
}

/**
 * The top-level field under which `value` nests deeper than `max` levels, or null. Iterative: the
 * point is to find a body too deep for recursion before anything recurses into it.
 */
function deeperThan(value: unknown, max: number): string | null {
  const stack: Array<{ node: unknown; depth: number; top: string }> = [{ node: value, depth: 0, top: '' }]
  while (stack.length > 0) {
    const { node, depth, top } = stack.pop()!
    if (typeof node !== 'object' || node === null) {
      continue
    }
    if (depth >= max) {
      return top || 'nonFieldErrors'
    }
    for (const [key, child] of Object.entries(node)) {
      stack.push({ node: child, depth: depth + 1, top: top || key })
    }
  }
  return null
}

/** Dutch field error for a text that is empty or only white space (DRF trims, then says blank). */
export function requireText(name: string, value: string): void {
  if (value.trim() === '') {
    throw validationError([{ name, code: 'blank', reason: 'Dit veld mag niet leeg zijn.' }])
  }
}
