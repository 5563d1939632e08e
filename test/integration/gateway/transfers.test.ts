import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import { registration, useGateway, type GatewayClient } from '../../support/gateway'

/**
 * Transfer records (docs/gateway.md, Transfers): a nummer opens a klantcontact for the receiving
 * agent only while a record of the sending agent addresses that agent or its afdeling. Every
 * record is also a transfer offer on the gateway's live hub, closed by the announcer's report or
 * when the record expires.
 */
describe('transfer records', () => {
  const clock = { now: Date.now() }
  const gw = useGateway({ app: { clock: () => clock.now } })
  let medewerker1: GatewayClient
  let medewerker2: GatewayClient
  let supervisor: GatewayClient
  let klantcontact: KlantcontactView

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
    medewerker2 = await gw().login('medewerker2')
    supervisor = await gw().login('supervisor')
    klantcontact = (
      await medewerker1.post<KlantcontactView>('/api/klantcontacten', registration(), {
        'idempotency-key': randomUUID(),
      })
    ).body
  })

  const securityEvents = async (nummer: string) =>
    gw()
      .gateway.storage.db.selectFrom('audit_event')
      .selectAll()
      .where('object_nummer', '=', nummer)
      .where('security', '=', 1)
      .execute()

  it('resolves a nummer that no transfer backs to nothing (404), logged as a security event', async () => {
    const r = await medewerker2.get(`/api/transfers/resolve/${klantcontact.nummer}`)
    expect(r.status).toBe(404)
    expect(JSON.stringify(r.body)).not.toContain(klantcontact.uuid)
    expect(await securityEvents(klantcontact.nummer!)).toEqual([
      expect.objectContaining({
        actor: 'medewerker2',
        action: 'overdracht.openen',
        result: 'denied',
        status: 404,
        detail: 'geen-overdracht',
      }),
    ])
  })

  it('refuses a nummer that is not 1 to 10 digits, as a security event', async () => {
    const r = await medewerker2.get('/api/transfers/resolve/12345678901')
    expect(r.status).toBe(400)
    const rows = await gw()
      .gateway.storage.db.selectFrom('audit_event')
      .selectAll()
      .where('detail', '=', 'ongeldig-nummer')
      .execute()
    expect(rows).toEqual([
      expect.objectContaining({ actor: 'medewerker2', security: 1, object_nummer: null }),
    ])
  })

  it('lets only an agent involved in the klantcontact announce its transfer', async () => {
    const r = await medewerker2.post('/api/transfers', {
      klantcontactUuid: klantcontact.uuid,
      target: { type: 'agent', id: 'supervisor' },
    })
    expect(r.status).toBe(403)
    expect((await supervisor.get(`/api/transfers/resolve/${klantcontact.nummer}`)).status).toBe(404)
  })

  it('opens the klantcontact for the addressed agent only', async () => {
    const announced = await medewerker1.post('/api/transfers', {
      nummer: klantcontact.nummer,
      target: { type: 'agent', id: 'medewerker2' },
    })
    expect(announced.status).toBe(201)
    const opened = await medewerker2.get<{ klantcontact: KlantcontactView; transfer: { from: string } }>(
      `/api/transfers/resolve/${klantcontact.nummer}`,
    )
    expect(opened.status).toBe(200)
    expect(opened.body.klantcontact.uuid).toBe(klantcontact.uuid)
    expect(opened.body.transfer.from).toBe('medewerker1')
    // The supervisor (afdeling KCC) is not addressed.
    expect((await supervisor.get(`/api/transfers/resolve/${klantcontact.nummer}`)).status).toBe(404)
  })

  it('opens a transfer to an afdeling for each of its members, and nobody else', async () => {
    const r = await medewerker1.post<KlantcontactView>('/api/klantcontacten', registration(), {
      'idempotency-key': randomUUID(),
    })
    await medewerker1.post('/api/transfers', {
      klantcontactUuid: r.body.uuid,
      target: { type: 'afdeling', id: 'kcc' },
    })
    expect((await supervisor.get(`/api/transfers/resolve/${r.body.nummer}`)).status).toBe(200)
    expect((await medewerker2.get(`/api/transfers/resolve/${r.body.nummer}`)).status).toBe(404)
  })

  it('opens nothing once the transfer record has expired (10 minutes)', async () => {
    const r = await medewerker1.post<KlantcontactView>('/api/klantcontacten', registration(), {
      'idempotency-key': randomUUID(),
    })
    await medewerker1.post('/api/transfers', {
      klantcontactUuid: r.body.uuid,
      target: { type: 'agent', id: 'medewerker2' },
    })
    clock.now += 9 * 60_000
    expect((await medewerker2.get(`/api/transfers/resolve/${r.body.nummer}`)).status).toBe(200)
    clock.now += 2 * 60_000
    expect((await medewerker2.get(`/api/transfers/resolve/${r.body.nummer}`)).status).toBe(404)
  })

  it('refuses a transfer to an unknown colleague with a field error', async () => {
    const r = await medewerker1.post('/api/transfers', {
      klantcontactUuid: klantcontact.uuid,
      target: { type: 'agent', id: 'onbekend' },
    })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'target.id', code: 'does_not_exist' }),
    ])
  })
})

