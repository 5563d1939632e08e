import { afterEach, expect } from 'vitest'
import type { SipLimits } from '../../server/sip/types'
import { SipTestClient } from './sip-client'
import { SIP_DOMAIN, sipFixture, startEmbedded, type RunningSipServer } from './sip-servers'

/**
 * For the tests of what only the embedded server does: a server per test (with the guest `burger`
 * and the limits the test wants) and clients, all closed after each test.
 */
export const embeddedFixture = sipFixture(['agent1', 'agent2', 'agent3'], {
  vergunningen: ['agent2', 'agent3'],
})
export const aor = (user: string): string => `sip:${user}@${SIP_DOMAIN}`

export interface EmbeddedHarness {
  start(limits?: Partial<SipLimits>): Promise<RunningSipServer>
  /**
   * `password`: undefined = the agent's ephemeral credentials, null = none (a guest or an impostor),
   * a string = that password with the agent's username (a wrong one).
   */
  client(server: { url: string }, user: string, password?: string | null): Promise<SipTestClient>
  registered(server: { url: string }, user: string): Promise<SipTestClient>
  /** Closes `item` after the test, with everything else. */
  track<T extends { close(): Promise<unknown> | void }>(item: T): T
}

export function useEmbeddedHarness(): EmbeddedHarness {
  const running: Array<{ close(): Promise<unknown> | void }> = []
  afterEach(async () => {
    for (const item of running.splice(0).reverse()) {
      await item.close()
    }
  })
  const track = <T extends { close(): Promise<unknown> | void }>(item: T): T => {
    running.push(item)
    return item
  }
  const client: EmbeddedHarness['client'] = async (server, user, password) =>
    track(
      await SipTestClient.connect({
        url: server.url,
        domain: SIP_DOMAIN,
        user,
        ...(password === null
          ? {}
          : password === undefined
            ? embeddedFixture.credentials[user]
            : { authUser: embeddedFixture.credentials[user]?.authUser ?? user, password }),
      }),
    )
  return {
    start: async (limits = {}) => track(await startEmbedded(embeddedFixture, { guests: ['burger'], limits })),
    client,
    async registered(server, user) {
      const c = await client(server, user)
      expect((await c.register()).status, `REGISTER ${user}`).toBe(200)
      return c
    },
    track,
  }
}

/** Polls `condition` until it holds (or fails after `ms`). */
export async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time')
    }
    await new Promise((r) => setTimeout(r, 20))
  }
}
