import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startProvider, TEST_TOKEN, type TestProvider } from '../../support/provider'

/**
 * The token is checked by the route a request matched, never by its URL: the router decodes
 * `/api/%761` to `/api/v1`, so a prefix test on the raw URL let such requests through unchecked.
 */
describe('the provider token on every spelling of a path', () => {
  let provider: TestProvider
  beforeAll(async () => {
    provider = await startProvider()
  })
  afterAll(() => provider.close())

  const uuid = '8a3b1d0e-7c1f-4f5e-9a40-2f2b8e1c3d4a'
  const spellings = [
    '/klantinteracties/api/%761/klantcontacten',
    '/klantinteracties/%61pi/v1/klantcontacten',
    '/klantinteracties/api/v%31/klantcontacten',
    '/%6blantinteracties/api/v1/klantcontacten',
  ]

  it('refuses a read, a change and a creation without a token', async () => {
    for (const path of spellings) {
      for (const [method, url] of [
        ['GET', `${path}?expand=hadBetrokkenen`],
        ['PATCH', `${path}/${uuid}`],
        ['POST', path.replace('klantcontacten', 'partijen')],
      ] as const) {
        const answer = await provider.app.inject({ method, url, payload: method === 'GET' ? undefined : {} })
        expect(answer.statusCode, `${method} ${url}`).toBe(401)
        expect(answer.headers['api-version']).toBe('0.9.0')
        expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/)
      }
    }
  })

  it('serves them with the token, as the canonical path', async () => {
    for (const path of spellings) {
      const answer = await provider.app.inject({
        method: 'GET',
        url: path,
        headers: { authorization: `Token ${TEST_TOKEN}` },
      })
      expect(answer.statusCode, path).toBe(200)
    }
  })

  it('keeps the OAS public, under any spelling', async () => {
    for (const url of ['/klantinteracties/api/v1/openapi.yaml', '/klantinteracties/api/%761/openapi.yaml']) {
      expect((await provider.app.inject({ method: 'GET', url })).statusCode, url).toBe(200)
    }
  })

  it('answers a path that matches no route as not found, for anyone', async () => {
    const answer = await provider.app.inject({ method: 'GET', url: '/klantinteracties/api/v1/onbekend' })
    expect(answer.statusCode).toBe(404)
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
  })
})
