import { afterAll, beforeAll } from 'vitest'
import type { ProviderConfig } from '../../server/klantinteracties/config'
import { directRows, type DirectRows } from './direct-rows'
import { startProvider, type TestProvider } from './provider'
import { ProviderClient } from './provider-client'

export interface ProviderFixture {
  /** A client of the provider. */
  api: ProviderClient
  /** Direct access to the provider's database (see direct-rows.ts), opened on first use. */
  rows: Omit<DirectRows, 'close'>
  /** The running provider, for what the client does not cover (raw `app.inject`, its config). */
  provider(): TestProvider
}

/**
 * Starts a provider for the enclosing suite (a `describe` block or the file): `beforeAll` starts
 * it, `afterAll` closes it (and the direct database access, if a test used it). Everything it
 * answers reaches the provider only when used, so builders declared next to it can hold them from
 * the start; use them from hooks and tests.
 */
export function useProvider(overrides: Partial<ProviderConfig> = {}): ProviderFixture {
  let current: TestProvider | undefined
  let currentRows: DirectRows | undefined
  const provider = (): TestProvider => {
    if (!current) {
      throw new Error('useProvider: the provider starts in beforeAll; use it from a hook or a test')
    }
    return current
  }
  const rows = (): DirectRows => (currentRows ??= directRows(provider()))
  beforeAll(async () => {
    current = await startProvider(overrides)
  })
  afterAll(async () => {
    await currentRows?.close()
    await current?.close()
    currentRows = undefined
    current = undefined
  })
  return {
    api: new ProviderClient(() => provider().app),
    rows: {
      partij: (options) => rows().partij(options),
      digitaalAdres: (options) => rows().digitaalAdres(options),
      digitaalAdresBetrokkene: (uuid) => rows().digitaalAdresBetrokkene(uuid),
    },
    provider,
  }
}
