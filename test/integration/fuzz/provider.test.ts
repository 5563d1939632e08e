import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_TOKEN } from '../../support/provider'
import { BASE } from '../../support/provider-client'
import { describeRequest, errorLinesOf, problemsOf, send, Tally, writeReport } from './answer-check'
import {
  anyProviderRequest,
  oasComponents,
  providerOperations,
  REFERENCES,
  resourceOf,
} from './provider-requests'
import { Pool, type SchemaContext } from './schema-values'
import { startFuzzServers, type FuzzServers } from './servers'
import { fuzzSettings } from './settings'

/**
 * Property-based fuzzing of every operation of the provider's OAS: whatever the request, the
 * answer is no 5xx, every error is problem+json in the provider's style, and nothing is logged at
 * error level (answer-check.ts).
 */
const settings = fuzzSettings(3000)

describe('the provider under arbitrary requests to every operation of its OAS', () => {
  let servers: FuzzServers
  const pool = new Pool()
  const tally = new Tally()

  const post = async (path: string, body: Record<string, unknown>): Promise<string> => {
    const answer = await servers.provider.app.inject({
      method: 'POST',
      url: `${BASE}${path}`,
      headers: { authorization: `Token ${TEST_TOKEN}` },
      payload: body,
    })
    expect(answer.statusCode, answer.body).toBe(201)
    const uuid = (answer.json() as { uuid: string }).uuid
    pool.add(resourceOf(path), uuid)
    return uuid
  }

  beforeAll(async () => {
    servers = await startFuzzServers({ gateway: false })
    // A few records of every kind, so paths and references hit existing ones too.
    for (let i = 0; i < 3; i++) {
      await seed()
    }
    servers.logs.length = 0
  })

  async function seed(): Promise<void> {
    const partij = await post('/partijen', { soortPartij: 'persoon', indicatieActief: true })
    const klantcontact = await post('/klantcontacten', {
      kanaal: 'Telefoon',
      onderwerp: 'Vraag',
      taal: 'nld',
      vertrouwelijk: false,
    })
    const actor = await post('/actoren', { naam: 'Medewerker', soortActor: 'medewerker' })
    const betrokkene = await post('/betrokkenen', {
      hadKlantcontact: { uuid: klantcontact },
      wasPartij: { uuid: partij },
      rol: 'klant',
      initiator: true,
    })
    await post('/actorklantcontacten', { actor: { uuid: actor }, klantcontact: { uuid: klantcontact } })
    await post('/digitaleadressen', {
      soortDigitaalAdres: 'email',
      adres: 'burger@example.nl',
      verstrektDoorBetrokkene: { uuid: betrokkene },
    })
    await post('/internetaken', {
      gevraagdeHandeling: 'Terugbellen',
      aanleidinggevendKlantcontact: { uuid: klantcontact },
      toegewezenAanActoren: [{ uuid: actor }],
      status: 'te_verwerken',
    })
    await post('/onderwerpobjecten', { klantcontact: { uuid: klantcontact } })
    await post('/bijlagen', { wasBijlageVanKlantcontact: { uuid: klantcontact } })
    const categorie = await post('/categorieen', { naam: 'Afval' })
    await post('/categorie-relaties', { partij: { uuid: partij }, categorie: { uuid: categorie } })
  }

  afterAll(async () => {
    writeReport('provider', {
      seed: settings.seed,
      runs: settings.runs,
      total: tally.total,
      byStatus: tally.byStatus(),
      counts: tally.counts,
    })
    await servers?.close()
  })

  it('knows every operation of the OAS', () => {
    expect(providerOperations().length).toBeGreaterThan(80)
  })

  it(
    'answers every request without a server error, with problem+json errors and no error log line',
    async () => {
      const ctx: SchemaContext = { components: oasComponents(), pool, references: REFERENCES }
      await fc.assert(
        fc.asyncProperty(anyProviderRequest(ctx, TEST_TOKEN), async (request) => {
          const before = servers.logs.length
          const answer = await send(servers.provider.app, request)
          tally.add(request.target, answer.status)
          const resource = resourceOf(request.target.split(' ')[1]!)
          if (answer.status === 201 && request.method === 'POST') {
            pool.add(resource, (JSON.parse(answer.body) as { uuid?: unknown }).uuid)
          }
          // Gone (deleted, or removed with what it belonged to): no longer worth aiming at.
          if (
            (answer.status === 204 && request.method === 'DELETE') ||
            (answer.status === 404 && request.method === 'GET')
          ) {
            pool.remove(resource, request.url.split(/[/?]/)[5] ?? '')
          }
          const problems = problemsOf(request.method, answer, errorLinesOf(servers.logs.slice(before)))
          if (problems.length > 0) {
            writeReport('provider-counterexample', { request: describeRequest(request), problems })
          }
          expect(problems, describeRequest(request)).toEqual([])
        }),
        { seed: settings.seed, numRuns: settings.runs, endOnFailure: false },
      )
    },
    settings.timeoutMs,
  )
})
