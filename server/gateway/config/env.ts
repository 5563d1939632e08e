import { sipFollowingGateway } from './sip-follows-gateway'

/**
 * The environment variables that override the configuration file: one table, from which load.ts
 * applies them and scripts/config-docs.ts writes docs/configuration.md. Applied in this order,
 * on the file's JSON before validation, so a wrong value is reported by the schema with the
 * setting's path, like a wrong value in the file.
 *
 * A variable marked `secret` can also be given as `<name>_FILE`, the path of a file holding the
 * value (systemd's `LoadCredential=` puts secrets in `$CREDENTIALS_DIRECTORY`, docs/deployment.md):
 * secrets then stay out of the process environment, which other processes of the same user and
 * crash reports can read.
 */
export interface EnvVariable {
  readonly name: string
  /** The setting it sets, as a path in the file (`sip.credentials.secret`). */
  readonly setting: string
  /** What it does, for the docs. */
  readonly description: string
  /** Also accepted as `<name>_FILE`. */
  readonly secret?: boolean
  /** Sets the value on the configuration as read from the file (`file`: untouched, for comparisons). */
  readonly apply: (config: Draft, value: string, file: Draft) => void
}

/** The configuration before validation: whatever JSON the file holds. */
export type Draft = Record<string, unknown>

export class EnvError extends Error {}

