import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import type { Klantcontact } from '../../support/klantinteracties-types'
import { registration, useGateway, type GatewayClient } from '../../support/gateway'

/**
 * Aanvullen: after Opslaan the agent adds to the klantcontact's inhoud, by its nummer, under the
 * answer's rules: appended after a blank line within inhoud's 1000 characters, only by an agent
 * involved or addressed by a transfer, audited, and not appended twice on a retry.
 */
describe('aanvullen', () => {
  const gw = useGateway()
  let medewerker1: GatewayClient
  let medewerker3: GatewayClient

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
    medewerker3 = await gw().login('medewerker3')
  })

  const register = async (overrides = {}): Promise<KlantcontactView> => {
    const r = await medewerker1.post<KlantcontactView>('/api/klantcontacten', registration(overrides), {
      'idempotency-key': randomUUID(),
    })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body
  }

  it('appends the text to inhoud after a blank line and answers the updated klantcontact', async () => {
    const k = await register({ inhoud: 'Vraag over de dakkapel.' })
    const r = await medewerker1.post<KlantcontactView>(`/api/klantcontacten/${k.nummer}/aanvulling`, {
      aanvulling: 'Klant stuurt de tekening na.',
    })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    expect(r.body.inhoud).toBe('Vraag over de dakkapel.\n\nKlant stuurt de tekening na.')
    const stored = (await gw().register.get<Klantcontact>(`/klantcontacten/${k.uuid}`)).body
    expect(stored.inhoud).toBe('Vraag over de dakkapel.\n\nKlant stuurt de tekening na.')
  })

  it('does not append the same text twice when a retry comes after a write that was not acknowledged', async () => {
    const k = await register({ inhoud: 'Vraag.' })
    await medewerker1.post(`/api/klantcontacten/${k.nummer}/aanvulling`, { aanvulling: 'Erbij.' })
    const again = await medewerker1.post<KlantcontactView>(`/api/klantcontacten/${k.nummer}/aanvulling`, {
      aanvulling: 'Erbij.',
    })
    expect(again.status).toBe(200)
    expect(again.body.inhoud).toBe('Vraag.\n\nErbij.')
  })

  it('refuses an aanvulling that would take inhoud over 1000 characters and changes nothing', async () => {
    const k = await register({ inhoud: 'V'.repeat(950) })
    // 950 + "\n\n" + 50 = 1002 characters: 2 too many.
    const r = await medewerker1.post(`/api/klantcontacten/${k.nummer}/aanvulling`, {
      aanvulling: 'A'.repeat(50),
    })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      {
        name: 'aanvulling',
        code: 'max_length',
        reason: expect.stringContaining('2 tekens te veel (hoogstens 1000)'),
      },
    ])
    const stored = (await gw().register.get<Klantcontact>(`/klantcontacten/${k.uuid}`)).body
    expect(stored.inhoud).toBe('V'.repeat(950))
  })

  it('refuses an empty aanvulling and a nummer that is not one', async () => {
    const k = await register()
    const blank = await medewerker1.post(`/api/klantcontacten/${k.nummer}/aanvulling`, { aanvulling: '  ' })
    expect(blank.status).toBe(400)
    expect(blank.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'aanvulling', code: 'blank' }),
    ])
    const bad = await medewerker1.post('/api/klantcontacten/26x/aanvulling', { aanvulling: 'Erbij.' })
    expect(bad.status).toBe(400)
  })

  it('refuses an agent who is neither involved nor addressed, and changes nothing', async () => {
    const k = await register()
    const r = await medewerker3.post(`/api/klantcontacten/${k.nummer}/aanvulling`, { aanvulling: 'Erbij.' })
    expect(r.status).toBe(403)
    const stored = (await gw().register.get<Klantcontact>(`/klantcontacten/${k.uuid}`)).body
    expect(stored.inhoud).toBe(registration()['inhoud'])
  })

  it('answers 404 for a nummer no klantcontact has', async () => {
    const r = await medewerker1.post('/api/klantcontacten/9999999999/aanvulling', { aanvulling: 'Erbij.' })
    expect(r.status).toBe(404)
  })

  it('writes an audit line with the klantcontact it added to', async () => {
    const k = await register()
    await medewerker1.post(`/api/klantcontacten/${k.nummer}/aanvulling`, { aanvulling: 'Audit.' })
    const rows = await gw()
      .gateway.storage.db.selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'klantcontact.aanvullen')
      .where('object_uuid', '=', k.uuid)
      .execute()
    expect(rows.map((r) => [r.actor, r.result, r.status, r.object_nummer])).toEqual([
      ['medewerker1', 'ok', 200, k.nummer],
    ])
  })
})
