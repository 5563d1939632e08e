import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import type { Klantcontact } from '../../support/klantinteracties-types'
import { registration, useGateway, type GatewayClient } from '../../support/gateway'

/**
 * The colleague's answer: appended to inhoud (C0534, F0796) within its 1000 characters, or stored
 * in reactie when so configured; nothing lost when it does not fit. Only an agent involved in the
 * klantcontact, or to whom it was transferred, may answer.
 */
async function unannounced(agent: GatewayClient, overrides = {}): Promise<KlantcontactView> {
  const r = await agent.post<KlantcontactView>('/api/klantcontacten', registration(overrides), {
    'idempotency-key': randomUUID(),
  })
  expect(r.status).toBe(201)
  return r.body
}

/** Registered by medewerker1 and transferred to medewerker2, who answers it (a warm transfer). */
async function registered(agent: GatewayClient, overrides = {}): Promise<KlantcontactView> {
  const k = await unannounced(agent, overrides)
  const transfer = await agent.post('/api/transfers', {
    klantcontactUuid: k.uuid,
    target: { type: 'agent', id: 'medewerker2' },
  })
  expect(transfer.status).toBe(201)
  return k
}

describe('answering in inhoud', () => {
  const gw = useGateway()
  let medewerker1: GatewayClient
  let medewerker2: GatewayClient

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
    medewerker2 = await gw().login('medewerker2')
  })

  it('refuses an answer that would take inhoud over 1000 characters, says by how much, and changes nothing', async () => {
    const question = 'V'.repeat(900)
    const k = await registered(medewerker1, { inhoud: question })
    const before = (await gw().register.get<Klantcontact>(`/klantcontacten/${k.uuid}`)).body
    // 900 + "\n\nAntwoord: " (12) + 100 = 1012 characters: 12 too many.
    const r = await medewerker2.post(`/api/klantcontacten/${k.uuid}/antwoord`, { antwoord: 'A'.repeat(100) })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      {
        name: 'antwoord',
        code: 'max_length',
        reason: expect.stringContaining('12 tekens te veel (hoogstens 1000)'),
      },
    ])
    const after = (await gw().register.get<Klantcontact>(`/klantcontacten/${k.uuid}`)).body
    expect(after.inhoud).toBe(before.inhoud)
    expect(after.hadBetrokkenActoren).toEqual(before.hadBetrokkenActoren)
  })

  it('accepts an answer that fills inhoud to exactly 1000 characters', async () => {
    const k = await registered(medewerker1, { inhoud: 'V'.repeat(900) })
    const r = await medewerker2.post<KlantcontactView>(`/api/klantcontacten/${k.uuid}/antwoord`, {
      antwoord: 'A'.repeat(88),
    })
    expect(r.status).toBe(200)
    expect(r.body.inhoud).toHaveLength(1000)
  })

  it('counts characters as the register does, so an emoji is one character', async () => {
    const k = await registered(medewerker1, { inhoud: 'V'.repeat(900) })
    const r = await medewerker2.post(`/api/klantcontacten/${k.uuid}/antwoord`, { antwoord: '😀'.repeat(88) })
    expect(r.status).toBe(200)
  })

  it('refuses an empty answer', async () => {
    const k = await registered(medewerker1)
    const r = await medewerker2.post(`/api/klantcontacten/${k.uuid}/antwoord`, { antwoord: '   ' })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([expect.objectContaining({ name: 'antwoord', code: 'blank' })])
  })

  it('refuses an answer from an agent neither involved nor addressed, who so cannot make itself involved', async () => {
    const medewerker3 = await gw().login('medewerker3')
    const k = await unannounced(medewerker1)
    const r = await medewerker3.post(`/api/klantcontacten/${k.uuid}/antwoord`, { antwoord: 'Ja.' })
    expect(r.status).toBe(403)
    const stored = (await gw().register.get<Klantcontact>(`/klantcontacten/${k.uuid}`)).body
    expect(stored.inhoud).toBe(registration()['inhoud'])
    expect(stored.hadBetrokkenActoren).toHaveLength(1)
    // Not an actor, so still not involved: announcing a transfer stays refused.
    const transfer = await medewerker3.post('/api/transfers', {
      klantcontactUuid: k.uuid,
      target: { type: 'agent', id: 'medewerker1' },
    })
    expect(transfer.status).toBe(403)
  })

  it('lets the registering agent add to its own klantcontact', async () => {
    const k = await unannounced(medewerker1)
    const r = await medewerker1.post(`/api/klantcontacten/${k.uuid}/antwoord`, { antwoord: 'Ja.' })
    expect(r.status).toBe(200)
  })

  it('answers 404 for a klantcontact that does not exist', async () => {
    const r = await medewerker2.post(`/api/klantcontacten/${randomUUID()}/antwoord`, { antwoord: 'Ja.' })
    expect(r.status).toBe(404)
  })
})

describe('answering in reactie', () => {
  const gw = useGateway({ config: { answerField: 'reactie' } })
  let medewerker1: GatewayClient
  let medewerker2: GatewayClient

  beforeAll(async () => {
    medewerker1 = await gw().login('medewerker1')
    medewerker2 = await gw().login('medewerker2')
  })

  it('stores the answer in reactie and leaves inhoud as it was', async () => {
    const k = await registered(medewerker1)
    const r = await medewerker2.post<KlantcontactView>(`/api/klantcontacten/${k.uuid}/antwoord`, {
      antwoord: 'A'.repeat(3000),
    })
    expect(r.status).toBe(200)
    const stored = (await gw().register.get<Klantcontact>(`/klantcontacten/${k.uuid}`)).body
    expect(stored.reactie).toBe('A'.repeat(3000))
    expect(stored.inhoud).toBe(registration()['inhoud'])
    expect(stored.hadBetrokkenActoren).toHaveLength(2)
  })

  it('refuses an answer that would take reactie over 4000 characters', async () => {
    const k = await registered(medewerker1)
    await medewerker2.post(`/api/klantcontacten/${k.uuid}/antwoord`, { antwoord: 'A'.repeat(3000) })
    const r = await medewerker2.post(`/api/klantcontacten/${k.uuid}/antwoord`, { antwoord: 'B'.repeat(1000) })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'antwoord', reason: expect.stringContaining('2 tekens te veel') }),
    ])
  })
})
