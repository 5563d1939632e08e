import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectProblem } from '../../support/oas-assert'
import { BASE, ProviderClient } from '../../support/provider-client'
import { useProvider } from '../../support/provider-fixture'

const contact = (onderwerp: string, plaatsgevondenOp: string): Record<string, unknown> => ({
  kanaal: 'Telefoon',
  onderwerp,
  taal: 'nld',
  vertrouwelijk: false,
  plaatsgevondenOp,
})

describe('provider protocol', () => {
  const { api, provider } = useProvider()

  describe('authentication', () => {
    it('answers 401 problem+json without a token', async () => {
      const r = await new ProviderClient(provider().app, null).get('/klantcontacten')
      expect(r.status).toBe(401)
      expect(r.body['code']).toBe('not_authenticated')
      expect(r.headers['www-authenticate']).toBe('Token')
    })

    it('answers 401 for a wrong token', async () => {
      const r = await new ProviderClient(provider().app, 'wrong-token-0123456789').get('/klantcontacten')
      expect(r.status).toBe(401)
      expect(r.body['code']).toBe('authentication_failed')
    })

    it('refuses a Bearer header: the scheme is Token', async () => {
      const response = await provider().app.inject({
        url: `${BASE}/klantcontacten`,
        headers: { authorization: `Bearer ${provider().config.tokens[0]}` },
      })
      expect(response.statusCode).toBe(401)
    })
  })

  it('serves the vendored OAS at openapi.yaml without a token', async () => {
    const response = await provider().app.inject({ url: `${BASE}/openapi.yaml` })
    expect(response.statusCode).toBe(200)
    expect(response.headers['api-version']).toBe('0.9.0')
    expect(response.body).toBe(
      readFileSync(new URL('../../../spec/klantinteracties-openapi.yaml', import.meta.url), 'utf8'),
    )
  })

  it('answers an unknown path with a 404 problem', async () => {
    const r = await api.get('/bestaat-niet')
    expect(r.status).toBe(404)
  })

  it('answers an unknown or malformed uuid with a 404 problem', async () => {
    expect((await api.get('/klantcontacten/00000000-0000-4000-8000-000000000000')).status).toBe(404)
    expect((await api.get('/klantcontacten/geen-uuid')).status).toBe(404)
  })

  it('rejects an unknown query parameter with unknown-parameters', async () => {
    const r = await api.get('/klantcontacten?onbekend=1')
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([
      { name: 'nonFieldErrors', code: 'unknown-parameters', reason: expect.stringContaining('onbekend') },
    ])
  })

  it('rejects an expand path the resource does not offer', async () => {
    const r = await api.get('/klantcontacten?expand=hadBetrokkenActoren')
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual([expect.objectContaining({ name: 'expand' })])
  })

  it('answers malformed JSON with a 400 problem and no stack trace', async () => {
    const response = await provider().app.inject({
      method: 'POST',
      url: `${BASE}/klantcontacten`,
      headers: { authorization: `Token ${provider().config.tokens[0]}`, 'content-type': 'application/json' },
      payload: '{"kanaal": ',
    })
    expect(response.statusCode).toBe(400)
    expectProblem(JSON.parse(response.body), 400)
  })

  it('lists every field error at once, in Dutch, with DRF codes', async () => {
    const r = await api.post('/klantcontacten', {
      kanaal: 'x'.repeat(51),
      taal: 'nld',
      vertrouwelijk: 'nee',
      plaatsgevondenOp: 'gisteren',
    })
    expect(r.status).toBe(400)
    expect(r.body['invalidParams']).toEqual(
      expect.arrayContaining([
        { name: 'onderwerp', code: 'required', reason: 'Dit veld is vereist.' },
        {
          name: 'kanaal',
          code: 'max_length',
          reason: 'Zorg ervoor dat dit veld niet meer dan 50 karakters bevat.',
        },
        { name: 'vertrouwelijk', code: 'invalid', reason: 'Moet een geldige boolean zijn.' },
        expect.objectContaining({ name: 'plaatsgevondenOp', code: 'invalid' }),
      ]),
    )
  })

  it('ignores a uuid sent by the client: uuid is read-only', async () => {
    const chosen = '11111111-1111-4111-8111-111111111111'
    const r = await api.post(
      '/klantcontacten',
      { ...contact('uuid', '2024-01-01T10:00:00Z'), uuid: chosen },
      'Klantcontact',
    )
    expect(r.status).toBe(201)
    expect(r.body['uuid']).not.toBe(chosen)
  })

  describe('pagination', () => {
    const { api: subset } = useProvider()
    beforeAll(async () => {
      for (let i = 0; i < 7; i++) {
        await subset.post('/klantcontacten', contact(`c${i}`, `2024-01-0${i + 1}T10:00:00Z`), 'Klantcontact')
      }
    })

    it('pages with page and pageSize, linking next and previous', async () => {
      const first = await subset.get<{ count: number; next: string; previous: null; results: unknown[] }>(
        '/klantcontacten?pageSize=3',
        'PaginatedKlantcontactList',
      )
      expect(first.body.count).toBe(7)
      expect(first.body.results).toHaveLength(3)
      expect(first.body.previous).toBeNull()
      expect(new URL(first.body.next).searchParams.get('page')).toBe('2')
      expect(new URL(first.body.next).searchParams.get('pageSize')).toBe('3')
      const last = await subset.get<{ next: null; previous: string; results: unknown[] }>(
        '/klantcontacten?pageSize=3&page=3',
        'PaginatedKlantcontactList',
      )
      expect(last.body.results).toHaveLength(1)
      expect(last.body.next).toBeNull()
      expect(new URL(last.body.previous).searchParams.get('page')).toBe('2')
    })

    it('answers a page past the end with 404', async () => {
      expect((await subset.get('/klantcontacten?pageSize=3&page=4')).status).toBe(404)
    })

    it('lists the newest plaatsgevondenOp first', async () => {
      const r = await subset.get<{ results: Array<{ onderwerp: string }> }>(
        '/klantcontacten',
        'PaginatedKlantcontactList',
      )
      expect(r.body.results.map((k) => k.onderwerp)).toEqual(['c6', 'c5', 'c4', 'c3', 'c2', 'c1', 'c0'])
    })

    it('caps pageSize at 500', async () => {
      const r = await subset.get<{ next: string | null }>(
        '/klantcontacten?pageSize=100000',
        'PaginatedKlantcontactList',
      )
      expect(r.status).toBe(200)
      expect(r.body.next).toBeNull()
    })
  })
})
