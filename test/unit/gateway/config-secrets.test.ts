import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { GatewayConfigError, loadGatewayConfig } from '../../../server/gateway/config/load'

const DEMO = new URL('../../../config/kcc.demo.json', import.meta.url)
const demo = (): Record<string, unknown> => JSON.parse(readFileSync(DEMO, 'utf8')) as Record<string, unknown>
const dir = mkdtempSync(join(tmpdir(), 'kcc-secrets-'))
let files = 0

function file(content: string): string {
  const path = join(dir, `file-${(files += 1)}`)
  writeFileSync(path, content)
  return path
}

const TOKEN = 'a-token-of-forty-characters-0123456789ab'
const SECRET = 'een-gedeeld-geheim-van-minstens-32-tekens'
const REMOTE = {
  mode: 'remote',
  baseUrl: 'https://openklant.gemeente.example/api',
  providerGeneratesNummer: true,
}
const OIDC = {
  issuer: 'https://login.gemeente.example',
  clientId: 'kcc-gateway',
  redirectUri: 'https://kcc.gemeente.example/api/auth/oidc/callback',
  roles: { 'kcc-medewerkers': 'agent' },
  afdelingen: { 'kcc-medewerkers': 'kcc' },
}

async function failure(config: unknown, env: NodeJS.ProcessEnv = {}): Promise<Error> {
  const error = await loadGatewayConfig(file(JSON.stringify(config)), env).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(GatewayConfigError)
  return error as Error
}

describe('secrets given as files', () => {
  it('reads the file-named secrets of the configuration file, without the trailing line break', async () => {
    const config = await loadGatewayConfig(
      file(
        JSON.stringify({
          ...demo(),
          klantinteracties: { ...REMOTE, tokenFile: file(`${TOKEN}\n`) },
          auth: {
            methods: ['password', 'oidc'],
            oidc: { ...OIDC, clientSecretFile: file('oidc-geheim\r\n') },
          },
          sip: { ...(demo()['sip'] as object), credentials: { secretFile: file(SECRET) } },
        }),
      ),
      {},
    )
    expect(config.klantinteracties).toEqual({ ...REMOTE, token: TOKEN })
    expect(config.auth?.oidc?.clientSecret).toBe('oidc-geheim')
    expect(config.auth?.oidc?.clientSecretFile).toBeUndefined()
    expect(config.sip.credentials).toEqual({ secret: SECRET })
  })

  it('reads KCC_…_FILE variables, which replace the file’s value or file', async () => {
    const config = await loadGatewayConfig(
      file(
        JSON.stringify({
          ...demo(),
          klantinteracties: { ...REMOTE, token: 'het-token-uit-het-bestand-0123' },
          auth: { methods: ['oidc'], oidc: { ...OIDC, clientSecretFile: '/bestaat/niet' } },
        }),
      ),
      {
        KCC_KLANTINTERACTIES_TOKEN_FILE: file(`${TOKEN}\n`),
        KCC_OIDC_CLIENT_SECRET_FILE: file('oidc-geheim\n'),
        KCC_SIP_SECRET_FILE: file(`${SECRET}\n`),
        KCC_DATABASE_URL_FILE: file('postgres://kcc:wachtwoord@db.gemeente.example/kcc\n'),
      },
    )
    expect(config.klantinteracties).toMatchObject({ token: TOKEN })
    expect(config.auth?.oidc).toMatchObject({ clientSecret: 'oidc-geheim' })
    expect(config.auth?.oidc?.clientSecretFile).toBeUndefined()
    expect(config.sip.credentials?.secret).toBe(SECRET)
    expect(config.database?.url).toBe('postgres://kcc:wachtwoord@db.gemeente.example/kcc')
  })

  it('names the file that cannot be read, and never its content', async () => {
    const missing = join(dir, 'ontbreekt')
    const error = await failure({ ...demo(), klantinteracties: { ...REMOTE, tokenFile: missing } })
    expect(error.message).toContain(`klantinteracties.tokenFile ${missing}: ENOENT`)

    const directory = await failure(demo(), { KCC_SIP_SECRET_FILE: dir })
    expect(directory.message).toContain(`KCC_SIP_SECRET_FILE ${dir}: EISDIR`)
    // Read, but refused by the schema: the problem names the setting, not the value.
    const short = await failure(demo(), { KCC_SIP_SECRET_FILE: file('kort-geheim\n') })
    expect(short.message).toMatch(/\/sip\/credentials\/secret must NOT have fewer than 32 characters/)
    expect(short.message).not.toContain('kort-geheim')
  })

  it('refuses a SIP secret Kamailio could not read as a string: a quote, a backslash or a space', async () => {
    for (const bad of ['"', '\\', ' ']) {
      const secret = `een-gedeeld-geheim${bad}van-minstens-32-tekens`
      const error = await failure(demo(), { KCC_SIP_SECRET_FILE: file(secret) })
      expect(error.message).toMatch(/\/sip\/credentials\/secret must match pattern/)
      expect(error.message).not.toContain(secret)
    }
    const fine = await loadGatewayConfig(file(JSON.stringify(demo())), { KCC_SIP_SECRET_FILE: file(SECRET) })
    expect(fine.sip.credentials?.secret).toBe(SECRET)
  })

  it('refuses an empty secret file', async () => {
    const empty = file('\n')
    const error = await failure(demo(), { KCC_SIP_SECRET_FILE: empty })
    expect(error.message).toContain(`KCC_SIP_SECRET_FILE ${empty} is empty`)
  })

  it('refuses a value together with its file, in the configuration and in the environment', async () => {
    const both = await failure({
      ...demo(),
      klantinteracties: { ...REMOTE, token: TOKEN, tokenFile: file(TOKEN) },
    })
    expect(both.message).toContain('either klantinteracties.token or klantinteracties.tokenFile')
    const env = await failure(demo(), { KCC_SIP_SECRET: SECRET, KCC_SIP_SECRET_FILE: file(SECRET) })
    expect(env.message).toContain('either KCC_SIP_SECRET or KCC_SIP_SECRET_FILE')
    expect(env.message).not.toContain(SECRET)
  })
})

