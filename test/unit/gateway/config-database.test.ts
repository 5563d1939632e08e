import { describe, expect, it } from 'vitest'
import { loadGatewayConfig } from '../../../server/gateway/config/load'

const DEMO = new URL('../../../config/kcc.demo.json', import.meta.url).pathname

describe("the gateway's own database", () => {
  it('is SQLite in the data directory unless a PostgreSQL URL is given', async () => {
    expect((await loadGatewayConfig(DEMO, {})).database).toBeUndefined()
  })

  it('is PostgreSQL, optionally in a schema, with KCC_DATABASE_URL and KCC_DATABASE_SCHEMA', async () => {
    const config = await loadGatewayConfig(DEMO, {
      KCC_DATABASE_URL: 'postgres://kcc@db.gemeente.example/kcc',
      KCC_DATABASE_SCHEMA: 'gateway',
    })
    expect(config.database).toEqual({ url: 'postgres://kcc@db.gemeente.example/kcc', schema: 'gateway' })
  })

  it('refuses a database URL that is not PostgreSQL and a schema name that is not an identifier', async () => {
    await expect(loadGatewayConfig(DEMO, { KCC_DATABASE_URL: 'mysql://db/kcc' })).rejects.toThrow(
      /database\/url/,
    )
    await expect(
      loadGatewayConfig(DEMO, { KCC_DATABASE_URL: 'postgres://db/kcc', KCC_DATABASE_SCHEMA: 'a; drop' }),
    ).rejects.toThrow(/database\/schema/)
  })
})
