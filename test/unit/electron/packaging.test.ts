import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { LINK_SCHEMES } from '../../../electron/main/protocol-links'

// The packaging configuration as electron-builder reads it. No package is built here (that needs
// Electron's binary); the configuration is checked against the schema of the installed
// electron-builder, so a misspelt fuse is an error instead of a silently unflipped fuse.
const configUrl = new URL('../../../electron-builder.yml', import.meta.url)
const config = parse(readFileSync(configUrl, 'utf8')) as Record<string, unknown>
const fuses = (config['electronFuses'] ?? {}) as Record<string, unknown>

describe('packaging configuration', () => {
  // Compiling electron-builder's large schema takes seconds on a busy machine.
  it('is a valid electron-builder configuration', { timeout: 30_000 }, () => {
    const require = createRequire(import.meta.url)
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema)
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true)
  })

  it.each([
    ['runAsNode', false],
    ['enableNodeOptionsEnvironmentVariable', false],
    ['enableNodeCliInspectArguments', false],
    ['enableEmbeddedAsarIntegrityValidation', true],
    ['onlyLoadAppFromAsar', true],
    ['enableCookieEncryption', true],
    ['grantFileProtocolExtraPrivileges', false],
  ])('sets the %s fuse to %s', (fuse, value) => {
    expect(fuses[fuse]).toBe(value)
  })

  it('packs the app into an asar archive whose integrity is embedded', () => {
    // onlyLoadAppFromAsar and the integrity fuse mean nothing without the archive and its hash.
    expect(config['asar']).toBe(true)
    expect(config['disableAsarIntegrity']).toBeUndefined()
  })

  it('ships the built desktop app and none of the server’s dependencies', () => {
    expect(config['files']).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', '!**/node_modules/**']),
    )
    expect(JSON.stringify(config['files'])).not.toMatch(/server|caller/)
  })

  it('installs per machine on Windows, with an NSIS installer and an MSI', () => {
    expect((config['win'] as Record<string, unknown>)['target']).toEqual(['nsis', 'msi'])
    expect(config['nsis']).toMatchObject({ perMachine: true, oneClick: false })
    expect(config['msi']).toMatchObject({ perMachine: true })
    // A fixed upgrade code: a newer MSI replaces the installed one.
    expect((config['msi'] as Record<string, unknown>)['upgradeCode']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('builds an AppImage and a deb for Linux', () => {
    expect((config['linux'] as Record<string, unknown>)['target']).toEqual(['AppImage', 'deb'])
  })

  it('registers the kcc:, tel: and sip: links the main process handles', () => {
    const schemes = (config['protocols'] as Array<{ schemes: string[] }>).flatMap((p) => p.schemes)
    expect(schemes.sort()).toEqual([...LINK_SCHEMES].sort())
  })

  it('writes a generic update feed, with installer names fit for a URL', () => {
    expect(config['publish']).toMatchObject({ provider: 'generic' })
    for (const target of ['nsis', 'msi']) {
      expect((config[target] as Record<string, unknown>)['artifactName']).toMatch(
        /^[a-z0-9-]+\$\{version\}\.\$\{ext\}$/,
      )
    }
  })
})
