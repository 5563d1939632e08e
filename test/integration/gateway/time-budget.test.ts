import { randomUUID } from 'node:crypto'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GatewayError } from '../../../renderer/src/api/errors'
import { createGatewayClient, type GatewayApi } from '../../../renderer/src/api/gateway-client'
import type { RegisterKlantcontactInput } from '../../../shared/gateway/api'
import { BASE } from '../../support/provider-client'
import { TEST_TOKEN } from '../../support/provider'
import { demoPassword, registration, startGateway, type TestGateway } from '../../support/gateway'

/**
 * One time budget per gateway request (docs/gateway.md, "Time budget"): when the register hangs,
 * the gateway answers 504 within its budget, while the agent app, whose budget is longer, is still
 * waiting, so the agent hears the reason. The register here is our provider behind a proxy started
 * in the test, which stops answering when told to and records what reached it meanwhile.
 */
const GATEWAY_BUDGET_MS = 1_000
const APP_BUDGET_MS = 15_000

describe('a register that hangs', () => {
  let gw: TestGateway
  let proxy: Server
  let app: GatewayApi
  let target = 0
  let hanging = false
  /** While set, every register answer is held back this long (a register that is slow, not down). */
  let delayMs = 0
  const unanswered: string[] = []

  beforeAll(async () => {
    proxy = createServer((req, res) => {
      if (hanging || target === 0) {
        unanswered.push(`${req.method ?? ''} ${new URL(req.url ?? '/', 'http://x').pathname}`)
        req.resume()
        return
      }
      const forward = (): void => {
        const upstream = request(
          { host: '127.0.0.1', port: target, path: req.url, method: req.method, headers: req.headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers)
            answer.pipe(res)
          },
        )
        req.pipe(upstream)
      }
      if (delayMs > 0) {
        setTimeout(forward, delayMs)
      } else {
        forward()
      }
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    const proxyBase = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${BASE}`
    gw = await startGateway({
      mode: 'open-klant',
      config: {
        klantinteracties: {
          mode: 'remote',
          baseUrl: proxyBase,
          token: TEST_TOKEN,
          providerGeneratesNummer: false,
        },
      },
      app: { upstream: { timeoutMs: GATEWAY_BUDGET_MS } },
    })
    target = (gw.provider.app.server.address() as AddressInfo).port
    await gw.app.listen({ host: '127.0.0.1', port: 0 })
    const session: { token?: string } = {}
    app = createGatewayClient({
      baseUrl: `http://127.0.0.1:${(gw.app.server.address() as AddressInfo).port}`,
      token: () => session.token,
      timeoutMs: APP_BUDGET_MS,
    })
    session.token = (await app.login('medewerker1', demoPassword('medewerker1'))).token
  })

  afterAll(async () => {
    proxy.closeAllConnections()
    await new Promise((resolve) => proxy.close(resolve))
    await gw.close()
  })

  it('answers the app 504 within its budget, sends nothing after it, and loses nothing', async () => {
    const input = registration() as unknown as RegisterKlantcontactInput
    // The agent's actor exists and is known to the gateway: as after the first registration.
    await app.registerKlantcontact(input, randomUUID())

    hanging = true
    const key = randomUUID()
    const failure: unknown = await app.registerKlantcontact(input, key).then(
      () => 'saved',
      (error: unknown) => error,
    )
    hanging = false

    // A gateway answer (the app's kind `failed`), not the app giving up (`unreachable`).
    expect(failure).toBeInstanceOf(GatewayError)
    expect(failure).toMatchObject({ kind: 'failed', status: 504 })
    expect((failure as GatewayError).problem?.code).toBe('register_timeout')
    // Its budget spent on the write, the gateway did not start a lookup the app could not await.
    expect(unanswered).toEqual([`POST ${BASE}/maak-klantcontact`])

    // The outbox's retry with the same key settles it: exactly one klantcontact.
    const saved = await app.registerKlantcontact(input, key)
    const again = await app.registerKlantcontact(input, key)
    expect(again.uuid).toBe(saved.uuid)
  })

  it('gives every route one budget for all its register calls, not a fresh one per call', async () => {
    const saved = await app.registerKlantcontact(
      registration() as unknown as RegisterKlantcontactInput,
      randomUUID(),
    )

    // Each call alone fits the budget; an answer reads the klantcontact and then writes it, and
    // the two together do not.
    delayMs = GATEWAY_BUDGET_MS * 0.6
    const failure: unknown = await app.answer(saved.uuid, 'Ja, dat mag.').then(
      () => 'answered',
      (error: unknown) => error,
    )
    delayMs = 0

    expect(failure).toBeInstanceOf(GatewayError)
    expect(failure).toMatchObject({ kind: 'failed', status: 504 })
  })
})
