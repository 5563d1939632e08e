import { join } from 'node:path'

/**
 * Provider configuration, from the environment (12-factor; the gateway and `npm start` set it).
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `KLANTINTERACTIES_TOKENS` | comma-separated API tokens (`Authorization: Token <token>`) | none: refuse to start |
 * | `KLANTINTERACTIES_DATABASE_URL` | `postgres://…` selects PostgreSQL | SQLite |
 * | `KLANTINTERACTIES_DATABASE_SCHEMA` | PostgreSQL schema | `public` |
 * | `KLANTINTERACTIES_DATA_DIR` | SQLite data directory | `./data` |
 * | `KLANTINTERACTIES_GENERATE_NUMMER` | `false` behaves like Open Klant 2.16+ (no generated nummer) | `true` |
 * | `KLANTINTERACTIES_HOST`, `KLANTINTERACTIES_PORT` | listen address | `127.0.0.1`, `8000` |
 */
export interface ProviderConfig {
  tokens: string[]
  databaseUrl?: string | undefined
  databaseSchema?: string | undefined
  sqliteFile: string
  generateNummer: boolean
  host: string
  port: number
}

export class ConfigError extends Error {}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ProviderConfig {
  const tokens = (env['KLANTINTERACTIES_TOKENS'] ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
  if (tokens.length === 0) {
    throw new ConfigError(
      'KLANTINTERACTIES_TOKENS is not set: the provider refuses to run without an API token',
    )
  }
  for (const token of tokens) {
    // Open Klant tokens are at most 40 characters; we also refuse ones too short to be secret.
    if (token.length < 16 || token.length > 64) {
      throw new ConfigError('every KLANTINTERACTIES_TOKENS entry must be 16 to 64 characters long')
    }
  }
  const port = Number(env['KLANTINTERACTIES_PORT'] ?? '8000')
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('KLANTINTERACTIES_PORT must be a port number')
  }
  const generate = env['KLANTINTERACTIES_GENERATE_NUMMER'] ?? 'true'
  if (generate !== 'true' && generate !== 'false') {
    throw new ConfigError('KLANTINTERACTIES_GENERATE_NUMMER must be true or false')
  }
  return {
    tokens,
    databaseUrl: env['KLANTINTERACTIES_DATABASE_URL'] || undefined,
    databaseSchema: env['KLANTINTERACTIES_DATABASE_SCHEMA'] || undefined,
    sqliteFile: join(env['KLANTINTERACTIES_DATA_DIR'] ?? 'data', 'klantinteracties.sqlite'),
    generateNummer: generate === 'true',
    host: env['KLANTINTERACTIES_HOST'] ?? '127.0.0.1',
    port,
  }
}
