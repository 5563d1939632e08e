import { describe, expect, it } from 'vitest'
import { createActor, createActorKlantcontact, createKlantcontact, listUuids } from '../../support/builders'
import type { ActorKlantcontact } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

const UNIQUE = {
  name: 'nonFieldErrors',
  code: 'unique',
  reason: 'De velden actor, klantcontact moeten een unieke set zijn.',
}

describe('actorklantcontacten', () => {
  const { api } = useProvider()
  const klantcontact = async (): Promise<string> => (await createKlantcontact(api)).uuid
  const actor = async (naam = 'Medewerker'): Promise<string> => (await createActor(api, { naam })).uuid
  const link = (a: string, k: string): Promise<ActorKlantcontact> => createActorKlantcontact(api, a, k)
  const list = listUuids(api, '/actorklantcontacten', 'PaginatedActorKlantcontactList')

  it('links an actor to a klantcontact, which then lists the whole actor', async () => {
    const a = await actor('Medewerker KCC')
    const k = await klantcontact()
    const l = await link(a, k)
    expect(l).toEqual({
      uuid: expect.any(String),
      url: expect.stringMatching(new RegExp(`/klantinteracties/api/v1/actorklantcontacten/${l.uuid}$`)),
      actor: { uuid: a, url: expect.stringMatching(new RegExp(`/actoren/${a}$`)) },
      klantcontact: { uuid: k, url: expect.stringMatching(new RegExp(`/klantcontacten/${k}$`)) },
    })
    expect((await api.get(`/actorklantcontacten/${l.uuid}`, 'ActorKlantcontact')).body).toEqual(l)
    const contact = await api.get(`/klantcontacten/${k}`, 'Klantcontact')
    expect(contact.body['hadBetrokkenActoren']).toEqual([
      expect.objectContaining({ uuid: a, naam: 'Medewerker KCC' }),
    ])
  })

  it('requires actor and klantcontact', async () => {
    const r = await api.post('/actorklantcontacten', {})
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      { name: 'actor', code: 'required', reason: 'Dit veld is vereist.' },
      { name: 'klantcontact', code: 'required', reason: 'Dit veld is vereist.' },
    ])
  })

  it('names an actor or klantcontact that does not exist', async () => {
    const r = await api.post('/actorklantcontacten', {
      actor: { uuid: '00000000-0000-4000-8000-000000000001' },
      klantcontact: { uuid: '00000000-0000-4000-8000-000000000002' },
    })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      { name: 'actor.uuid', code: 'does_not_exist', reason: 'Actor object bestaat niet.' },
      { name: 'klantcontact.uuid', code: 'does_not_exist', reason: 'Klantcontact object bestaat niet.' },
    ])
  })

  it('refuses the same actor and klantcontact twice', async () => {
    const a = await actor()
    const k = await klantcontact()
    await link(a, k)
    const r = await api.post('/actorklantcontacten', { actor: { uuid: a }, klantcontact: { uuid: k } })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([UNIQUE])
  })

  it('refuses a PATCH that would duplicate another link, and accepts one that does not', async () => {
    const a = await actor()
    const k1 = await klantcontact()
    const k2 = await klantcontact()
    const k3 = await klantcontact()
    await link(a, k1)
    const second = await link(a, k2)
    const clash = await api.patch(`/actorklantcontacten/${second.uuid}`, { klantcontact: { uuid: k1 } })
    expect(clash.status).toBe(400)
    expect(clash.body['invalidParams']).toEqual([UNIQUE])
    // PATCHing a link onto itself is no duplicate.
    const same = await api.patch(
      `/actorklantcontacten/${second.uuid}`,
      { actor: { uuid: a } },
      'ActorKlantcontact',
    )
    expect(same.status).toBe(200)
    const moved = await api.patch<ActorKlantcontact>(
      `/actorklantcontacten/${second.uuid}`,
      { klantcontact: { uuid: k3 } },
      'ActorKlantcontact',
    )
    expect(moved.status).toBe(200)
    expect(moved.body.klantcontact.uuid).toBe(k3)
    expect(moved.body.actor.uuid).toBe(a)
  })

  it('PUT requires both references and replaces them', async () => {
    const a1 = await actor()
    const a2 = await actor()
    const k = await klantcontact()
    const l = await link(a1, k)
    const missing = await api.put(`/actorklantcontacten/${l.uuid}`, { actor: { uuid: a2 } })
    expect(missing.status).toBe(400)
    expect(missing.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'klantcontact', code: 'required' }),
    ])
    const r = await api.put<ActorKlantcontact>(
      `/actorklantcontacten/${l.uuid}`,
      { actor: { uuid: a2 }, klantcontact: { uuid: k } },
      'ActorKlantcontact',
    )
    expect(r.status).toBe(200)
    expect(r.body.actor.uuid).toBe(a2)
  })

  it('DELETE removes the link and the actor from hadBetrokkenActoren', async () => {
    const a = await actor()
    const k = await klantcontact()
    const l = await link(a, k)
    expect((await api.delete(`/actorklantcontacten/${l.uuid}`)).status).toBe(204)
    expect((await api.get(`/actorklantcontacten/${l.uuid}`)).status).toBe(404)
    expect((await api.get(`/klantcontacten/${k}`)).body['hadBetrokkenActoren']).toEqual([])
    expect((await api.get(`/actoren/${a}`)).status).toBe(200)
  })

  it('goes when its actor is deleted', async () => {
    const a = await actor()
    const k = await klantcontact()
    const l = await link(a, k)
    expect((await api.delete(`/actoren/${a}`)).status).toBe(204)
    expect((await api.get(`/actorklantcontacten/${l.uuid}`)).status).toBe(404)
  })

  describe('filters', () => {
    it('finds links by actor and by klantcontact, as uuid and as url, newest first', async () => {
      const a1 = await actor()
      const a2 = await actor()
      const k1 = await klantcontact()
      const k2 = await klantcontact()
      const l11 = await link(a1, k1)
      const l12 = await link(a1, k2)
      const l21 = await link(a2, k1)
      expect(await list(`actor__uuid=${a1}`)).toEqual([l12.uuid, l11.uuid])
      expect(await list(`actor__url=${encodeURIComponent(l21.actor.url)}`)).toEqual([l21.uuid])
      expect(await list(`klantcontact__uuid=${k1}`)).toEqual([l21.uuid, l11.uuid])
      expect(await list(`klantcontact__url=${encodeURIComponent(l12.klantcontact.url)}`)).toEqual([l12.uuid])
      expect(await list(`actor__uuid=${a2}&klantcontact__uuid=${k2}`)).toEqual([])
    })

    it('rejects an unknown query parameter', async () => {
      const r = await api.get('/actorklantcontacten?actor=x')
      expect(r.status).toBe(400)
      expect(r.body['invalidParams']).toEqual([expect.objectContaining({ code: 'unknown-parameters' })])
    })
  })
})
