import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { LogSink } from '../../../renderer/src/log'
import { createLogger } from '../../../renderer/src/log'
import { createRootLogger } from '../../../server/lib/logger'
import { createSipServer } from '../../../server/sip/server'
import { Softphone } from '../../../renderer/src/softphone/softphone'
import { SIP_DOMAIN, sipFixture, startEmbedded, type RunningSipServer } from '../../support/sip-servers'
import { fakeMedia } from '../../support/sip-sipjs'
import { until } from './harness'

// Two Softphones in Node against the embedded SIP server: real sip.js signalling, a fixed SDP
// instead of WebRTC (as test/support/sip-sipjs.ts does), WebSocket from `ws`.
const quiet: LogSink = () => undefined
const fixture = sipFixture(['agent1', 'agent2', 'agent3'], { team: ['agent2', 'agent3'] })

describe('Softphone against the embedded SIP server', () => {
  let server: RunningSipServer | undefined
  const phones: Softphone[] = []

  beforeAll(async () => {
    ;(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket
    server = await startEmbedded(fixture)
  })
  afterEach(async () => {
    await Promise.all(phones.splice(0).map((p) => p.stop()))
  })
  afterAll(async () => {
    await server?.close()
  })

  const phone = async (extension: string, url = server!.url): Promise<Softphone> => {
    const p = new Softphone({
      websocketUrl: url,
      backoff: { baseMs: 20, maxMs: 200 },
      domain: SIP_DOMAIN,
      extension,
      authorizationUsername: fixture.credentials[extension]!.authUser,
      password: fixture.credentials[extension]!.password,
      displayName: extension,
      sessionDescriptionHandlerFactory: fakeMedia,
      logger: createLogger(`softphone:${extension}`, quiet),
      reinviteRetry: { attempts: 3, delayMs: () => 50 },
    })
    phones.push(p)
    await p.start()
    await until(p, (s) => s.registration === 'registered')
    return p
  }

  describe('agent1 calls agent2', () => {
    it('rings, connects, holds, resumes and ends on both sides', async () => {
      const a = await phone('agent1')
      const b = await phone('agent2')

      await a.call('agent2')
      const ringing = await until(b, (s) => s.call?.state === 'ringing')
      expect(ringing.call).toMatchObject({
        direction: 'inbound',
        remoteNumber: 'agent1',
        muted: false,
        held: false,
      })
      expect(ringing.call?.klantcontactnummer).toBeUndefined()
      expect(a.getSnapshot().call).toMatchObject({
        direction: 'outbound',
        remoteNumber: 'agent2',
        state: 'connecting',
      })

      await b.answer()
      const [atA, atB] = await Promise.all([
        until(a, (s) => s.call?.state === 'active'),
        until(b, (s) => s.call?.state === 'active'),
      ])
      expect(atA.call?.answeredAt).toBeTypeOf('number')
      expect(atB.call?.answeredAt).toBeTypeOf('number')

      await a.hold()
      expect(a.getSnapshot().call).toMatchObject({ state: 'on_hold', held: true })
      await a.resume()
      expect(a.getSnapshot().call).toMatchObject({ state: 'active', held: false })

      await a.sendDtmf('5')

      a.mute(true)
      expect(a.getSnapshot().call?.muted).toBe(true)

      await a.hangup()
      await Promise.all([
        until(a, (s) => s.call?.state === 'ended'),
        until(b, (s) => s.call?.state === 'ended'),
      ])
    })

    it('shows the klantcontactnummer a consult INVITE carries', async () => {
      const a = await phone('agent1')
      const b = await phone('agent2')

      await a.call('agent2', { klantcontactnummer: '26000001' })
      const ringing = await until(b, (s) => s.call?.state === 'ringing')
      expect(ringing.call?.klantcontactnummer).toBe('26000001')

      await b.decline()
      await Promise.all([
        until(a, (s) => s.call?.state === 'ended'),
        until(b, (s) => s.call?.state === 'ended'),
      ])
    })
  })

  it("tells a colleague's answered group call from one the caller gave up on", async () => {
    const caller = await phone('agent1')
    const b = await phone('agent2')
    const c = await phone('agent3')

    await caller.call('team')
    await Promise.all([
      until(b, (s) => s.call?.state === 'ringing'),
      until(c, (s) => s.call?.state === 'ringing'),
    ])
    await b.answer()
    const atC = await until(c, (s) => s.call?.state === 'ended')
    expect(atC.call?.answeredElsewhere).toBe(true)
    expect(b.getSnapshot().call?.answeredElsewhere).toBeUndefined()
    await caller.hangup()
    await until(b, (s) => s.call?.state === 'ended')

    await caller.call('team')
    await until(c, (s) => s.call?.state === 'ringing')
    await caller.hangup()
    const gaveUp = await until(c, (s) => s.call?.state === 'ended')
    expect(gaveUp.call?.answeredElsewhere).toBeUndefined()
  })

  it('refuses a DTMF tone that is not 0-9, * or #', async () => {
    const a = await phone('agent1')
    await expect(a.sendDtmf('A')).rejects.toThrow(RangeError)
    await expect(a.sendDtmf('12')).rejects.toThrow(RangeError)
  })

  it('reconnects and registers again after the SIP server went away and came back', async () => {
    const embedded = (port = 0) =>
      createSipServer({
        domain: SIP_DOMAIN,
        port,
        ephemeral: { secret: fixture.secret, isAgent: (user) => user === 'agent1' },
        logger: createRootLogger({ level: 'silent' }),
      })
    const own = await embedded()
    const port = Number(new URL(own.url).port)
    const a = await phone('agent1', own.url)

    const lost = until(a, (s) => s.registration === 'reconnecting')
    await own.close()
    await lost

    const back = await embedded(port)
    try {
      await until(a, (s) => s.registration === 'registered')
      expect(back.registrations().map((r) => r.user)).toContain('agent1')
    } finally {
      await a.stop()
      await back.close()
    }
  })

  it('is unregistered after stop', async () => {
    const a = await phone('agent1')
    await a.stop()
    expect(a.getSnapshot().registration).toBe('unregistered')
  })
})
