import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  GENERATE_CREDENTIALS,
  REPO,
  KAMAILIO_CFG,
  TSX,
  generateKamailioData,
  kamailioBinary,
  kamailioDb,
  sipFixture,
} from '../../support/sip-servers'

// The production artefacts in deploy/kamailio: the configuration Kamailio must accept, and the
// generator of the files it loads. (Their behaviour is tested in proxy-behaviour.test.ts.)
const SECRET = 'a-secret-the-gateway-and-kamailio-share-0123456789'
const dirs: string[] = []
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-deploy-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true })
  }
})

describe('deploy/kamailio', () => {
  it("is accepted by Debian's Kamailio as shipped and with test settings", () => {
    const kamailio = kamailioBinary()
    const dir = tempDir()
    generateKamailioData(sipFixture(['agent1'], {}), dir)

    const shipped = spawnSync(kamailio, ['-f', KAMAILIO_CFG, '-c'], { encoding: 'utf8' })
    // In `dir`, where kamailio.cfg finds kcc/autheph-secret.cfg.
    const overridden = spawnSync(
      kamailio,
      [
        '-f',
        KAMAILIO_CFG,
        '-c',
        '-A',
        'KCC_LISTEN=tcp:127.0.0.1:15999',
        '-A',
        'KCC_DOMAIN="kcc.example.nl"',
        '-A',
        `KCC_DB_URL="text://${kamailioDb(dir)}"`,
      ],
      { encoding: 'utf8', cwd: dir },
    )

    expect(shipped.status, shipped.stderr).toBe(0)
    expect(overridden.status, overridden.stderr).toBe(0)
    expect(overridden.stdout + overridden.stderr).toMatch(/tcp: 127\.0\.0\.1 \[127\.0\.0\.1\]:15999/)
    expect(overridden.stdout + overridden.stderr).toMatch(/kcc\.example\.nl/)
  })

  it('generate-credentials writes the shared secret and HA1 values of guests only, in files only their owner can read', () => {
    const dir = tempDir()
    const fixture = sipFixture(['agent1', 'agent2'], { vergunningen: ['agent1', 'agent2'] }, ['burger'])

    generateKamailioData(fixture, dir)

    const db = kamailioDb(dir)
    expect(statSync(db).mode & 0o777).toBe(0o700)
    expect(readdirSync(db).sort()).toEqual([
      'autheph-secret.cfg',
      'kcc_agents',
      'kcc_groups',
      'kcc_guests',
      'kcc_origins',
      'subscriber',
      'version',
    ])
    for (const file of readdirSync(db)) {
      expect(statSync(join(db, file)).mode & 0o777, file).toBe(0o600)
    }
    expect(readFileSync(join(db, 'autheph-secret.cfg'), 'utf8')).toBe(
      `modparam("auth_ephemeral", "secret", "${fixture.secret}")\n`,
    )
    const subscriber = readFileSync(join(db, 'subscriber'), 'utf8')
    const password = fixture.guests!['burger']!
    const ha1 = createHash('md5').update(`burger:kcc.test:${password}`).digest('hex')
    expect(subscriber).toContain(`:burger:kcc.test:${ha1}`)
    expect(subscriber).not.toContain(password)
    // Agents have no account: the gateway issues them ephemeral credentials.
    expect(subscriber).not.toMatch(/agent1|agent2/)
    expect(readFileSync(join(db, 'kcc_agents'), 'utf8')).toContain('1:agent1:0:0:1:0')
    expect(readFileSync(join(db, 'kcc_groups'), 'utf8')).toContain('1:vergunningen:1:0:agent1:0')
    expect(readFileSync(join(db, 'kcc_guests'), 'utf8')).toContain('1:burger:0:0:1:0')
  })

  it('generate-credentials takes the secret, agents and afdelingen from the gateway configuration', () => {
    const dir = tempDir()
    const demo = join(REPO, 'config/kcc.demo.json')
    const secretFile = join(dir, 'sip-secret')
    writeFileSync(secretFile, `${SECRET}\n`, { mode: 0o600 })
    const result = spawnSync(
      TSX,
      [GENERATE_CREDENTIALS, '--gateway-config', demo, '--out', kamailioDb(dir)],
      { encoding: 'utf8', env: { ...process.env, KCC_SIP_SECRET_FILE: secretFile } },
    )
    expect(result.status, result.stderr).toBe(0)
    expect(readFileSync(join(kamailioDb(dir), 'autheph-secret.cfg'), 'utf8')).toContain(`"${SECRET}"`)
    expect(readFileSync(join(kamailioDb(dir), 'kcc_agents'), 'utf8')).toContain(':medewerker1:0:0:1:0')
    expect(readFileSync(join(kamailioDb(dir), 'subscriber'), 'utf8')).not.toContain('medewerker1')
    expect(readFileSync(join(kamailioDb(dir), 'kcc_groups'), 'utf8')).toContain(':vergunningen:')
    // The gateway's own origin, its ':' escaped for db_text.
    expect(readFileSync(join(kamailioDb(dir), 'kcc_origins'), 'utf8')).toContain(
      ':http\\://127.0.0.1\\:8480:0:0:1:0',
    )
  })

  it('generate-credentials refuses a gateway configuration without the SIP secret', () => {
    const dir = tempDir()
    const demo = join(REPO, 'config/kcc.demo.json')
    const env = { ...process.env }
    delete env['KCC_SIP_SECRET']
    delete env['KCC_SIP_SECRET_FILE']
    const result = spawnSync(
      TSX,
      [GENERATE_CREDENTIALS, '--gateway-config', demo, '--out', kamailioDb(dir)],
      {
        encoding: 'utf8',
        env,
      },
    )
    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/no sip\.credentials\.secret/)
    expect(() => statSync(kamailioDb(dir))).toThrow()
  })

  it("generate-credentials makes the gateway configuration's guests caller accounts, with a password shown once", () => {
    const dir = tempDir()
    const demo = join(REPO, 'config/kcc.demo.json')
    const generate = (): { password: string; subscriber: string } => {
      const result = spawnSync(
        TSX,
        [GENERATE_CREDENTIALS, '--gateway-config', demo, '--out', kamailioDb(dir)],
        { encoding: 'utf8', env: { ...process.env, KCC_SIP_SECRET: SECRET } },
      )
      expect(result.status, result.stderr).toBe(0)
      const password = /^caller account burger: password (\S+)$/m.exec(result.stdout)?.[1]
      expect(password, result.stdout).toMatch(/^[A-Za-z0-9_-]{24}$/)
      // The secret is never printed.
      expect(result.stdout + result.stderr).not.toContain(SECRET)
      return { password: password!, subscriber: readFileSync(join(kamailioDb(dir), 'subscriber'), 'utf8') }
    }

    const first = generate()
    const second = generate()

    const ha1 = createHash('md5').update(`burger:kcc.test:${first.password}`).digest('hex')
    expect(first.subscriber).toContain(`:burger:kcc.test:${ha1}`)
    expect(first.subscriber).not.toContain(first.password)
    expect(readFileSync(join(kamailioDb(dir), 'kcc_guests'), 'utf8')).toContain(':burger:')
    // A fresh password every run: none is shipped, so none is public.
    expect(second.password).not.toBe(first.password)
  })

  it('generate-credentials refuses bad input and lists every problem', () => {
    const dir = tempDir()
    const input = join(dir, 'bad.json')
    writeFileSync(
      input,
      JSON.stringify({
        domain: 'kcc.test',
        secret: 'too "short"',
        agents: [{ extension: 'agent1', password: 'a-static-password' }, { extension: 'bad:name' }],
        groups: [{ user: 'vergunningen', members: ['agent9'] }],
        guests: [
          { user: 'vergunningen', password: 'long-enough-password' },
          { user: 'burger', password: 'burger-password-1' },
        ],
      }),
    )

    const result = spawnSync(TSX, [GENERATE_CREDENTIALS, '--input', input, '--out', kamailioDb(dir)], {
      encoding: 'utf8',
    })

    expect(result.status).toBe(1)
    expect(result.stderr).toMatch(/secret must be the gateway's sip\.credentials\.secret/)
    expect(result.stderr).toMatch(/agents\[0\]\.password: agents have no SIP password/)
    expect(result.stderr).toMatch(/agents\[1\]\.extension/)
    expect(result.stderr).toMatch(/agent9 is not one of the agents/)
    expect(result.stderr).toMatch(/guests\[0\]\.user vergunningen is already/)
    expect(result.stderr).toMatch(/guests\[1\]\.password must not contain the user/)
    expect(() => statSync(kamailioDb(dir))).toThrow()
  })
})
