import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENV_VARIABLES } from '../../../server/gateway/config/env'
import { REPO } from '../../support/sip-servers'

/**
 * deploy/systemd/kcc-gateway.service as systemd reads it: `systemd-analyze verify` on a copy whose
 * node and working directory exist on this machine (the unit names /usr/bin/node and /opt/kcc),
 * and `systemd-analyze security` on its hardening.
 */
const UNIT = join(REPO, 'deploy/systemd/kcc-gateway.service')
const shipped = readFileSync(UNIT, 'utf8')

/** Replaces the one line `pattern` matches; a unit without it fails the test. */
function replaceLine(text: string, pattern: RegExp, line: string): string {
  expect(text, `${UNIT} has a line matching ${pattern}`).toMatch(pattern)
  return text.replace(pattern, line)
}

/** The values of every `key=` line of the unit. */
function values(key: string): string[] {
  return [...shipped.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((match) => match[1]!.trim())
}

describe('the systemd unit', () => {
  let dir: string
  let unit: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kcc-systemd-'))
    unit = join(dir, 'kcc-gateway.service')
    let copy = replaceLine(shipped, /^ExecStart=\/usr\/bin\/node /m, `ExecStart=${process.execPath} `)
    copy = replaceLine(copy, /^WorkingDirectory=\/opt\/kcc$/m, `WorkingDirectory=${REPO}`)
    writeFileSync(unit, copy)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('passes systemd-analyze verify without a warning', () => {
    const result = spawnSync('systemd-analyze', ['verify', unit], { encoding: 'utf8' })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it('is hardened: systemd-analyze security rates its exposure at most 2.0 ("OK")', () => {
    const result = spawnSync('systemd-analyze', ['security', '--offline=yes', '--threshold=20', unit], {
      encoding: 'utf8',
    })
    expect(result.stdout).toMatch(/Overall exposure level for kcc-gateway\.service: [01]\.\d OK/)
    expect(result.status, result.stdout).toBe(0)
  })

  it('runs without privileges in a user of its own, state in /var/lib/kcc', () => {
    expect(values('DynamicUser')).toEqual(['yes'])
    expect(values('NoNewPrivileges')).toEqual(['yes'])
    expect(values('CapabilityBoundingSet')).toEqual([''])
    expect(values('ProtectSystem')).toEqual(['strict'])
    expect(values('StateDirectory')).toEqual(['kcc'])
    expect(values('Environment')).toContain('KCC_DATA_DIR=%S/kcc')
  })

  it('gives every secret as a credential file through a …_FILE variable the gateway knows', () => {
    const credentials = new Map(values('LoadCredential').map((value) => value.split(':') as [string, string]))
    const fileVariables = values('Environment').filter((value) => /^KCC_\w+_FILE=%d\//.test(value))
    expect(fileVariables.length).toBeGreaterThan(0)
    const secrets = new Set(
      ENV_VARIABLES.filter((variable) => variable.secret).map((variable) => variable.name),
    )
    for (const assignment of fileVariables) {
      const [name, path] = assignment.split('=') as [string, string]
      expect(secrets, `${name} is a secret variable with a _FILE form`).toContain(name.replace(/_FILE$/, ''))
      expect(credentials.has(path.replace('%d/', '')), `${path} is loaded by LoadCredential`).toBe(true)
    }
    // No secret value in the unit itself.
    for (const name of secrets) {
      expect(values('Environment').some((value) => value.startsWith(`${name}=`))).toBe(false)
    }
  })
})
