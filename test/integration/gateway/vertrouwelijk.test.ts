import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import { registration, useGateway, type GatewayClient } from '../../support/gateway'

/**
 * Vertrouwelijk (docs/gateway.md): only agents involved in the
 * klantcontact, or addressed by a transfer, see its onderwerp, inhoud and the caller's name.
 */
describe('a vertrouwelijk klantcontact', () => {
  const gw = useGateway()
  let medewerker1: GatewayClient
  let medewerker2: GatewayClient
  let supervisor: GatewayClient
  let klantcontact: KlantcontactView

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
    medewerker2 = await gw().login('medewerker2')
    supervisor = await gw().login('supervisor')
    klantcontact = (
      await medewerker1.post<KlantcontactView>(
        '/api/klantcontacten',
        registration({
          vertrouwelijk: true,
          onderwerp: 'Schuldhulp',
          inhoud: 'Vraag over een betalingsregeling.',
        }),
        { 'idempotency-key': randomUUID() },
      )
    ).body
  })

  it('shows its content to the agent who registered it', async () => {
    const r = await medewerker1.get<KlantcontactView>(`/api/klantcontacten/by-nummer/${klantcontact.nummer}`)
    expect(r.body).toMatchObject({ onderwerp: 'Schuldhulp', afgeschermd: false })
  })

  it('withholds onderwerp, inhoud and the caller name from other agents, supervisors included', async () => {
    for (const other of [medewerker2, supervisor]) {
      const r = await other.get<KlantcontactView>(`/api/klantcontacten/by-nummer/${klantcontact.nummer}`)
      expect(r.status).toBe(200)
      expect(r.body).toMatchObject({
        uuid: klantcontact.uuid,
        kanaal: 'Telefoon',
        onderwerp: null,
        inhoud: null,
        reactie: null,
        afgeschermd: true,
      })
      expect(r.body.betrokkenen.map((b) => b.volledigeNaam)).toEqual([null])
      expect(JSON.stringify(r.body)).not.toMatch(/Schuldhulp|betalingsregeling|Vries/)
    }
  })

  it('does not let an agent who is not involved answer it', async () => {
    const r = await medewerker2.post(`/api/klantcontacten/${klantcontact.uuid}/antwoord`, {
      antwoord: 'Nee.',
    })
    expect(r.status).toBe(403)
  })

  it('records a withheld read in the audit log as such', async () => {
    const rows = await gw()
      .gateway.storage.db.selectFrom('audit_event')
      .selectAll()
      .where('detail', '=', 'afgeschermd')
      .execute()
    expect(rows.map((r) => r.actor).sort()).toEqual(['medewerker2', 'supervisor'])
  })

  it('shows its content to the colleague it is transferred to, who can then answer it', async () => {
    await medewerker1.post('/api/transfers', {
      klantcontactUuid: klantcontact.uuid,
      target: { type: 'agent', id: 'medewerker2' },
    })
    const r = await medewerker2.get<KlantcontactView>(`/api/klantcontacten/by-nummer/${klantcontact.nummer}`)
    expect(r.body).toMatchObject({ onderwerp: 'Schuldhulp', afgeschermd: false })
    const answered = await medewerker2.post(`/api/klantcontacten/${klantcontact.uuid}/antwoord`, {
      antwoord: 'Een regeling is mogelijk.',
    })
    expect(answered.status).toBe(200)
    // The supervisor is still not involved.
    const supervisorView = await supervisor.get<KlantcontactView>(
      `/api/klantcontacten/by-nummer/${klantcontact.nummer}`,
    )
    expect(supervisorView.body.afgeschermd).toBe(true)
  })
})
