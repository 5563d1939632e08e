import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import {
  ACTOR_LIMITS,
  ACTORIDENTIFICATOR_LIMITS,
  CONTACTNAAM_LIMITS,
  INTERNE_TAAK_LIMITS,
  KLANTCONTACT_LIMITS,
  LONGEST_TEXT,
} from '../../../shared/api/klantinteracties-limits'

interface Schema {
  properties?: Record<string, { maxLength?: number }>
}

const spec = parse(
  readFileSync(new URL('../../../spec/klantinteracties-openapi.yaml', import.meta.url), 'utf8'),
) as {
  components: { schemas: Record<string, Schema> }
}

function maxLengthsOf(schema: string, names: readonly string[]): Record<string, number | undefined> {
  const properties = spec.components.schemas[schema]?.properties ?? {}
  return Object.fromEntries(names.map((name) => [name, properties[name]?.maxLength]))
}

function allMaxLengths(node: unknown): number[] {
  if (Array.isArray(node)) {
    return node.flatMap(allMaxLengths)
  }
  if (typeof node !== 'object' || node === null) {
    return []
  }
  const own = 'maxLength' in node && typeof node.maxLength === 'number' ? [node.maxLength] : []
  return [...own, ...Object.values(node).flatMap(allMaxLengths)]
}

describe('the OAS limits the app and the gateway check', () => {
  it.each([
    ['Klantcontact', KLANTCONTACT_LIMITS],
    ['Contactnaam', CONTACTNAAM_LIMITS],
    ['InterneTaak', INTERNE_TAAK_LIMITS],
    ['Base_ActorSerializer', ACTOR_LIMITS],
    ['Actoridentificator', ACTORIDENTIFICATOR_LIMITS],
  ] as const)('are the maxLengths of %s in the vendored OAS', (schema, limits) => {
    expect(limits).toEqual(maxLengthsOf(schema, Object.keys(limits)))
  })

  it('know the longest text any member of the OAS allows', () => {
    expect(LONGEST_TEXT).toBe(Math.max(...allMaxLengths(spec)))
  })
})
