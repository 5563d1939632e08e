import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { GENERATE_CREDENTIALS, TSX } from '../../support/sip-servers'

// deploy/kamailio/generate-credentials.ts writes the trunk's number map (kcc_numbers) only when the
// input has `numbers`, and refuses numbers that are not numbers and targets that do not exist.
// That Kamailio routes calls with what it writes is tested by every trunk test (support/trunk.ts).
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    rmSync(dir, { recursive: true, force: true })
  }
})

function generate(numbers?: unknown): { status: number | null; stderr: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-numbers-'))
  dirs.push(dir)
  const input = join(dir, 'input.json')
  writeFileSync(
    input,
    JSON.stringify({
      domain: 'kcc.test',
      secret: 'a-secret-the-gateway-and-kamailio-share-0123456789',
      agents: [{ extension: 'agent1' }],
      groups: [{ user: 'kcc', members: ['agent1'] }],
      ...(numbers === undefined ? {} : { numbers }),
    }),
  )
  const out = join(dir, 'db')
  const run = spawnSync(TSX, [GENERATE_CREDENTIALS, '--input', input, '--out', out], { encoding: 'utf8' })
  return { status: run.status, stderr: run.stderr, out }
}

describe('the trunk numbers in generate-credentials', () => {
  it('writes kcc_numbers and its table version when numbers are given, and neither without', () => {
    const withNumbers = generate([
      { number: '14020', target: 'kcc' },
      { number: '+3114020', target: 'agent1' },
    ])
    expect(withNumbers.status, withNumbers.stderr).toBe(0)
    expect(readFileSync(join(withNumbers.out, 'kcc_numbers'), 'utf8').split('\n').slice(1, 3)).toEqual([
      '1:14020:0:0:kcc:0',
      '2:+3114020:0:0:agent1:0',
    ])
    expect(readFileSync(join(withNumbers.out, 'version'), 'utf8')).toMatch(/^kcc_numbers:2$/m)

    const without = generate()
    expect(without.status, without.stderr).toBe(0)
    expect(existsSync(join(without.out, 'kcc_numbers'))).toBe(false)
    expect(readFileSync(join(without.out, 'version'), 'utf8')).not.toMatch(/kcc_numbers/)
  })

  it('refuses what is not a number, a number twice, and a target that is no group or agent', () => {
    const run = generate([
      { number: '14-020', target: 'kcc' },
      { number: '14020', target: 'kcc' },
      { number: '14020', target: 'kcc' },
      { number: '0201234567', target: 'nobody' },
    ])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/numbers\[0\]\.number must match/)
    expect(run.stderr).toMatch(/numbers\[2\]\.number 14020 appears twice/)
    expect(run.stderr).toMatch(/numbers\[3\]\.target must be one of the groups or agents/)
    expect(existsSync(run.out)).toBe(false)
  })
})