describe('closing a transfer', () => {
  const closed: Array<{ id: string; outcome: string }> = []
  const gw = useGateway()
  let medewerker1: GatewayClient
  let medewerker2: GatewayClient
  let transferId: string

  beforeAll(async () => {
    gw().gateway.live.hub.subscribe({ kind: 'types', types: ['transfer.closed'] }, (event) => {
      if (event.type === 'transfer.closed') {
        closed.push({ id: event.transferId, outcome: event.outcome })
      }
    })
    medewerker1 = await gw().login('medewerker1')
    medewerker2 = await gw().login('medewerker2')
    const klantcontact = (
      await medewerker1.post<KlantcontactView>('/api/klantcontacten', registration(), {
        'idempotency-key': randomUUID(),
      })
    ).body
    const announced = await medewerker1.post<{ id: string }>('/api/transfers', {
      klantcontactUuid: klantcontact.uuid,
      target: { type: 'agent', id: 'medewerker2' },
    })
    transferId = announced.body.id
  })

  it('takes the announcing agent’s outcome and closes the live offer with it', async () => {
    expect(
      gw()
        .gateway.live.hub.snapshot()
        .transfers.map((t) => t.transferId),
    ).toEqual([transferId])
    const r = await medewerker1.post(`/api/transfers/${transferId}/close`, { outcome: 'accepted' })
    expect(r.status).toBe(204)
    expect(closed).toContainEqual({ id: transferId, outcome: 'accepted' })
    expect(gw().gateway.live.hub.snapshot().transfers).toEqual([])
  })

  it('does not let anyone but the announcing agent close it: for them it does not exist', async () => {
    const before = closed.length
    const r = await medewerker2.post(`/api/transfers/${transferId}/close`, { outcome: 'declined' })
    expect(r.status).toBe(404)
    expect(
      (await medewerker1.post(`/api/transfers/${randomUUID()}/close`, { outcome: 'declined' })).status,
    ).toBe(404)
    expect((await medewerker1.post('/api/transfers/not-a-uuid/close', { outcome: 'declined' })).status).toBe(
      404,
    )
    expect(closed).toHaveLength(before)
  })

  it('refuses an outcome it does not know, with a field error', async () => {
    const r = await medewerker1.post<{ invalidParams: Array<{ name: string }> }>(
      `/api/transfers/${transferId}/close`,
      { outcome: 'completed' },
    )
    expect(r.status).toBe(400)
    expect(r.body.invalidParams.map((p) => p.name)).toContain('outcome')
  })
})

describe('transfer offers on the gateway’s live hub', () => {
  const TTL_MS = 300
  const gw = useGateway({ app: { transferTtlMs: TTL_MS } })
  let medewerker1: GatewayClient

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
  })

  it('offers an announced transfer to the addressed afdeling, and closes it as expired with its record', async () => {
    const events: Array<{ type: string; [key: string]: unknown }> = []
    gw().gateway.live.hub.subscribe(
      { kind: 'agent', login: 'medewerker2', afdeling: 'vergunningen' },
      (event) => events.push(event),
    )
    const klantcontact = (
      await medewerker1.post<KlantcontactView>('/api/klantcontacten', registration(), {
        'idempotency-key': randomUUID(),
      })
    ).body
    const announced = await medewerker1.post<{ id: string }>('/api/transfers', {
      klantcontactUuid: klantcontact.uuid,
      target: { type: 'afdeling', id: 'vergunningen' },
    })
    expect(announced.status).toBe(201)
    // What medewerker2's live socket is sent (its afdeling is addressed).
    expect(events).toEqual([
      expect.objectContaining({
        type: 'transfer.offered',
        transfer: {
          transferId: announced.body.id,
          klantcontactnummer: klantcontact.nummer,
          from: 'medewerker1',
          afdeling: 'kcc',
          to: { kind: 'afdeling', afdeling: 'vergunningen' },
        },
      }),
    ])
    await expect
      .poll(() => events.find((e) => e.type === 'transfer.closed'), { timeout: 5_000 })
      .toMatchObject({ transferId: announced.body.id, outcome: 'expired' })
    expect(gw().gateway.live.hub.snapshot().transfers).toEqual([])
  })
})
