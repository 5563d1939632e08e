import { afterAll, beforeAll } from 'vitest'
import { startEmbedded, startKamailio, type RunningSipServer, type SipFixture } from './sip-servers'

/**
 * The two SIP servers a telephony suite runs against, for
 * `describe.each(bothSipServers)('… $name', ({ kind }) => …)`.
 */
export const bothSipServers: Array<{ name: string; kind: RunningSipServer['kind'] }> = [
  { name: 'embedded SIP server', kind: 'embedded' },
  { name: 'Kamailio (deploy/kamailio)', kind: 'kamailio' },
]

/**
 * Inside a describe block: starts the `kind` server with `fixture` before its tests and closes it
 * after them. Returns the running server, to call inside the tests.
 */
export function sipServerForSuite(
  kind: RunningSipServer['kind'],
  fixture: SipFixture,
  extra: { embedded?: Parameters<typeof startEmbedded>[1] } = {},
): () => RunningSipServer {
  let server: RunningSipServer | undefined
  beforeAll(async () => {
    server = kind === 'embedded' ? await startEmbedded(fixture, extra.embedded) : await startKamailio(fixture)
  })
  afterAll(async () => {
    await server?.close()
  })
  return () => server!
}