describe('environment overrides', () => {
  it('configure single sign-on, TLS, the update feed and the app origins', async () => {
    const config = await loadGatewayConfig(
      file(
        JSON.stringify({ ...demo(), auth: { methods: ['password'], oidc: { ...OIDC, clientId: 'oud' } } }),
      ),
      {
        KCC_AUTH_METHODS: 'oidc, password',
        KCC_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
        KCC_OIDC_CLIENT_ID: 'kcc',
        KCC_OIDC_CLIENT_SECRET: 'oidc-geheim',
        KCC_OIDC_REDIRECT_URI: 'https://kcc.gemeente.example/api/auth/oidc/callback',
        KCC_TLS_CERT_FILE: '/etc/kcc/cert.pem',
        KCC_TLS_KEY_FILE: '/etc/kcc/key.pem',
        KCC_UPDATES_DIR: '/srv/kcc/updates',
        KCC_APP_ORIGINS: 'http://localhost:5173',
      },
    )
    expect(config.auth).toEqual({
      methods: ['oidc', 'password'],
      oidc: {
        ...OIDC,
        issuer: 'https://login.microsoftonline.com/tenant/v2.0',
        clientId: 'kcc',
        clientSecret: 'oidc-geheim',
      },
    })
    expect(config.tls).toEqual({ certFile: '/etc/kcc/cert.pem', keyFile: '/etc/kcc/key.pem' })
    expect(config.updates).toEqual({ directory: '/srv/kcc/updates' })
    expect(config.appOrigins).toEqual(['http://localhost:5173'])
  })

  it('report a half setting with the setting’s path', async () => {
    const tls = await failure(demo(), { KCC_TLS_CERT_FILE: '/etc/kcc/cert.pem' })
    expect(tls.message).toMatch(/\/tls must have required property 'keyFile'/)
    const methods = await failure(demo(), { KCC_AUTH_METHODS: 'password,kerberos' })
    expect(methods.message).toMatch(/\/auth\/methods\/1/)
  })

  it('refuse a register token, or a boolean that is not true or false, where it cannot apply', async () => {
    expect((await failure(demo(), { KCC_KLANTINTERACTIES_TOKEN: TOKEN })).message).toMatch(
      /KCC_KLANTINTERACTIES_TOKEN applies to a remote register/,
    )
    expect((await failure(demo(), { KCC_DEMO: 'ja' })).message).toMatch(/KCC_DEMO must be true or false/)
    expect((await failure(demo(), { KCC_DATABASE_SCHEMA: 'gateway' })).message).toMatch(
      /KCC_DATABASE_SCHEMA needs a database/,
    )
  })

  it('keep the file’s remote register settings when only its URL is moved', async () => {
    const config = await loadGatewayConfig(
      file(JSON.stringify({ ...demo(), klantinteracties: { ...REMOTE, tokenFile: file(TOKEN) } })),
      { KCC_KLANTINTERACTIES_URL: 'https://ander.gemeente.example/api' },
    )
    expect(config.klantinteracties).toEqual({
      ...REMOTE,
      baseUrl: 'https://ander.gemeente.example/api',
      token: TOKEN,
    })
  })
})
