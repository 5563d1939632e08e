import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { loadOas } from './oas-document'
import { toJsonSchema, type Direction } from './json-schema'

// ajv-formats is CommonJS; its default export arrives wrapped depending on the loader.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule

/**
 * One ajv instance per direction holding every component schema of the vendored OAS, so the
 * provider checks requests against exactly the document it serves, and tests check responses
 * against the same document.
 */
export interface SchemaSet {
  validator(component: string): ValidateFunction
}

const sets = new Map<Direction, SchemaSet>()

export function schemaSet(direction: Direction): SchemaSet {
  let set = sets.get(direction)
  if (!set) {
    set = build(direction)
    sets.set(direction, set)
  }
  return set
}

function build(direction: Direction): SchemaSet {
  const prefix = `kl-${direction}:`
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true })
  addFormats(ajv)
  // Optional URL fields (hoofdOnderwerpType) are Django URLFields with blank=True: Open Klant
  // accepts and returns "" for "no value", which the generated OAS cannot express.
  const uri = ajv.formats['uri']
  ajv.addFormat('uri', {
    type: 'string',
    validate: (value: string) =>
      value === '' ||
      (uri instanceof RegExp ? uri.test(value) : typeof uri === 'function' ? uri(value) : true),
  })
  for (const [name, schema] of Object.entries(loadOas().schemas)) {
    ajv.addSchema({ $id: `${prefix}${name}`, ...toJsonSchema(schema, direction, prefix) })
  }
  const compiled = new Map<string, ValidateFunction>()
  return {
    validator(component) {
      let fn = compiled.get(component)
      if (!fn) {
        fn = ajv.getSchema(`${prefix}${component}`)
        if (!fn) {
          throw new Error(`OAS has no component schema ${component}`)
        }
        compiled.set(component, fn)
      }
      return fn
    },
  }
}
