import type { SchemaObject } from './oas-document'

/**
 * Turns OAS 3.0 component schemas into JSON Schema (draft 2019/ajv) for one direction of travel.
 *
 * - `nullable: true` becomes a union with `null` (OAS 3.0 §4.7.24);
 * - `readOnly` members are dropped for requests, `writeOnly` ones for responses (OAS 3.0 §4.7.24);
 * - `oneOf` + `discriminator` (Actor on soortActor, Partij on soortPartij) becomes an if/then per
 *   mapping entry, so a value is checked against exactly the subtype it names, as the
 *   discriminator intends, instead of "exactly one branch matches" (branches overlap);
 * - `$ref`s point at the converted siblings under the given id prefix;
 * - an optional string member may be "" despite its `pattern`/`minLength` (see `blankable`).
 */
export type Direction = 'request' | 'response'

export function toJsonSchema(schema: SchemaObject, direction: Direction, idPrefix: string): SchemaObject {
  return convert(schema, direction, idPrefix)
}

function convert(node: unknown, direction: Direction, idPrefix: string): SchemaObject {
  if (typeof node !== 'object' || node === null) {
    return {}
  }
  const s = node as SchemaObject
  const out: SchemaObject = {}
  const dropped = new Set<string>()

  for (const [key, value] of Object.entries(s)) {
    switch (key) {
      case '$ref':
        out['$ref'] = `${idPrefix}${String(value).replace('#/components/schemas/', '')}`
        break
      case 'properties': {
        const props: Record<string, SchemaObject> = {}
        const requiredNames = new Set(Array.isArray(s['required']) ? (s['required'] as string[]) : [])
        for (const [name, prop] of Object.entries(value as Record<string, SchemaObject>)) {
          const hidden = direction === 'request' ? prop['readOnly'] === true : prop['writeOnly'] === true
          if (hidden) {
            dropped.add(name)
            continue
          }
          props[name] = blankable(convert(prop, direction, idPrefix), requiredNames.has(name))
        }
        out['properties'] = props
        break
      }
      case 'items':
      case 'additionalProperties':
        out[key] = typeof value === 'object' ? convert(value, direction, idPrefix) : value
        break
      case 'allOf':
      case 'anyOf':
        out[key] = (value as unknown[]).map((v) => convert(v, direction, idPrefix))
        break
      case 'oneOf':
        if (!s['discriminator']) {
          out['oneOf'] = (value as unknown[]).map((v) => convert(v, direction, idPrefix))
        }
        break
      case 'discriminator': {
        const { propertyName, mapping } = value as { propertyName: string; mapping: Record<string, string> }
        // The tag is required on a write; a PATCH drops top-level `required` errors (checkBody).
        out['required'] = [propertyName]
        out['properties'] = { [propertyName]: { enum: Object.keys(mapping) } }
        out['allOf'] = Object.entries(mapping).map(([tag, ref]) => ({
          if: { required: [propertyName], properties: { [propertyName]: { const: tag } } },
          then: { $ref: `${idPrefix}${ref.replace('#/components/schemas/', '')}` },
        }))
        break
      }
      // Annotations ajv does not need (and would reject in strict mode).
      case 'nullable':
      case 'readOnly':
      case 'writeOnly':
      case 'deprecated':
      case 'description':
      case 'example':
      case 'title':
      case 'externalDocs':
      case 'xml':
        break
      default:
        out[key] = value
    }
  }

  if (Array.isArray(out['required']) && dropped.size > 0) {
    out['required'] = (out['required'] as string[]).filter((name) => !dropped.has(name))
  }
  if (s['nullable'] === true) {
    return nullable(out)
  }
  return out
}

/**
 * An optional string member with a `pattern` or `minLength` (adres `postcode`, `land`,
 * `nummeraanduidingId`; digitaal adres `referentie`) is a Django field with `blank=True`: Open Klant
 * accepts and returns "" for "no value" (DRF's CharField returns "" before running validators, and a
 * gegevensgroep serialises empty members as ""), which the generated OAS cannot express. Such a
 * member is checked against its pattern and minimum length only when it is not empty.
 */
function blankable(schema: SchemaObject, required: boolean): SchemaObject {
  const { pattern, minLength, ...rest } = schema
  if (required || (pattern === undefined && minLength === undefined)) {
    return schema
  }
  return {
    ...rest,
    if: { minLength: 1 },
    then: {
      ...(pattern === undefined ? {} : { pattern }),
      ...(minLength === undefined ? {} : { minLength }),
    },
  }
}

function nullable(schema: SchemaObject): SchemaObject {
  const type = schema['type']
  if (typeof type === 'string') {
    const rest: SchemaObject = { ...schema, type: [type, 'null'] }
    // An enum must list null too, or ajv rejects the null the type now allows.
    if (Array.isArray(rest['enum'])) {
      rest['enum'] = [...(rest['enum'] as unknown[]), null]
    }
    return rest
  }
  return { anyOf: [{ type: 'null' }, schema] }
}
