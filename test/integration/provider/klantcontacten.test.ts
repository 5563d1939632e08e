import { beforeAll, describe, expect, it } from 'vitest'
import { createKlantcontact, type Body } from '../../support/builders'
import type { Klantcontact, List } from '../../support/klantinteracties-types'
import { useProvider } from '../../support/provider-fixture'

const base = {
  kanaal: 'Telefoon',
  onderwerp: 'Parkeervergunning',
  inhoud: 'Vraag over een bewonersvergunning',
  taal: 'nld',
  vertrouwelijk: false,
}

describe('klantcontacten', () => {
  const { api } = useProvider()
  const create = (extra: Body = {}): Promise<Klantcontact> => createKlantcontact(api, { ...base, ...extra })

  it('returns an absolute url built from the request host', async () => {
    const k = await create()
    expect(k.url).toMatch(new RegExp(`^http://[^/]+/klantinteracties/api/v1/klantcontacten/${k.uuid}$`))
  })

  it('defaults reactie, verdereActieOndernomen and metadata', async () => {
    const k = await create()
    expect(k.reactie).toBe('')
    expect(k.verdereActieOndernomen).toBe(false)
    expect(k.metadata).toEqual({})
  })

  it('rejects a blank onderwerp', async () => {
    const r = await api.post('/klantcontacten', { ...base, onderwerp: '   ' })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      { name: 'onderwerp', code: 'blank', reason: 'Dit veld mag niet leeg zijn.' },
    ])
  })

  it('rejects inhoud over 1000 characters', async () => {
    const r = await api.post('/klantcontacten', { ...base, inhoud: 'x'.repeat(1001) })
    expect(r.body['invalidParams']).toEqual([expect.objectContaining({ name: 'inhoud', code: 'max_length' })])
  })

  it('rejects metadata values that are not strings', async () => {
    const r = await api.post('/klantcontacten', { ...base, metadata: { bron: 3 } })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([expect.objectContaining({ name: 'metadata.bron' })])
  })

  it('refuses verdereActieOndernomen on a contact that succeeded, also via PATCH', async () => {
    const r = await api.post('/klantcontacten', {
      ...base,
      indicatieContactGelukt: true,
      verdereActieOndernomen: true,
    })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'nonFieldErrors', code: 'no-further-action-when-contact-succesful' }),
    ])
    const k = await create({ indicatieContactGelukt: true })
    const patch = await api.patch(`/klantcontacten/${k.uuid}`, { verdereActieOndernomen: true })
    expect(patch.status).toBe(400)
    const allowed = await api.patch<Klantcontact>(
      `/klantcontacten/${k.uuid}`,
      { indicatieContactGelukt: false, verdereActieOndernomen: true },
      'Klantcontact',
    )
    expect(allowed.body.verdereActieOndernomen).toBe(true)
  })

  it('PATCH changes only the fields sent', async () => {
    const k = await create({ metadata: { bron: 'kcc' } })
    const r = await api.patch<Klantcontact>(
      `/klantcontacten/${k.uuid}`,
      { reactie: 'Teruggebeld' },
      'Klantcontact',
    )
    expect(r.body).toEqual({ ...k, reactie: 'Teruggebeld' })
  })

  it('PUT requires every write-required field', async () => {
    const k = await create()
    const missing = await api.put(`/klantcontacten/${k.uuid}`, { kanaal: 'E-mail' })
    expect(missing.status).toBe(400)
    expect(missing.body['invalidParams']).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'onderwerp', code: 'required' })]),
    )
    const full = await api.put<Klantcontact>(
      `/klantcontacten/${k.uuid}`,
      { ...base, kanaal: 'E-mail' },
      'Klantcontact',
    )
    expect(full.status).toBe(200)
    expect(full.body.kanaal).toBe('E-mail')
  })

  it('DELETE removes it', async () => {
    const k = await create()
    expect((await api.delete(`/klantcontacten/${k.uuid}`)).status).toBe(204)
    expect((await api.get(`/klantcontacten/${k.uuid}`)).status).toBe(404)
  })

  describe('filters', () => {
    const { api: filtering } = useProvider()
    beforeAll(async () => {
      const post = (body: Body): Promise<Klantcontact> => createKlantcontact(filtering, { ...base, ...body })
      await post({
        onderwerp: 'Dakkapel plaatsen',
        kanaal: 'Telefoon',
        vertrouwelijk: true,
        referentienummer: '77',
      })
      await post({
        onderwerp: 'Afvalcontainer',
        kanaal: 'E-mail',
        inhoud: 'Container 100% vol_',
        indicatieContactGelukt: false,
      })
      await post({ onderwerp: 'dakgoot', kanaal: 'Balie', plaatsgevondenOp: '2024-05-01T08:00:00Z' })
    })
    const onderwerpen = async (query: string): Promise<string[]> => {
      const r = await filtering.get<List<Klantcontact>>(
        `/klantcontacten?${query}`,
        'PaginatedKlantcontactList',
      )
      expect(r.status).toBe(200)
      return r.body.results.map((k) => k.onderwerp).sort()
    }

    it('matches onderwerp case-insensitively as a substring', async () => {
      expect(await onderwerpen('onderwerp=DAK')).toEqual(['Dakkapel plaatsen', 'dakgoot'])
    })

    it('treats % and _ in a search literally', async () => {
      expect(await onderwerpen('inhoud=100%25%20vol_')).toEqual(['Afvalcontainer'])
      expect(await onderwerpen('inhoud=_')).toEqual(['Afvalcontainer'])
    })

    it('matches kanaal exactly', async () => {
      expect(await onderwerpen('kanaal=E-mail')).toEqual(['Afvalcontainer'])
      expect(await onderwerpen('kanaal=mail')).toEqual([])
    })

    it('filters on booleans', async () => {
      expect(await onderwerpen('vertrouwelijk=true')).toEqual(['Dakkapel plaatsen'])
      expect(await onderwerpen('indicatieContactGelukt=false')).toEqual(['Afvalcontainer'])
    })

    it('filters on referentienummer and on an exact plaatsgevondenOp', async () => {
      expect(await onderwerpen('referentienummer=77')).toEqual(['Dakkapel plaatsen'])
      expect(await onderwerpen('plaatsgevondenOp=2024-05-01T08:00:00Z')).toEqual(['dakgoot'])
    })

    it('filters on the absence of betrokkenen with a partij and of interne taken', async () => {
      expect(await onderwerpen('hadBetrokkene__wasPartij=false')).toHaveLength(3)
      expect(await onderwerpen('leiddeTotInterneTaken=true')).toEqual([])
    })
  })
})
