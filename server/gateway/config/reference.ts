import { ENV_VARIABLES, PROCESS_VARIABLES } from './env'
import { gatewayConfigSchema } from './schema'
import { SECRET_FILES } from './secret-files'

/**
 * docs/configuration.md, written from the schema (each setting's type, constraints, default and
 * `description`) and the table of environment variables, so the reference cannot drift from what
 * the gateway accepts. `npm run docs:config` writes it; a unit test fails while the file differs.
 *
 * The Markdown is what Prettier would make of it (lists, and tables padded as Prettier pads them),
 * so `npm run format:check` leaves the generated file alone.
 */
export function configurationReference(schema: object = gatewayConfigSchema): string {
  const settings = settingsOf(schema as Schema, '', true)
  const sections: string[] = [HEADER]
  let current = ''
  for (const setting of settings) {
    const top = setting.path.split(/[.[]/)[0]!
    if (top !== current) {
      current = top
      sections.push(`### \`${top}\``, paragraph(setting))
    } else {
      sections.push(`- ${paragraph(setting)}`)
    }
  }
  sections.push(ENVIRONMENT, envTable(), OTHER_PROCESS_VARIABLES, otherTable())
  return joinBlocks(sections)
}

interface Schema {
  type?: string
  description?: string
  default?: unknown
  nullable?: boolean
  required?: string[]
  properties?: Record<string, Schema>
  items?: Schema
  additionalProperties?: Schema | boolean
  oneOf?: Schema[]
  enum?: unknown[]
  const?: unknown
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  pattern?: string
  format?: string
}

interface Setting {
  path: string
  schema: Schema
  required: boolean
  /** Of a `oneOf` branch's property: when it is required (`required with mode remote`). */
  requiredWhen?: string
  /** The constraints of the items of an array of scalars, folded into the array's entry. */
  each?: Schema
}

function settingsOf(schema: Schema, path: string, required: boolean, requiredWhen?: string): Setting[] {
  const found: Setting[] = []
  if (path !== '') {
    const scalarItems = schema.items && !schema.items.properties ? schema.items : undefined
    found.push({
      path,
      schema,
      required,
      ...(requiredWhen ? { requiredWhen } : {}),
      ...(scalarItems ? { each: scalarItems } : {}),
    })
  }
  const prefix = path === '' ? '' : `${path}.`
  for (const [name, child] of Object.entries(propertiesOf(schema))) {
    found.push(...settingsOf(child.schema, `${prefix}${name}`, child.required, child.requiredWhen))
  }
  if (schema.items?.properties) {
    found.push(...settingsOf({ ...schema.items, description: undefined }, `${path}[]`, true).slice(1))
  }
  if (typeof schema.additionalProperties === 'object') {
    found.push(...settingsOf(schema.additionalProperties, `${prefix}<group>`, false))
  }
  return found
}

interface Property {
  schema: Schema
  required: boolean
  requiredWhen?: string
}

/**
 * An object's properties; of a `oneOf`, those of every branch, a property named in several once.
 * The branches are told apart by a property with a constant (the register's `mode`).
 */
function propertiesOf(schema: Schema): Record<string, Property> {
  const branches = schema.oneOf ?? [schema]
  const merged: Record<string, Property> = {}
  for (const branch of branches) {
    const [tag, value] = Object.entries(branch.properties ?? {}).find(([, p]) => p.const !== undefined) ?? []
    for (const [name, property] of Object.entries(branch.properties ?? {})) {
      const required = (branch.required ?? []).includes(name)
      const earlier = merged[name]
      if (earlier && property.const !== undefined) {
        // One setting whose values are the branches' constants.
        const values = [...(earlier.schema.enum ?? [earlier.schema.const]), property.const]
        merged[name] = { schema: { ...earlier.schema, const: undefined, enum: values }, required }
      } else if (!earlier && branches.length === 1) {
        merged[name] = { schema: property, required }
      } else if (!earlier) {
        merged[name] = {
          schema: property,
          required: false,
          ...(required && tag
            ? { requiredWhen: `required with \`${tag}\` \`${String(value?.const)}\`` }
            : {}),
        }
      }
    }
  }
  return merged
}

function paragraph(setting: Setting): string {
  const { schema } = setting
  const facts = [typeOf(schema, setting.each)]
  if (!setting.path.endsWith('<group>')) {
    facts.push(setting.required ? 'required' : (setting.requiredWhen ?? 'optional'))
  }
  facts.push(...constraintsOf(schema))
  if (setting.each) {
    facts.push(...constraintsOf(setting.each).map((c) => `each ${c}`))
  }
  if (schema.default !== undefined) {
    facts.push(`default \`${JSON.stringify(schema.default)}\``)
  }
  const secret = SECRET_FILES.find((s) => setting.path === [...s.section, s.value].join('.'))
  const also = secret ? ` Or give a file: \`${[...secret.section, secret.file].join('.')}\`.` : ''
  const variables = ENV_VARIABLES.filter((v) => v.setting === setting.path).map((v) =>
    v.secret ? `\`${v.name}\` (or \`${v.name}_FILE\`)` : `\`${v.name}\``,
  )
  const env = variables.length > 0 ? ` Environment: ${variables.join(', ')}.` : ''
  const description = setting.each?.description
    ? `${schema.description ?? ''} Each: ${setting.each.description}`
    : (schema.description ?? '')
  return `\`${setting.path}\` (${facts.join('; ')}): ${description}${also}${env}`
}

function typeOf(schema: Schema, each: Schema | undefined): string {
  if (schema.type === 'array') {
    return each ? `list of ${typeOf(each, undefined)}` : 'list of objects'
  }
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object') {
    return `map of ${typeOf(schema.additionalProperties, undefined)}`
  }
  return schema.type ?? 'value'
}

