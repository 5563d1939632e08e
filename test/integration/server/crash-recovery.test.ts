import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { seededRandom } from '../../../bench/lib/stats'
import type { Klantcontact, List } from '../../support/klantinteracties-types'
import { registration } from '../../support/gateway'
import { ENGINE, PG_URL } from '../../support/provider'
import { OutboxClient, sleep, type Saved } from './outbox-client'
import { freePort, startServerProcess, type ServerProcess } from './server-process'

/**
 * `npm run server` killed (SIGKILL: no shutdown, nothing flushed) while an agent's app is saving
 * klantcontacten, restarted on the same data, and the app's retries with the same Idempotency-Keys
 * carried on: every key ends as exactly one complete klantcontact (its full body, its betrokkene
 * and its agent's actor link), none lost, none twice (docs/gateway.md, "Registering a contact
 * exactly once"). On the engine KCC_DB_ENGINE selects, for the gateway and the provider alike.
 */
const SEED = 0x5eed_0534
const KEYS = 50
const WORKERS = 6
const KILLS = 3
/** Four starts of the server: about 3 s each on a quiet machine, far more on a busy one. */
const TIMEOUT_MS = 150_000

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16))
  hex[12] = '4'
  hex[16] = ((Math.floor(random() * 4) & 0x3) | 0x8).toString(16)
  const s = hex.join('')
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`
}

describe('the server killed while registrations are in flight', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-crash-'))
  const suffix = `${process.pid}_${Date.now().toString(36)}`
  const schemas = { gateway: `crash_g_${suffix}`, provider: `crash_k_${suffix}` }
  let server: ServerProcess | undefined

  afterAll(async () => {
    await server?.stop()
    if (ENGINE === 'postgres') {
      const client = new pg.Client({ connectionString: PG_URL })
      await client.connect()
      for (const schema of Object.values(schemas)) {
        await client.query(`drop schema if exists "${schema}" cascade`)
      }
      await client.end()
    }
    rmSync(dir, { recursive: true, force: true })
  })

  it(
    'ends with exactly one complete klantcontact per Idempotency-Key after 3 kills and restarts',
    async () => {
      // mulberry32: the same kill moments and keys on every run.
      const random = seededRandom(SEED)
      const dataDir = join(dir, 'data')
      const env: Record<string, string> = {
        KCC_PORT: String(await freePort()),
        KCC_DATA_DIR: dataDir,
        ...(ENGINE === 'postgres'
          ? {
              KCC_DATABASE_URL: PG_URL,
              KCC_DATABASE_SCHEMA: schemas.gateway,
              KLANTINTERACTIES_DATABASE_URL: PG_URL,
              KLANTINTERACTIES_DATABASE_SCHEMA: schemas.provider,
            }
          : {}),
      }
      const tag = `Crashtest ${SEED.toString(16)}`
      const drafts = Array.from({ length: KEYS }, (_, i) => ({
        key: uuidFrom(random),
        body: registration({
          onderwerp: `${tag} vraag ${String(i).padStart(2, '0')}`,
          inhoud: `Vraag ${i} van de burger, opgeslagen terwijl de server omvalt.`,
          plaatsgevondenOp: `2026-03-02T09:${String(i).padStart(2, '0')}:00Z`,
        }),
      }))
      // Each life of the server: killed once this many requests reached it, this many ms later.
      const plan = Array.from({ length: KILLS }, () => ({
        after: 3 + Math.floor(random() * 8),
        delayMs: Math.floor(random() * 25),
      }))

      server = await startServerProcess(env)
      const client = new OutboxClient(server.url, 'medewerker1')
      const queue = [...drafts]
      const saved: Saved[] = []
      let done = false
      const saving = Promise.all(
        Array.from({ length: WORKERS }, async () => {
          for (let draft = queue.shift(); draft; draft = queue.shift()) {
            saved.push(await client.save(draft.key, draft.body))
          }
        }),
      ).finally(() => (done = true))

      const inFlightAtKill: number[] = []
      for (const kill of plan) {
        const sentAtStart = client.sent
        while (!done && client.sent < sentAtStart + kill.after) {
          await sleep(2)
        }
        await sleep(kill.delayMs)
        inFlightAtKill.push(client.inFlight)
        await server.kill()
        server = await startServerProcess(env)
      }
      await saving

      expect(inFlightAtKill, 'the kills landed while the app was still saving').toHaveLength(KILLS)
      expect(
        inFlightAtKill.reduce((a, b) => a + b, 0),
        'registrations were in flight at the kills',
      ).toBeGreaterThan(0)
      expect(saved).toHaveLength(KEYS)
      expect(new Set(saved.map((s) => s.uuid)).size).toBe(KEYS)
      expect(
        saved.some((s) => s.attempts > 1),
        'some saves needed a retry',
      ).toBe(true)

      // What the register holds, read with the provider's own token.
      const token = readFileSync(join(dataDir, 'provider-token'), 'utf8').trim()
      const register = async <T>(path: string): Promise<T> => {
        const response = await fetch(`${server!.url}/klantinteracties/api/v1${path}`, {
          headers: { authorization: `Token ${token}` },
        })
        expect(response.status, path).toBe(200)
        return (await response.json()) as T
      }
      const stored = await register<List<Klantcontact & { metadata?: Record<string, string> }>>(
        `/klantcontacten?onderwerp=${encodeURIComponent(tag)}&pageSize=100`,
      )
      const count = async (resource: string): Promise<number> =>
        (await register<List<unknown>>(`/${resource}?pageSize=1`)).count
      // Nothing but ours was made, and nothing of ours twice: no stray klantcontact, betrokkene or link.
      expect(stored.count).toBe(KEYS)
      expect(await count('klantcontacten')).toBe(KEYS)
      expect(await count('betrokkenen')).toBe(KEYS)
      expect(await count('actorklantcontacten')).toBe(KEYS)

      const byOnderwerp = new Map(stored.results.map((k) => [k.onderwerp, k]))
      expect(byOnderwerp.size).toBe(KEYS)
      const actors = new Set<string>()
      for (const draft of drafts) {
        const klantcontact = byOnderwerp.get(draft.body['onderwerp'] as string)
        expect(klantcontact, `${draft.key} was lost`).toBeDefined()
        expect(klantcontact!.uuid).toBe(saved.find((s) => s.key === draft.key)!.uuid)
        expect(klantcontact).toMatchObject({
          kanaal: draft.body['kanaal'],
          inhoud: draft.body['inhoud'],
          taal: draft.body['taal'],
          vertrouwelijk: draft.body['vertrouwelijk'],
          indicatieContactGelukt: draft.body['indicatieContactGelukt'],
          plaatsgevondenOp: draft.body['plaatsgevondenOp'],
        })
        expect(klantcontact!.metadata?.['kccIdempotencyKey']).toBe(draft.key)
        expect(klantcontact!.hadBetrokkenen, `${draft.key} has its betrokkene`).toHaveLength(1)
        expect(klantcontact!.hadBetrokkenActoren, `${draft.key} has its actor`).toHaveLength(1)
        actors.add(klantcontact!.hadBetrokkenActoren[0]!.uuid)
      }
      // One agent saved them all: one actor, medewerker1's.
      expect(actors.size).toBe(1)
    },
    TIMEOUT_MS,
  )
})
