import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ENV_VARIABLES } from '../../../server/gateway/config/env'
import { configurationReference } from '../../../server/gateway/config/reference'
import { gatewayConfigSchema } from '../../../server/gateway/config/schema'

const DOCS = new URL('../../../docs/configuration.md', import.meta.url)

interface Node {
  description?: string
  properties?: Record<string, Node>
  items?: Node
  additionalProperties?: Node | boolean
  oneOf?: Node[]
}

/** Every property of the schema, with its path, in oneOf branches, list items and maps too. */
function properties(node: Node, path: string): Array<[string, Node]> {
  const found: Array<[string, Node]> = []
  for (const branch of [node, ...(node.oneOf ?? [])]) {
    for (const [name, child] of Object.entries(branch.properties ?? {})) {
      found.push([`${path}${name}`, child], ...properties(child, `${path}${name}.`))
    }
  }
  if (node.items) {
    found.push(...properties(node.items, `${path.replace(/\.$/, '')}[].`))
  }
  if (typeof node.additionalProperties === 'object') {
    found.push([`${path}<group>`, node.additionalProperties])
  }
  return found
}

describe('the configuration reference (docs/configuration.md)', () => {
  it('is what `npm run docs:config` writes from the schema and the environment table', () => {
    // Stale after a change to server/gateway/config/schema.ts or env.ts: run `npm run docs:config`.
    expect(readFileSync(DOCS, 'utf8')).toBe(configurationReference())
  })

  it('has a description for every setting of the schema', () => {
    const all = properties(gatewayConfigSchema as unknown as Node, '')
    expect(all.length).toBeGreaterThan(80)
    expect(all.filter(([, node]) => !node.description?.trim()).map(([path]) => path)).toEqual([])
  })

  it('names every environment variable, its `_FILE` form for secrets, and the setting it sets', () => {
    const docs = configurationReference()
    for (const variable of ENV_VARIABLES) {
      expect(docs).toContain(`\`${variable.name}\``)
      expect(docs).toContain(`\`${variable.setting}\``)
    }
    for (const secret of ['KCC_KLANTINTERACTIES_TOKEN', 'KCC_OIDC_CLIENT_SECRET', 'KCC_SIP_SECRET']) {
      expect(docs).toContain(`\`${secret}_FILE\``)
    }
  })

  it('points every environment variable at a setting the schema has', () => {
    const paths = new Set(properties(gatewayConfigSchema as unknown as Node, '').map(([path]) => path))
    expect(ENV_VARIABLES.map((v) => v.setting).filter((setting) => !paths.has(setting))).toEqual([])
  })
})
