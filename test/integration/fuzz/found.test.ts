import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_TOKEN } from '../../support/provider'
import { BASE } from '../../support/provider-client'
import { errorLinesOf } from './answer-check'
import { startFuzzServers, type FuzzServers } from './servers'

/** What the fuzz found (provider.test.ts, gateway.test.ts), each as a plain request. */
describe('requests the fuzz found answered with a server error', () => {
  let servers: FuzzServers
  beforeAll(async () => {
    servers = await startFuzzServers({ gateway: false })
    const actor = await servers.provider.app.inject({
      method: 'POST',
      url: `${BASE}/actoren`,
      headers: { authorization: `Token ${TEST_TOKEN}` },
      payload: { naam: 'Medewerker', soortActor: 'medewerker' },
    })
    expect(actor.statusCode, actor.body).toBe(201)
  })
  afterAll(async () => {
    await servers?.close()
  })

  it('finds nothing for a substring filter longer than any text the register holds', async () => {
    // Past SQLite's LIKE pattern limit (50,000 bytes): it refused the query, a 500 on SQLite only.
    const answer = await servers.provider.app.inject({
      method: 'GET',
      url: `${BASE}/actoren?naam=${'a'.repeat(60_000)}`,
      headers: { authorization: `Token ${TEST_TOKEN}` },
    })
    expect(answer.statusCode, answer.body).toBe(200)
    expect(answer.json()).toMatchObject({ count: 0, results: [] })
    expect(errorLinesOf(servers.logs)).toEqual([])
  })
})
