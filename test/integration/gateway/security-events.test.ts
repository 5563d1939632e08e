import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { useGateway, type GatewayClient } from '../../support/gateway'

/**
 * `POST /api/security-events`: an agent's app reports what its softphone refused (a REFER), and the
 * gateway writes it to the audit log as a security event. Session required, body validated.
 */
describe('security events reported by the agent app', () => {
  const gw = useGateway()
  let medewerker1: GatewayClient

  const auditOf = () =>
    gw()
      .gateway.storage.db.selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'beveiligingsmelding.melden')
      .orderBy('id')
      .execute()

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
  })

  it('writes a refused REFER to the audit log as a security event, naming the call by its id', async () => {
    const callId = randomUUID()
    const reply = await medewerker1.post('/api/security-events', { kind: 'refer-refused', callId })
    expect(reply.status).toBe(204)
    const lines = await auditOf()
    expect(lines.at(-1)).toMatchObject({
      actor: 'medewerker1',
      resource: 'gesprek',
      object_uuid: callId,
      result: 'ok',
      security: expect.anything(),
      detail: 'refer-geweigerd',
    })
    expect(Boolean(lines.at(-1)!.security)).toBe(true)
    const viaApi = await (
      await gw().login('supervisor')
    ).get<{ results: Array<{ detail: string | null }> }>('/api/audit?security=true&limit=5')
    expect(viaApi.body.results.some((event) => event.detail === 'refer-geweigerd')).toBe(true)
  })

  it('takes an event without a call id', async () => {
    expect((await medewerker1.post('/api/security-events', { kind: 'refer-refused' })).status).toBe(204)
  })

  it('refuses an unknown kind, a call id that is not a uuid, and anything extra (400)', async () => {
    for (const body of [
      { kind: 'iets-anders' },
      { kind: 'refer-refused', callId: 'burger@kcc.test' },
      { kind: 'refer-refused', referTo: 'sip:medewerker3@kcc.test' },
    ]) {
      expect((await medewerker1.post('/api/security-events', body)).status, JSON.stringify(body)).toBe(400)
    }
  })

  it('refuses a request without a session (401), and audits that too', async () => {
    const before = (await auditOf()).length
    expect((await gw().anonymous.post('/api/security-events', { kind: 'refer-refused' })).status).toBe(401)
    expect(await auditOf()).toHaveLength(before + 1)
  })
})