function constraintsOf(schema: Schema): string[] {
  const found: string[] = []
  if (schema.enum) {
    found.push(`one of ${schema.enum.map((v) => `\`${String(v)}\``).join(', ')}`)
  }
  if (schema.const !== undefined) {
    found.push(`\`${String(schema.const)}\``)
  }
  found.push(...range(schema.minimum, schema.maximum, ''))
  found.push(...range(schema.minLength, schema.maxLength, ' characters'))
  found.push(...range(schema.minItems, schema.maxItems, ' items'))
  if (schema.uniqueItems) {
    found.push('no duplicates')
  }
  if (schema.format) {
    found.push(`format ${schema.format}`)
  }
  if (schema.pattern) {
    found.push(`matching \`${schema.pattern}\``)
  }
  return found
}

function range(min: number | undefined, max: number | undefined, unit: string): string[] {
  if (min !== undefined && max !== undefined) {
    return [`${min}–${max}${unit}`]
  }
  if (min === 1) {
    return ['not empty']
  }
  if (min !== undefined) {
    return [`at least ${min}${unit}`]
  }
  return max !== undefined ? [`at most ${max}${unit}`] : []
}

function envTable(): string {
  return table(
    ['variable', 'sets', 'meaning'],
    ENV_VARIABLES.map((v) => [
      v.secret ? `\`${v.name}\`, \`${v.name}_FILE\`` : `\`${v.name}\``,
      `\`${v.setting}\``,
      v.description,
    ]),
  )
}

function otherTable(): string {
  return table(
    ['variable', 'meaning'],
    PROCESS_VARIABLES.map((v) => [`\`${v.name}\``, v.description]),
  )
}

/** A GitHub table padded as Prettier pads one: every column as wide as its widest cell. */
function table(head: string[], rows: string[][]): string {
  const all = [head, ...rows]
  const widths = head.map((_, i) => Math.max(3, ...all.map((row) => row[i]!.length)))
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n')
}

function joinBlocks(blocks: string[]): string {
  // Consecutive list items form one list; everything else is separated by a blank line.
  let text = ''
  for (const [i, block] of blocks.entries()) {
    if (i > 0) {
      text += block.startsWith('- ') && blocks[i - 1]!.startsWith('- ') ? '\n' : '\n\n'
    }
    text += block
  }
  return `${text}\n`
}

const HEADER = `# Configuration

<!-- Written by \`npm run docs:config\` from server/gateway/config/schema.ts and env.ts: edit those, not this file. -->

The gateway (\`npm run server\`, the systemd unit of docs/deployment.md) reads one JSON file: the file
\`KCC_CONFIG\` names, by default \`config/kcc.demo.json\`. Then it applies the environment variables
below, which win over the file, and reads the secrets given as files. It checks the result against
this reference and refuses to start while anything is wrong, reporting every problem at once with
its path in the file (\`/agents/1/login must match pattern …\`).

## Secrets

The register's token, the OpenID Connect client secret, the SIP credentials secret and a database
URL with a password in it are secrets. Give each as a file rather than as a value, so it stays out
of the configuration file, the process environment and backups of either:

- in the file: \`klantinteracties.tokenFile\`, \`auth.oidc.clientSecretFile\`,
  \`sip.credentials.secretFile\` (paths relative to the working directory, as \`dataDir\` is);
- in the environment: the variable's name with \`_FILE\`, e.g.
  \`KCC_OIDC_CLIENT_SECRET_FILE=/run/credentials/kcc-gateway.service/oidc-client-secret\` (systemd's
  \`LoadCredential=\`, docs/deployment.md).

The gateway reads the file once at start; one trailing line break is not part of the secret. A file
that cannot be read or is empty stops the start with a message naming the file (never its content).
Giving a value and its file together is an error, in the file and in the environment alike; a
variable from the environment replaces the file's value or file.

## Settings

Each setting with its type, whether it is required, its constraints and its default. A list of
objects (\`agents[]\`) lists its fields under the list.`

const ENVIRONMENT = `## Environment variables

Each overrides one setting. Applied in this order; a wrong value is reported like a wrong value in
the file, with the setting's path.`

const OTHER_PROCESS_VARIABLES = `## Other variables

Read by \`npm run server\` itself, not part of the configuration.`
