import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createKlantcontact, errorsOf, refused, type Body } from '../../support/builders'
import { useProvider } from '../../support/provider-fixture'

/**
 * Input at the edges of what the engines store or compute: control characters in text
 * (docs/provider.md, "Text") and page numbers past any list. Each must be a client error on
 * SQLite and PostgreSQL alike, never a 500.
 */
describe('provider edge input', () => {
  const { api } = useProvider()

  const contact = (extra: Body = {}): Body => ({
    kanaal: 'Telefoon',
    onderwerp: `Rand ${randomUUID()}`,
    taal: 'nld',
    vertrouwelijk: false,
    ...extra,
  })
  const count = async (onderwerp: string): Promise<number> =>
    Number((await api.get(`/klantcontacten?onderwerp=${encodeURIComponent(onderwerp)}`)).body['count'])

  describe('control characters in text', () => {
    it('refuses a NUL in a klantcontact onderwerp with invalid_characters and stores nothing', async () => {
      const body = contact({ onderwerp: 'Vraag over\u0000 parkeren', inhoud: `kenmerk ${randomUUID()}` })
      const errors = await refused(api, 'POST', '/klantcontacten', body)
      expect(errors).toEqual([expect.objectContaining({ name: 'onderwerp', code: 'invalid_characters' })])
      expect(errors[0]?.reason).toContain('U+0000')
      const r = await api.get(`/klantcontacten?inhoud=${encodeURIComponent(String(body['inhoud']))}`)
      expect(r.body['count']).toBe(0)
    })

    it.each([
      ['DEL', '\u007f'],
      ['a C1 control', '\u0085'],
      ['an escape', '\u001b'],
      ['a lone high surrogate', '\ud800'],
      ['a lone low surrogate', '\udc00'],
    ])('refuses %s in any string field', async (_label, character) => {
      const errors = await refused(api, 'POST', '/klantcontacten', contact({ inhoud: `a${character}b` }))
      expect(errors).toEqual([expect.objectContaining({ name: 'inhoud', code: 'invalid_characters' })])
    })

    it('accepts tab, line feed, carriage return and astral characters', async () => {
      const inhoud = 'regel 1\r\n\tregel 2 😀 é'
      const created = await createKlantcontact(api, { inhoud })
      expect(created.inhoud).toBe(inhoud)
    })

    it('names the nested field of a gegevensgroep in another resource', async () => {
      const r = await api.post('/maak-klantcontact', {
        klantcontact: contact(),
        betrokkene: { rol: 'klant', initiator: true, contactnaam: { achternaam: 'Vries\u0000' } },
      })
      expect(r.status).toBe(400)
      expect(errorsOf(r.body)).toEqual([
        expect.objectContaining({ name: 'betrokkene.contactnaam.achternaam', code: 'invalid_characters' }),
      ])
    })

    it('refuses a control character in a PATCH and keeps the stored value', async () => {
      const created = await createKlantcontact(api)
      const errors = await refused(api, 'PATCH', `/klantcontacten/${created.uuid}`, { onderwerp: 'x\u0000' })
      expect(errors).toEqual([expect.objectContaining({ name: 'onderwerp', code: 'invalid_characters' })])
      expect((await api.get(`/klantcontacten/${created.uuid}`)).body['onderwerp']).toBe(created.onderwerp)
    })

    it('refuses a control character in a metadata key', async () => {
      const onderwerp = `Meta ${randomUUID()}`
      const errors = await refused(
        api,
        'POST',
        '/klantcontacten',
        contact({ onderwerp, metadata: { 'sleutel\u0000': 'waarde' } }),
      )
      expect(errors).toEqual([expect.objectContaining({ name: 'metadata', code: 'invalid_characters' })])
      expect(await count(onderwerp)).toBe(0)
    })

    it.each([
      '/betrokkenen?contactnaamAchternaam=%00',
      '/klantcontacten?onderwerp=%00',
      '/partijen?page=%00',
      '/actoren?naam=a%7F',
    ])('refuses a control character in a filter: %s', async (path) => {
      const r = await api.get(path)
      expect(r.status).toBe(400)
      expect(errorsOf(r.body)).toEqual([expect.objectContaining({ code: 'invalid_characters' })])
    })
  })

  describe('page numbers past any list', () => {
    it.each(['/klantcontacten', '/partijen', '/betrokkenen', '/actoren', '/digitaleadressen'])(
      'answers 404 on %s for pages no offset can reach',
      async (path) => {
        for (const page of ['92233720368547759', '99999999999999999999', '1e308', '9007199254740993']) {
          const r = await api.get(`${path}?page=${page}`)
          expect(r.status, `page=${page}`).toBe(404)
        }
        const big = await api.get(`${path}?page=18014398509481&pageSize=500`)
        expect(big.status).toBe(404)
      },
    )
  })
})
