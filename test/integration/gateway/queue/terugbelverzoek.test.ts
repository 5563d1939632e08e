import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queueDb } from '../../../../server/gateway/queue/tables'
import { startGateway, type TestGateway } from '../../../support/gateway'
import { BASE } from '../../../support/provider-client'
import { TEST_TOKEN } from '../../../support/provider'
import { nextEvent, registerRelay, TestLine, until, waitingCall, type RegisterRelay } from './support'

/**
 * Terugbelverzoeken through the real gateway and our real provider (on the engine KCC_DB_ENGINE
 * chooses): a caller nobody can take ends up in the register as a klantcontact and an interne taak
 * for the afdeling, also when the register was down when it happened.
 */
interface InterneTaakBody {
  uuid: string
  gevraagdeHandeling: string
  status: string
  toegewezenAanActoren: Array<{ uuid: string }>
  aanleidinggevendKlantcontact: { uuid: string }
}

let tg: TestGateway
let relay: RegisterRelay

beforeAll(async () => {
  relay = await registerRelay()
  tg = await startGateway({
    app: {
      provider: {
        baseUrl: `http://127.0.0.1:${relay.port}${BASE}`,
        token: TEST_TOKEN,
        generatesNummer: true,
      },
      queue: { terugbelverzoekRetryMs: 50, terugbelverzoekMaxRetryMs: 200, leaderRetryMs: 100 },
    },
  })
  relay.target = (tg.provider.app.server.address() as AddressInfo).port
})

afterAll(async () => {
  await tg.close()
  await relay.close()
})

async function rowOf(
  klantcontactVia: string,
): Promise<{ klantcontact_uuid: string | null; caller_number: string | null; state: string }> {
  const rows = await queueDb(tg.gateway.storage.db).selectFrom('terugbelverzoek').selectAll().execute()
  const row = rows.find((r) => r.id === klantcontactVia)
  if (!row) {
    throw new Error('no terugbelverzoek row')
  }
  return row
}

async function onlyTerugbelverzoekIds(): Promise<string[]> {
  return (await queueDb(tg.gateway.storage.db).selectFrom('terugbelverzoek').select('id').execute()).map(
    (r) => r.id,
  )
}

describe('a terugbelverzoek from the queue', () => {
  it('appears in the register as a klantcontact with an interne taak Terugbellen for the afdeling', async () => {
    relay.up()
    const before = new Set(await onlyTerugbelverzoekIds())
    const created = nextEvent(tg.gateway.live.hub, 'terugbelverzoek.created')
    // Nobody of Vergunningen is logged in and it has no overflow: the caller is told so at once.
    const line = new TestLine(waitingCall('vergunningen', '0612345678'))
    tg.gateway.queue.enter(line)
    expect((await created).afdeling).toBe('vergunningen')
    expect(line.rejected).toEqual(['no_agent'])

    const id = (await onlyTerugbelverzoekIds()).find((i) => !before.has(i))!
    const row = await rowOf(id)
    expect(row.state).toBe('done')
    expect(row.caller_number).toBeNull()
    const klantcontact = await tg.register.get<Record<string, unknown>>(
      `/klantcontacten/${row.klantcontact_uuid}`,
    )
    expect(klantcontact.status).toBe(200)
    expect(klantcontact.body).toMatchObject({
      kanaal: 'Telefoon',
      onderwerp: 'Terugbelverzoek',
      indicatieContactGelukt: false,
    })
    expect(klantcontact.body['inhoud']).toContain('0612345678')
    expect(klantcontact.body['inhoud']).toMatch(/Wachttijd in de wachtrij: \d+ seconden/)

    const taken = await tg.register.get<{ results: InterneTaakBody[] }>(
      `/internetaken?aanleidinggevendKlantcontact__uuid=${row.klantcontact_uuid}`,
    )
    expect(taken.body.results).toHaveLength(1)
    const taak = taken.body.results[0]!
    expect(taak).toMatchObject({ gevraagdeHandeling: 'Terugbellen', status: 'te_verwerken' })
    const actor = await tg.register.get<Record<string, unknown>>(
      `/actoren/${taak.toegewezenAanActoren[0]?.uuid}`,
    )
    expect(actor.body).toMatchObject({
      soortActor: 'organisatorische_eenheid',
      actoridentificator: expect.objectContaining({ objectId: 'vergunningen', codeObjecttype: 'afd' }),
    })

    const audit = await tg.gateway.services.audit.recent({ limit: 20, securityOnly: false })
    expect(audit).toContainEqual(
      expect.objectContaining({
        actor: 'systeem:wachtrij',
        action: 'terugbelverzoek.registreren',
        objectUuid: row.klantcontact_uuid,
        result: 'ok',
      }),
    )
    expect(tg.logs.filter((l) => l.includes('0612345678'))).toEqual([])
  })

  it('waits in the gateway while the register is down and is registered once, when it is back', async () => {
    relay.down()
    const before = new Set(await onlyTerugbelverzoekIds())
    const failuresBefore = tg.logs.filter((l) => l.includes('terugbelverzoek not registered yet')).length
    const line = new TestLine(waitingCall('vergunningen', '0201234567'))
    tg.gateway.queue.enter(line)
    await until(
      'two attempts failed',
      () =>
        tg.logs.filter((l) => l.includes('terugbelverzoek not registered yet')).length >= failuresBefore + 2,
    )
    expect(line.rejected).toEqual(['no_agent'])
    expect(await tg.gateway.terugbelverzoeken.pending()).toBe(1)
    const id = (await onlyTerugbelverzoekIds()).find((i) => !before.has(i))!
    expect((await rowOf(id)).caller_number).toBe('0201234567')

    const created = nextEvent(tg.gateway.live.hub, 'terugbelverzoek.created')
    relay.up()
    await created
    await until('it is done', async () => (await rowOf(id)).state === 'done')
    const row = await rowOf(id)
    const klantcontact = await tg.register.get<Record<string, unknown>>(
      `/klantcontacten/${row.klantcontact_uuid}`,
    )
    expect(klantcontact.body['inhoud']).toContain('0201234567')
    const taken = await tg.register.get<{ results: unknown[] }>(
      `/internetaken?aanleidinggevendKlantcontact__uuid=${row.klantcontact_uuid}`,
    )
    expect(taken.body.results).toHaveLength(1)
    expect(await tg.gateway.terugbelverzoeken.pending()).toBe(0)
    expect(tg.logs.filter((l) => l.includes('0201234567'))).toEqual([])
  })

  it('survives a gateway restart while the register is down', async () => {
    relay.down()
    const before = new Set(await onlyTerugbelverzoekIds())
    const line = new TestLine(waitingCall('vergunningen', '0107654321'))
    tg.gateway.queue.enter(line)
    await until('it is recorded', async () => (await onlyTerugbelverzoekIds()).some((i) => !before.has(i)))
    const id = (await onlyTerugbelverzoekIds()).find((i) => !before.has(i))!
    // The first gateway's queue stops (as when it shuts down); a new instance carries on.
    await tg.gateway.queue.close()
    await tg.gateway.terugbelverzoeken.close()
    relay.up()
    const next = await tg.startInstance()
    await until('the new instance registered it', async () => (await rowOf(id)).state === 'done')
    const row = await rowOf(id)
    const taken = await tg.register.get<{ results: unknown[] }>(
      `/internetaken?aanleidinggevendKlantcontact__uuid=${row.klantcontact_uuid}`,
    )
    expect(taken.body.results).toHaveLength(1)
    expect(await next.terugbelverzoeken.pending()).toBe(0)
  })
})