export const ENV_VARIABLES: readonly EnvVariable[] = [
  {
    name: 'KCC_HOST',
    setting: 'host',
    description:
      'The address to listen on. The embedded SIP server and its `sip.websocketUrl` move along unless the file gives it a port of its own.',
    apply: (config, value, file) => {
      config['host'] = value
      followGateway(config, file)
    },
  },
  {
    name: 'KCC_PORT',
    setting: 'port',
    description:
      'The port to listen on (0: any free port). The embedded SIP server and its `sip.websocketUrl` move along unless the file gives it a port of its own.',
    apply: (config, value, file) => {
      config['port'] = Number(value)
      followGateway(config, file)
    },
  },
  {
    name: 'KCC_DATA_DIR',
    setting: 'dataDir',
    description: 'The data directory.',
    apply: (config, value) => {
      config['dataDir'] = value
    },
  },
  {
    name: 'KCC_DEMO',
    setting: 'demo',
    description: 'Demo mode: `true` or `false`.',
    apply: (config, value) => {
      config['demo'] = booleanOf('KCC_DEMO', value)
    },
  },
  {
    name: 'KCC_KLANTINTERACTIES_URL',
    setting: 'klantinteracties.baseUrl',
    description:
      'Switches to a remote Klantinteracties register (Open Klant) at this URL; give its token with `KCC_KLANTINTERACTIES_TOKEN(_FILE)` or in the file.',
    apply: (config, value) => {
      const current = objectAt(config, 'klantinteracties')
      const remote = current?.['mode'] === 'remote' ? current : {}
      config['klantinteracties'] = {
        mode: 'remote',
        baseUrl: value,
        token: remote['token'] ?? '',
        ...(remote['tokenFile'] !== undefined ? { tokenFile: remote['tokenFile'] } : {}),
        providerGeneratesNummer: remote['providerGeneratesNummer'] ?? false,
      }
    },
  },
  {
    name: 'KCC_KLANTINTERACTIES_TOKEN',
    setting: 'klantinteracties.token',
    description: "The remote register's API token.",
    secret: true,
    apply: (config, value) => {
      const remote = remoteRegister(config, 'KCC_KLANTINTERACTIES_TOKEN')
      remote['token'] = value
      delete remote['tokenFile']
    },
  },
  {
    name: 'KCC_KLANTINTERACTIES_GENERATES_NUMMER',
    setting: 'klantinteracties.providerGeneratesNummer',
    description: 'Whether the remote register fills in `nummer` itself: `true` or `false` (default false).',
    apply: (config, value) => {
      remoteRegister(config, 'KCC_KLANTINTERACTIES_GENERATES_NUMMER')['providerGeneratesNummer'] = booleanOf(
        'KCC_KLANTINTERACTIES_GENERATES_NUMMER',
        value,
      )
    },
  },
  {
    name: 'KCC_SIP_WEBSOCKET_URL',
    setting: 'sip.websocketUrl',
    description: 'Where the softphones connect; wins over the move by `KCC_HOST`/`KCC_PORT`.',
    apply: (config, value) => {
      section(config, 'sip')['websocketUrl'] = value
    },
  },
  {
    name: 'KCC_SIP_ALLOWED_ORIGINS',
    setting: 'sip.allowedOrigins',
    description: 'Comma-separated origins allowed to open the embedded SIP WebSocket.',
    apply: (config, value) => {
      section(config, 'sip')['allowedOrigins'] = listOf(value)
    },
  },
  {
    name: 'KCC_SIP_EVAPI',
    setting: 'sip.evapi',
    description: "Kamailio's evapi socket as `host:port`.",
    apply: (config, value) => {
      const at = value.lastIndexOf(':')
      // A malformed value is left for the schema to report (port not an integer, empty host).
      section(config, 'sip')['evapi'] = {
        host: value.slice(0, Math.max(at, 0)),
        port: Number(value.slice(at + 1)),
      }
    },
  },
  {
    name: 'KCC_SIP_SECRET',
    setting: 'sip.credentials.secret',
    description: 'The secret shared with the SIP server for ephemeral SIP credentials.',
    secret: true,
    apply: (config, value) => {
      const credentials = section(section(config, 'sip'), 'credentials')
      credentials['secret'] = value
      delete credentials['secretFile']
    },
  },
  {
    name: 'KCC_ANSWER_FIELD',
    setting: 'answerField',
    description: "Where a colleague's answer goes: `inhoud` or `reactie`.",
    apply: (config, value) => {
      config['answerField'] = value
    },
  },
  {
    name: 'KCC_DATABASE_URL',
    setting: 'database.url',
    description: "The gateway's own database: PostgreSQL (`postgres://…`) instead of SQLite in `dataDir`.",
    secret: true,
    apply: (config, value) => {
      config['database'] = { url: value }
    },
  },
  {
    name: 'KCC_DATABASE_SCHEMA',
    setting: 'database.schema',
    description: 'The PostgreSQL schema of that database.',
    apply: (config, value) => {
      const database = objectAt(config, 'database')
      if (database === undefined) {
        throw new EnvError('KCC_DATABASE_SCHEMA needs a database: set KCC_DATABASE_URL or database.url')
      }
      database['schema'] = value
    },
  },
  {
    name: 'KCC_CONSULT_RING_SECONDS',
    setting: 'transfer.consultRingSeconds',
    description: 'How long a consult call rings (5–120 seconds).',
    apply: (config, value) => {
      // Not a number stays NaN, which the schema reports as not an integer.
      section(config, 'transfer')['consultRingSeconds'] = Number(value)
    },
  },
  {
    name: 'KCC_AUTH_METHODS',
    setting: 'auth.methods',
    description: 'Comma-separated ways of signing in: `password`, `oidc`.',
    apply: (config, value) => {
      section(config, 'auth')['methods'] = listOf(value)
    },
  },
  {
    name: 'KCC_OIDC_ISSUER',
    setting: 'auth.oidc.issuer',
    description: "The identity provider's issuer URL.",
    apply: (config, value) => {
      oidc(config)['issuer'] = value
    },
  },
  {
    name: 'KCC_OIDC_CLIENT_ID',
    setting: 'auth.oidc.clientId',
    description: "The gateway's client id at the identity provider.",
    apply: (config, value) => {
      oidc(config)['clientId'] = value
    },
  },
  {
    name: 'KCC_OIDC_CLIENT_SECRET',
    setting: 'auth.oidc.clientSecret',
    description: "The gateway's client secret at the identity provider.",
    secret: true,
    apply: (config, value) => {
      const settings = oidc(config)
      settings['clientSecret'] = value
      delete settings['clientSecretFile']
    },
  },
  {
    name: 'KCC_OIDC_REDIRECT_URI',
    setting: 'auth.oidc.redirectUri',
    description: "The gateway's public callback URL, as registered at the identity provider.",
    apply: (config, value) => {
      oidc(config)['redirectUri'] = value
    },
  },
  {
    name: 'KCC_TLS_CERT_FILE',
    setting: 'tls.certFile',
    description: 'PEM certificate chain for HTTPS/WSS.',
    apply: (config, value) => {
      section(config, 'tls')['certFile'] = value
    },
  },
  {
    name: 'KCC_TLS_KEY_FILE',
    setting: 'tls.keyFile',
    description: 'PEM private key for HTTPS/WSS.',
    apply: (config, value) => {
      section(config, 'tls')['keyFile'] = value
    },
  },
  {
    name: 'KCC_UPDATES_DIR',
    setting: 'updates.directory',
    description: "Serve the desktop app's update feed at `/updates/` from this directory.",
    apply: (config, value) => {
      section(config, 'updates')['directory'] = value
    },
  },
  {
    name: 'KCC_APP_ORIGINS',
    setting: 'appOrigins',
    description:
      'Comma-separated origins of agent app pages, besides the desktop app, that may call the API.',
    apply: (config, value) => {
      config['appOrigins'] = listOf(value)
    },
  },
]

