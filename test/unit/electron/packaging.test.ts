import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

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
})
