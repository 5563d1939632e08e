import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { DEFAULT_PAUZE_REDENEN } from '../../../shared/gateway/pauze-redenen'
import { verifyPassword } from '../auth/passwords'
import { DEMO_LOGIN_PASSWORDS, DEMO_SIP_PASSWORDS } from './demo-credentials'
import { overflowProblems } from './overflow'
import { gatewayConfigSchema } from './schema'
import { sipFollowingGateway } from './sip-follows-gateway'
import type { GatewayConfig } from './types'

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule

export class GatewayConfigError extends Error {}

/**
 * Reads and validates the configuration file, then applies environment overrides:
 *
 * | variable | overrides |
 * |---|---|
 * | `KCC_HOST`, `KCC_PORT` | listen address (default 127.0.0.1:8480); the embedded SIP server and its `sip.websocketUrl` move along unless the file gives it a port of its own (sip-follows-gateway.ts) |
 * | `KCC_DATA_DIR` | `dataDir` |
 * | `KCC_DEMO` | `demo` (`true`/`false`) |
 * | `KCC_KLANTINTERACTIES_URL`, `KCC_KLANTINTERACTIES_TOKEN` | switch to a remote provider (Open Klant) |
 * | `KCC_KLANTINTERACTIES_GENERATES_NUMMER` | whether that provider fills in `nummer` (default false, as Open Klant 2.16+) |
 * | `KCC_SIP_WEBSOCKET_URL` | `sip.websocketUrl` (wins over the move above) |
 * | `KCC_SIP_ALLOWED_ORIGINS` | `sip.allowedOrigins` (comma-separated) |
 * | `KCC_SIP_EVAPI` | `sip.evapi` as `host:port`: Kamailio's evapi socket, whose held callers the queue takes |
 * | `KCC_ANSWER_FIELD` | `answerField` |
 * | `KCC_DATABASE_URL`, `KCC_DATABASE_SCHEMA` | the gateway's own database: PostgreSQL (and schema) instead of SQLite in `dataDir` |
 * | `KCC_CONSULT_RING_SECONDS` | `transfer.consultRingSeconds` (5–120) |
 *
 * Every problem is reported at once, with the path in the file, and nothing starts until it is fixed.
 */
export async function loadGatewayConfig(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GatewayConfig> {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new GatewayConfigError(`cannot read configuration ${path}: ${(error as Error).message}`)
  }
  const config = applyEnv(raw, env)
  validate(config)
  checkConsistency(config)
  await refuseDemoCredentials(config)
  // Agents can always give a reason for a pause; the defaults when the file names none.
  config.pauzeRedenen ??= [...DEFAULT_PAUZE_REDENEN]
  return config
}

