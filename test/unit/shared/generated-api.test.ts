import { readFileSync } from 'node:fs'
import openapiTS, { astToString } from 'openapi-typescript'
import { describe, expect, it } from 'vitest'

const spec = new URL('../../../spec/klantinteracties-openapi.yaml', import.meta.url)
const generated = new URL('../../../shared/api/klantinteracties.generated.ts', import.meta.url)

describe('generated Klantinteracties types', () => {
  it('match the vendored OAS (run `npm run generate:api` after replacing it)', async () => {
    const fresh = astToString(await openapiTS(spec))
    const committed = readFileSync(generated, 'utf8')
    // The CLI adds a banner comment; compare the declarations only.
    const body = (text: string): string => text.slice(text.indexOf('export '))
    expect(body(committed)).toBe(body(fresh))
  })
})
