import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

/** The vendored OAS 0.9.0 (spec/klantinteracties-openapi.yaml), read once per process. */
export const OAS_PATH = fileURLToPath(new URL('../../../spec/klantinteracties-openapi.yaml', import.meta.url))

export type SchemaObject = Record<string, unknown>

export interface OasDocument {
  text: string
  schemas: Record<string, SchemaObject>
}

let cached: OasDocument | undefined

export function loadOas(): OasDocument {
  if (!cached) {
    const text = readFileSync(OAS_PATH, 'utf8')
    const doc = parse(text) as { components: { schemas: Record<string, SchemaObject> } }
    cached = { text, schemas: doc.components.schemas }
  }
  return cached
}