/**
 * Variables `npm run server` reads besides the configuration (server/main.ts, server/compose/,
 * server/lib/logger.ts), listed here for docs/configuration.md.
 */
export const PROCESS_VARIABLES: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'KCC_CONFIG', description: 'The configuration file (default `config/kcc.demo.json`).' },
  {
    name: 'KCC_WEB_ROOT',
    description: "The agent app's web build to serve at `/` (default `out/renderer`).",
  },
  { name: 'LOG_LEVEL', description: 'pino log level (default `info`).' },
  {
    name: 'KLANTINTERACTIES_DATABASE_URL',
    description: "The embedded provider's database: PostgreSQL instead of SQLite in `dataDir`.",
  },
  { name: 'KLANTINTERACTIES_DATABASE_SCHEMA', description: 'The PostgreSQL schema of that database.' },
]

/**
 * The value of a variable: from the environment, or from the file `<name>_FILE` names for a
 * secret. Both at once is an error: which one is meant cannot be guessed.
 */
export function envValue(
  variable: EnvVariable,
  env: NodeJS.ProcessEnv,
  read: SecretReader,
): string | undefined {
  const value = env[variable.name] || undefined
  const file = variable.secret ? env[`${variable.name}_FILE`] || undefined : undefined
  if (value !== undefined && file !== undefined) {
    throw new EnvError(`set either ${variable.name} or ${variable.name}_FILE, not both`)
  }
  return file !== undefined ? read(file, `${variable.name}_FILE`) : value
}

/** Reads a secret from a file; `what` names where the path came from, for the error. */
export type SecretReader = (path: string, what: string) => string

function followGateway(config: Draft, file: Draft): void {
  const moved = sipFollowingGateway(file as Parameters<typeof sipFollowingGateway>[0], config as never)
  if (moved !== undefined) {
    section(config, 'sip')['websocketUrl'] = moved
  }
}

function objectAt(config: Draft, key: string): Draft | undefined {
  const value = config[key]
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Draft) : undefined
}

/**
 * The section `key`, made when absent. A section that is not an object is left for the schema to
 * report; the value then goes nowhere.
 */
function section(config: Draft, key: string): Draft {
  if (config[key] === undefined) {
    config[key] = {}
  }
  return objectAt(config, key) ?? {}
}

function oidc(config: Draft): Draft {
  const auth = section(config, 'auth')
  // Signing in with a password stays the default until KCC_AUTH_METHODS or the file says otherwise.
  auth['methods'] ??= ['password']
  return section(auth, 'oidc')
}

function remoteRegister(config: Draft, name: string): Draft {
  const register = objectAt(config, 'klantinteracties')
  if (register?.['mode'] !== 'remote') {
    throw new EnvError(
      `${name} applies to a remote register: set KCC_KLANTINTERACTIES_URL or klantinteracties.mode "remote"`,
    )
  }
  return register
}

function booleanOf(name: string, value: string): boolean {
  if (value !== 'true' && value !== 'false') {
    throw new EnvError(`${name} must be true or false, not ${JSON.stringify(value.slice(0, 40))}`)
  }
  return value === 'true'
}

function listOf(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
}
