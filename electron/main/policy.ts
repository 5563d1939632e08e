import { readFileSync } from 'node:fs'
import { posix, win32 } from 'node:path'
import { readRegistryKey, type RegistryValues, type RunRegQuery } from './registry'

/**
 * What the municipality's IT admin decides for every agent's PC: where the gateway is, where
 * updates come from, and whether updates and global shortcuts are allowed. Each setting is taken
 * from the first source that has it (docs/desktop.md, "Beheer"):
 *
 * 1. Group Policy: the registry key HKLM\SOFTWARE\Policies\KCC\Werkplek (Windows);
 * 2. the configuration file `kcc-werkplek.json` next to the program (Windows: the install folder,
 *    writable by administrators only with a per-machine install), or
 *    /etc/kcc-werkplek/kcc-werkplek.json (Linux);
 * 3. the environment (KCC_GATEWAY_URL, ...), for development and the tests;
 * 4. the defaults (loopback gateway, updates on, shortcuts allowed).
 *
 * The agent's own settings (desktop-settings.ts) can only be stricter than the policy. A policy
 * that cannot be read as documented stops the app: silently falling back to the defaults would
 * point the app at the wrong gateway or switch updates back on.
 */

export const POLICY_REGISTRY_KEY = 'HKLM\\SOFTWARE\\Policies\\KCC\\Werkplek'
export const POLICY_FILE_NAME = 'kcc-werkplek.json'
export const LINUX_POLICY_FILE = '/etc/kcc-werkplek/kcc-werkplek.json'

export type PolicySource = 'registry' | 'file' | 'environment' | 'default'

export interface Policy {
  readonly gatewayUrl: string | undefined
  readonly sipUrl: string | undefined
  /** The SIP domain `sip:` links must be on; without it `sip:` links are refused. */
  readonly sipDomain: string | undefined
  /** The generic update feed (a folder with latest.yml); without it there are no updates. */
  readonly updateUrl: string | undefined
  readonly updatesDisabled: boolean
  readonly shortcutsDisabled: boolean
  /** Which source each setting came from, for the startup log (no values: they are not secret, but long). */
  readonly sources: Readonly<Record<PolicyKey, PolicySource>>
}

type PolicyKey = 'gatewayUrl' | 'sipUrl' | 'sipDomain' | 'updateUrl' | 'updatesDisabled' | 'shortcutsDisabled'

interface KeySpec {
  readonly registry: string
  readonly file: string
  readonly env: string
  readonly kind: 'text' | 'flag'
}

/** One name per source, as an admin writes it there (docs/desktop.md lists the same table). */
export const POLICY_KEYS: Readonly<Record<PolicyKey, KeySpec>> = {
  gatewayUrl: { registry: 'GatewayUrl', file: 'gatewayUrl', env: 'KCC_GATEWAY_URL', kind: 'text' },
  sipUrl: { registry: 'SipUrl', file: 'sipUrl', env: 'KCC_SIP_URL', kind: 'text' },
  sipDomain: { registry: 'SipDomain', file: 'sipDomain', env: 'KCC_SIP_DOMAIN', kind: 'text' },
  updateUrl: { registry: 'UpdateUrl', file: 'updateUrl', env: 'KCC_UPDATE_URL', kind: 'text' },
  updatesDisabled: {
    registry: 'DisableUpdates',
    file: 'disableUpdates',
    env: 'KCC_DISABLE_UPDATES',
    kind: 'flag',
  },
  shortcutsDisabled: {
    registry: 'DisableGlobalShortcuts',
    file: 'disableGlobalShortcuts',
    env: 'KCC_DISABLE_GLOBAL_SHORTCUTS',
    kind: 'flag',
  },
}

export interface PolicyInputs {
  readonly platform: NodeJS.Platform
  /** The running program (process.execPath); its folder holds the Windows configuration file. */
  readonly execPath: string
  readonly env: Readonly<Record<string, string | undefined>>
  readonly readFile?: (path: string) => string | undefined
  readonly runRegQuery?: RunRegQuery
}

const readIfPresent = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined
    }
    throw error
  }
}

export function policyFilePath(platform: NodeJS.Platform, execPath: string): string {
  if (platform === 'linux') {
    return LINUX_POLICY_FILE
  }
  // Explicit path flavours: the result does not depend on the OS the tests run on.
  const path = platform === 'win32' ? win32 : posix
  return path.join(path.dirname(execPath), POLICY_FILE_NAME)
}