function applyEnv(raw: unknown, env: NodeJS.ProcessEnv): GatewayConfig {
  const config = structuredClone(raw) as GatewayConfig & Record<string, unknown>
  if (typeof config !== 'object' || config === null) {
    throw new GatewayConfigError('configuration must be a JSON object')
  }
  if (env['KCC_HOST']) {
    config.host = env['KCC_HOST']
  }
  if (env['KCC_PORT']) {
    config.port = Number(env['KCC_PORT'])
  }
  if (env['KCC_HOST'] || env['KCC_PORT']) {
    const moved = sipFollowingGateway(raw as GatewayConfig, config)
    if (moved !== undefined) {
      config.sip.websocketUrl = moved
    }
  }
  if (env['KCC_DATA_DIR']) {
    config.dataDir = env['KCC_DATA_DIR']
  }
  if (env['KCC_DEMO']) {
    config.demo = env['KCC_DEMO'] === 'true'
  }
  if (env['KCC_KLANTINTERACTIES_URL']) {
    config.klantinteracties = {
      mode: 'remote',
      baseUrl: env['KCC_KLANTINTERACTIES_URL'],
      token: env['KCC_KLANTINTERACTIES_TOKEN'] ?? '',
      providerGeneratesNummer: env['KCC_KLANTINTERACTIES_GENERATES_NUMMER'] === 'true',
    }
  }
  if (env['KCC_SIP_WEBSOCKET_URL'] && typeof config.sip === 'object' && config.sip !== null) {
    config.sip.websocketUrl = env['KCC_SIP_WEBSOCKET_URL']
  }
  if (env['KCC_SIP_ALLOWED_ORIGINS'] && typeof config.sip === 'object' && config.sip !== null) {
    config.sip.allowedOrigins = env['KCC_SIP_ALLOWED_ORIGINS'].split(',').map((origin) => origin.trim())
  }
  if (env['KCC_SIP_EVAPI'] && typeof config.sip === 'object' && config.sip !== null) {
    const at = env['KCC_SIP_EVAPI'].lastIndexOf(':')
    // A malformed value is left for the schema to report (port not an integer, empty host).
    config.sip.evapi = {
      host: env['KCC_SIP_EVAPI'].slice(0, Math.max(at, 0)),
      port: Number(env['KCC_SIP_EVAPI'].slice(at + 1)),
    }
  }
  if (env['KCC_DATABASE_URL']) {
    config.database = {
      url: env['KCC_DATABASE_URL'],
      ...(env['KCC_DATABASE_SCHEMA'] ? { schema: env['KCC_DATABASE_SCHEMA'] } : {}),
    }
  }
  if (env['KCC_ANSWER_FIELD']) {
    config.answerField = env['KCC_ANSWER_FIELD'] as GatewayConfig['answerField']
  }
  if (env['KCC_CONSULT_RING_SECONDS']) {
    // Not a number stays NaN, which the schema reports as not an integer.
    config.transfer = { ...config.transfer, consultRingSeconds: Number(env['KCC_CONSULT_RING_SECONDS']) }
  }
  return config
}

const ajv = new Ajv({ allErrors: true })
addFormats(ajv)
const validateSchema = ajv.compile(gatewayConfigSchema)

function validate(config: unknown): asserts config is GatewayConfig {
  if (!validateSchema(config)) {
    const problems = (validateSchema.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`,
    )
    throw new GatewayConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`)
  }
}

function checkConsistency(config: GatewayConfig): void {
  const problems: string[] = []
  const duplicates = (values: string[], what: string): void => {
    const seen = new Set<string>()
    for (const v of values) {
      if (seen.has(v)) {
        problems.push(`${what} ${v} is used twice`)
      }
      seen.add(v)
    }
  }
  duplicates(
    config.agents.map((a) => a.login),
    'login',
  )
  duplicates(
    config.agents.map((a) => a.email.toLowerCase()),
    'e-mail',
  )
  duplicates(
    [
      ...config.agents.map((a) => a.sipExtension),
      ...config.afdelingen.map((a) => a.groupAddress),
      ...config.sip.guests,
    ],
    'SIP user',
  )
  duplicates(
    config.afdelingen.map((a) => a.id),
    'afdeling',
  )
  const afdelingen = new Set(config.afdelingen.map((a) => a.id))
  for (const agent of config.agents) {
    if (!afdelingen.has(agent.afdeling)) {
      problems.push(`agent ${agent.login}: afdeling ${agent.afdeling} is not configured`)
    }
    for (const supervised of agent.supervises ?? []) {
      if (!afdelingen.has(supervised)) {
        problems.push(`agent ${agent.login}: supervised afdeling ${supervised} is not configured`)
      }
    }
  }
  problems.push(...overflowProblems(config.afdelingen))
  if (problems.length > 0) {
    throw new GatewayConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`)
  }
}

async function refuseDemoCredentials(config: GatewayConfig): Promise<void> {
  if (config.demo) {
    return
  }
  const offenders: string[] = []
  for (const agent of config.agents) {
    if (agent.sipPassword !== undefined && DEMO_SIP_PASSWORDS.includes(agent.sipPassword)) {
      offenders.push(`${agent.login} (SIP password)`)
    }
    for (const demo of DEMO_LOGIN_PASSWORDS) {
      if (agent.passwordHash !== undefined && (await verifyPassword(demo, agent.passwordHash))) {
        offenders.push(`${agent.login} (login password)`)
        break
      }
    }
  }
  if (offenders.length > 0) {
    throw new GatewayConfigError(
      `refusing to start outside demo mode with the public demo passwords: ${offenders.join(', ')}`,
    )
  }
}
