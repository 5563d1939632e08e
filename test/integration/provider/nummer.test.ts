import { afterEach, describe, expect, it } from 'vitest'
import { startProvider, type TestProvider } from '../../support/provider'
import { ProviderClient } from '../../support/provider-client'

const contact = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  kanaal: 'Telefoon',
  onderwerp: 'Afval',
  inhoud: 'Vraag over de container',
  taal: 'nld',
  vertrouwelijk: false,
  ...extra,
})

describe('klantcontact nummer', () => {
  let provider: TestProvider | undefined
  afterEach(async () => {
    await provider?.close()
    provider = undefined
  })

  it('gives 200 klantcontacten POSTed by 20 parallel clients 200 distinct nummers', async () => {
    provider = await startProvider()
    await provider.app.listen({ host: '127.0.0.1', port: 0 })
    const address = provider.app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const post = async (): Promise<string> => {
      const response = await fetch(`http://127.0.0.1:${port}/klantinteracties/api/v1/klantcontacten`, {
        method: 'POST',
        headers: { authorization: `Token ${provider!.config.tokens[0]}`, 'content-type': 'application/json' },
        body: JSON.stringify(contact()),
      })
      expect(response.status).toBe(201)
      return ((await response.json()) as { nummer: string }).nummer
    }
    const clients = Array.from({ length: 20 }, async () => {
      const mine: string[] = []
      for (let i = 0; i < 10; i++) {
        mine.push(await post())
      }
      return mine
    })
    const nummers = (await Promise.all(clients)).flat()
    expect(nummers).toHaveLength(200)
    expect(new Set(nummers).size).toBe(200)
    for (const n of nummers) {
      expect(n).toMatch(/^\d{8}$/)
    }
  })

  it('keeps a nummer the consumer supplied, and skips it when the sequence gets there', async () => {
    provider = await startProvider()
    const api = new ProviderClient(provider.app)
    const first = await api.post<{ nummer: string }>('/klantcontacten', contact(), 'Klantcontact')
    const next = String(Number(first.body.nummer) + 1)
    const supplied = await api.post<{ nummer: string }>(
      '/klantcontacten',
      contact({ nummer: next }),
      'Klantcontact',
    )
    expect(supplied.body.nummer).toBe(next)
    const generated = await api.post<{ nummer: string }>('/klantcontacten', contact(), 'Klantcontact')
    expect(generated.body.nummer).toBe(String(Number(next) + 1))
  })

  it('refuses a nummer that is taken or not made of digits, naming the field', async () => {
    provider = await startProvider()
    const api = new ProviderClient(provider.app)
    await api.post('/klantcontacten', contact({ nummer: '4242' }), 'Klantcontact')
    const taken = await api.post('/klantcontacten', contact({ nummer: '4242' }))
    expect(taken.status).toBe(400)
    expect(taken.body['invalidParams']).toEqual([
      { name: 'nummer', code: 'unique', reason: 'Er bestaat al een klantcontact met eenzelfde nummer.' },
    ])
    const letters = await api.post('/klantcontacten', contact({ referentienummer: '12a' }))
    expect(letters.status).toBe(400)
    expect(letters.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'referentienummer', code: 'invalid' }),
    ])
    const tooLong = await api.post('/klantcontacten', contact({ nummer: '12345678901' }))
    expect(tooLong.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'nummer', code: 'max_length' }),
    ])
  })

  it('generates no nummer when switched off, like Open Klant 2.16 and later', async () => {
    provider = await startProvider({ generateNummer: false })
    const api = new ProviderClient(provider.app)
    const r = await api.post<{ nummer: string | null }>('/klantcontacten', contact(), 'Klantcontact')
    expect(r.status).toBe(201)
    expect(r.body.nummer).toBeNull()
  })
})
