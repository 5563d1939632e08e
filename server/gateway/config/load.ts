import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { DEFAULT_PAUZE_REDENEN } from '../../../shared/gateway/pauze-redenen'
import { authConfigProblems } from '../auth/oidc/config-check'
import { verifyPassword } from '../auth/passwords'
import { DEMO_LOGIN_PASSWORDS } from './demo-credentials'
import { ENV_VARIABLES, EnvError, envValue, type Draft } from './env'
import { overflowProblems } from './overflow'
import { gatewayConfigSchema } from './schema'
import { readSecretFile, readSecretFiles, SecretFileError } from './secret-files'
import { trustedProxyProblems } from './trusted-proxies'
import type { GatewayConfig } from './types'

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule

export class GatewayConfigError extends Error {}

/**
 * Reads and validates the configuration file (docs/configuration.md lists every setting), applies
 * the environment overrides (env.ts), then reads the secrets the file or the environment gives
 * as files (secret-files.ts).
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
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new GatewayConfigError('configuration must be a JSON object')
  }
  const config = withSecrets(raw as Draft, env)
  validate(config)
  checkConsistency(config)
  await refuseDemoCredentials(config)
  // Agents can always give a reason for a pause; the defaults when the file names none.
  config.pauzeRedenen ??= [...DEFAULT_PAUZE_REDENEN]
  return config
}

/** The file's JSON with the environment's overrides applied and every secret file read. */
function withSecrets(file: Draft, env: NodeJS.ProcessEnv): unknown {
  const config = structuredClone(file)
  try {
    for (const variable of ENV_VARIABLES) {
      const value = envValue(variable, env, readSecretFile)
      if (value !== undefined) {
        variable.apply(config, value, file)
      }
    }
    readSecretFiles(config, readSecretFile)
  } catch (error) {
    if (error instanceof EnvError || error instanceof SecretFileError) {
      throw new GatewayConfigError(`invalid configuration: ${error.message}`)
    }
    throw error
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
  problems.push(...trustedProxyProblems(config.trustedProxies))
  problems.push(...authConfigProblems(config))
  // A PBX checks the softphones' ephemeral credentials with the same secret; only the embedded SIP
  // server can share a random one with the gateway (docs/telephony.md).
  if (!config.sip.embedded && !config.sip.credentials?.secret) {
    problems.push(
      'sip.credentials.secret (or secretFile, KCC_SIP_SECRET_FILE) is required with a PBX (sip.embedded false)',
    )
  }
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
