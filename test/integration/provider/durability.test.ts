import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, describe, expect, it } from 'vitest'
import { ENGINE, PG_URL, TEST_TOKEN } from '../../support/provider'

/**
 * A write answered 201 must survive the provider being killed without warning (kill -9): SQLite
 * runs in WAL with synchronous=FULL, PostgreSQL commits before we answer. The provider runs as its
 * own process through the real entry point, exactly as `npm start` runs it.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'kcc-durability-'))
const schema = `t_dur_${process.pid}_${Date.now().toString(36)}`
const env = {
  ...process.env,
  KLANTINTERACTIES_TOKENS: TEST_TOKEN,
  KLANTINTERACTIES_DATA_DIR: dataDir,
  KLANTINTERACTIES_PORT: '0',
  LOG_LEVEL: 'info',
  ...(ENGINE === 'postgres'
    ? {
        KLANTINTERACTIES_DATABASE_URL: PG_URL,
        KLANTINTERACTIES_DATABASE_SCHEMA: schema,
      }
    : {}),
}

async function startProcess(): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/klantinteracties/main.ts'], { env })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not start within 30 s')), 30_000)
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    child.once('exit', (code) => reject(new Error(`provider exited with ${code}`)))
  })
  return { child, url: `${url}/klantinteracties/api/v1` }
}

const headers = { authorization: `Token ${TEST_TOKEN}`, 'content-type': 'application/json' }

describe('durability', () => {
  afterAll(async () => {
    if (ENGINE === 'postgres') {
      const { default: pg } = await import('pg')
      const client = new pg.Client({ connectionString: env.KLANTINTERACTIES_DATABASE_URL })
      await client.connect()
      await client.query(`drop schema if exists ${schema} cascade`)
      await client.end()
    }
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('keeps every klantcontact answered 201 after the provider is killed with SIGKILL', async () => {
    const first = await startProcess()
    const nummers: string[] = []
    for (let i = 0; i < 25; i++) {
      const response = await fetch(`${first.url}/klantcontacten`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          kanaal: 'Telefoon',
          onderwerp: `Vraag ${i}`,
          taal: 'nld',
          vertrouwelijk: false,
        }),
      })
      expect(response.status).toBe(201)
      nummers.push(((await response.json()) as { nummer: string }).nummer)
    }
    const killed = new Promise((resolve) => first.child.once('exit', resolve))
    first.child.kill('SIGKILL')
    await killed

    const second = await startProcess()
    try {
      const response = await fetch(`${second.url}/klantcontacten?pageSize=100`, { headers })
      const body = (await response.json()) as { count: number; results: Array<{ nummer: string }> }
      expect(body.count).toBe(25)
      expect(body.results.map((k) => k.nummer).sort()).toEqual([...nummers].sort())
    } finally {
      second.child.kill('SIGTERM')
    }
  })
})
