import type { Page } from '@playwright/test'
import WebSocket from 'ws'
import type { SoftphoneAccountView } from '../../shared/gateway/api'
import { SipTestClient } from '../support/sip-client'
import { expectNoAxeViolations } from './support/axe'
import { expect, SIP_BACKENDS, test } from './support/kcc-rig'
import { audioFlow, expectAudioBothWays, trackPeerConnections } from './support/webrtc-stats'

/**
 * The browser-test rig itself (test/e2e/support/kcc-rig.ts), on both SIP servers: what every
 * scenario spec relies on before it drives the agent app.
 */
/** Opens a WebSocket as a SIP-over-WebSocket client does (RFC 7118) and answers the subprotocol agreed. */
async function sipSubprotocol(url: string, origin: string): Promise<string> {
  const socket = new WebSocket(url, 'sip', { origin })
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
    })
    return socket.protocol
  } finally {
    socket.close()
  }
}

for (const backend of SIP_BACKENDS) {
  test.describe(`a contact centre with the ${backend} SIP server`, () => {
    test.use({ sipBackend: backend })

    test('hands an agent a SIP WebSocket it can register on, and serves the app without axe violations', async ({
      rig,
      page,
    }) => {
      expect(rig.sipBackend).toBe(backend)
      const session = await rig.login('medewerker1')
      const softphone = await session.get<SoftphoneAccountView>('/api/softphone')
      expect(softphone.websocketUrl).toBe(rig.sipUrl)
      if (backend === 'embedded') {
        expect(softphone.websocketUrl).toBe(`${rig.url.replace('http', 'ws')}/sip`)
      }

      expect(await sipSubprotocol(softphone.websocketUrl, rig.url)).toBe('sip')
      const client = await SipTestClient.connect({
        url: softphone.websocketUrl,
        domain: softphone.domain,
        user: softphone.extension,
        // The gateway's ephemeral credentials for this session (docs/telephony.md).
        authUser: softphone.authorizationUsername,
        password: softphone.password,
      })
      try {
        expect((await client.register()).status).toBe(200)
      } finally {
        await client.close()
      }

      await page.goto(rig.url)
      await expect(page.getByRole('heading', { level: 1, name: 'KCC Werkplek' })).toBeVisible()
      await expectNoAxeViolations(page)
      // The page may open it too, under the app's own CSP: what the softphone in the app will do.
      const fromPage = await page.evaluate(
        (url) =>
          new Promise<string>((resolve, reject) => {
            const socket = new WebSocket(url, 'sip')
            socket.addEventListener('open', () => {
              resolve(socket.protocol)
              socket.close()
            })
            socket.addEventListener('error', () => reject(new Error(`the page could not open ${url}`)))
          }),
        softphone.websocketUrl,
      )
      expect(fromPage).toBe('sip')
    })

    test('brings the gateway back on the same port with the sessions and klantcontacten it had', async ({
      rig,
    }) => {
      const session = await rig.login('medewerker1')
      const created = await fetch(`${rig.url}/api/klantcontacten`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${session.token}`,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
        },
        body: JSON.stringify({ kanaal: 'Telefoon', onderwerp: 'Voorwaarden dakkapel', taal: 'nld' }),
      })
      expect(created.status).toBe(201)
      const { nummer } = (await created.json()) as { nummer: string }

      await rig.stopGateway()
      expect(rig.running).toBe(false)
      await expect(fetch(`${rig.url}/api/me`)).rejects.toThrow()

      await rig.startGateway()
      expect(rig.running).toBe(true)
      await expect(session.get<{ login: string }>('/api/me')).resolves.toMatchObject({
        login: 'medewerker1',
      })
      const [klantcontact] = await rig.providerApi.klantcontactenByNummer(nummer)
      expect(klantcontact?.onderwerp).toBe('Voorwaarden dakkapel')
      expect(klantcontact?._expand?.['hadBetrokkenen']).toEqual(expect.any(Array))
      const links = await rig.providerApi.actorKlantcontacten(klantcontact!.uuid)
      expect(links).toHaveLength(1)
    })
  })
}

/** One end of a plain loopback call with the fake microphone: answers `remote` if given, else offers. */
function callEnd(page: Page, remote: RTCSessionDescriptionInit | null): Promise<RTCSessionDescriptionInit> {
  return page.evaluate(async (remote) => {
    const connection = new RTCPeerConnection()
    Object.assign(window, { testConnection: connection })
    const microphone = await navigator.mediaDevices.getUserMedia({ audio: true })
    microphone.getTracks().forEach((track) => connection.addTrack(track, microphone))
    if (remote) {
      await connection.setRemoteDescription(remote)
    }
    await connection.setLocalDescription(
      await (remote ? connection.createAnswer() : connection.createOffer()),
    )
    // No trickle ICE: the description handed over carries every (loopback) candidate.
    await new Promise<void>((resolve) => {
      const gathered = (): void => {
        if (connection.iceGatheringState === 'complete') {
          resolve()
        }
      }
      connection.addEventListener('icegatheringstatechange', gathered)
      gathered()
    })
    return connection.localDescription!.toJSON() as RTCSessionDescriptionInit
  }, remote)
}

test('measures the audio two pages send each other over WebRTC', async ({ rig, page, browser }) => {
  const other = await browser.newContext()
  try {
    const [caller, callee] = [page, await other.newPage()]
    for (const each of [caller, callee]) {
      await trackPeerConnections(each)
      await each.goto(rig.url)
    }
    // Signalled through the test instead of SIP: this checks the instrumentation, not the softphone.
    const answer = await callEnd(callee, await callEnd(caller, null))
    await caller.evaluate(async (remote) => {
      const { testConnection } = window as unknown as { testConnection: RTCPeerConnection }
      await testConnection.setRemoteDescription(remote)
    }, answer)

    await expectAudioBothWays(caller, callee)
    expect((await audioFlow(callee)).packetsReceived).toBeGreaterThan(0)
    // The instrumentation is invisible to the product: instances are still RTCPeerConnections.
    expect(
      await caller.evaluate(
        () => (window as unknown as { testConnection: unknown }).testConnection instanceof RTCPeerConnection,
      ),
    ).toBe(true)
  } finally {
    await other.close()
  }
})