function parsePolicyFile(path: string, text: string): Readonly<Record<string, unknown>> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new Error(`${path} is not valid JSON`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path} must hold one JSON object`)
  }
  const record = parsed as Readonly<Record<string, unknown>>
  const known = new Set(Object.values(POLICY_KEYS).map((spec) => spec.file))
  for (const key of Object.keys(record)) {
    if (!known.has(key)) {
      // A misspelt key would otherwise be ignored without a word: say so instead.
      throw new Error(`${path}: unknown setting ${JSON.stringify(key)}`)
    }
  }
  return record
}

function fromRegistry(values: RegistryValues, spec: KeySpec): string | boolean | undefined {
  const value = values.get(spec.registry)
  if (value === undefined) {
    return undefined
  }
  if (spec.kind === 'flag') {
    if (value !== 0 && value !== 1) {
      throw new Error(`${POLICY_REGISTRY_KEY}\\${spec.registry} must be a REG_DWORD of 0 or 1`)
    }
    return value === 1
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${POLICY_REGISTRY_KEY}\\${spec.registry} must be a non-empty REG_SZ`)
  }
  return value.trim()
}

function fromFile(
  record: Readonly<Record<string, unknown>>,
  spec: KeySpec,
  path: string,
): string | boolean | undefined {
  const value = record[spec.file]
  if (value === undefined) {
    return undefined
  }
  if (spec.kind === 'flag' && typeof value === 'boolean') {
    return value
  }
  if (spec.kind === 'text' && typeof value === 'string' && value.trim() !== '') {
    return value.trim()
  }
  throw new Error(
    `${path}: ${spec.file} must be ${spec.kind === 'flag' ? 'true or false' : 'a non-empty string'}`,
  )
}

function fromEnv(env: PolicyInputs['env'], spec: KeySpec): string | boolean | undefined {
  const value = env[spec.env]
  if (value === undefined || value === '') {
    return undefined
  }
  if (spec.kind === 'flag') {
    if (value !== '0' && value !== '1') {
      throw new Error(`${spec.env} must be 0 or 1`)
    }
    return value === '1'
  }
  return value
}

export function readPolicy(inputs: PolicyInputs): Policy {
  const readFile = inputs.readFile ?? readIfPresent
  const registry: RegistryValues =
    inputs.platform === 'win32' ? readRegistryKey(POLICY_REGISTRY_KEY, inputs.runRegQuery) : new Map()
  const path = policyFilePath(inputs.platform, inputs.execPath)
  const text = readFile(path)
  const file: Readonly<Record<string, unknown>> = text === undefined ? {} : parsePolicyFile(path, text)

  const sources = {} as Record<PolicyKey, PolicySource>
  const resolve = (key: PolicyKey): string | boolean | undefined => {
    const spec = POLICY_KEYS[key]
    const candidates: ReadonlyArray<[PolicySource, () => string | boolean | undefined]> = [
      ['registry', () => fromRegistry(registry, spec)],
      ['file', () => fromFile(file, spec, path)],
      ['environment', () => fromEnv(inputs.env, spec)],
    ]
    for (const [source, read] of candidates) {
      const value = read()
      if (value !== undefined) {
        sources[key] = source
        return value
      }
    }
    sources[key] = 'default'
    return undefined
  }
  const text_ = (key: PolicyKey): string | undefined => {
    const value = resolve(key)
    return typeof value === 'string' ? value : undefined
  }
  const flag = (key: PolicyKey): boolean => resolve(key) === true

  return {
    gatewayUrl: text_('gatewayUrl'),
    sipUrl: text_('sipUrl'),
    sipDomain: text_('sipDomain'),
    updateUrl: text_('updateUrl'),
    updatesDisabled: flag('updatesDisabled'),
    shortcutsDisabled: flag('shortcutsDisabled'),
    sources,
  }
}

/** The endpoint settings in the form endpoints.ts reads, so its checks apply to every source. */
export function endpointEnv(policy: Policy): Record<string, string | undefined> {
  return { KCC_GATEWAY_URL: policy.gatewayUrl, KCC_SIP_URL: policy.sipUrl }
}
