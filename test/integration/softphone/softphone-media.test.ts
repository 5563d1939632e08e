import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createLogger } from '../../../renderer/src/log'
import { ElementAudioOutput, type AudioElementLike } from '../../../renderer/src/softphone/media/audio-output'
import { ElementRingtone, type RingtoneElementLike } from '../../../renderer/src/softphone/media/ringtone'
import { Softphone } from '../../../renderer/src/softphone/softphone'
import { SIP_DOMAIN, sipFixture, startEmbedded, type RunningSipServer } from '../../support/sip-servers'
import {
  FakeAudioElement,
  FakeMediaDevices,
  fakeWebMediaFactory,
  type FakeWebMedia,
} from '../../unit/softphone/fakes'
import { callIdOf, until, wireTap, type WireTap } from './harness'

// The softphone's audio around real sip.js signalling against the embedded SIP server: each phone
// gets a session description handler shaped like sip.js' Web one (test/unit/softphone/fakes.ts),
// fake <audio> elements for the call audio and the ringtone, and fake media devices.
const quiet = createLogger('test', () => undefined)
const fixture = sipFixture(['agent1', 'agent2'], {})
const mic = (id: string): MediaStreamConstraints => ({ audio: { deviceId: { exact: id } }, video: false })

interface TestPhone {
  phone: Softphone
  /** The session description handlers of its calls, in order. */
  media: FakeWebMedia[]
  speaker: FakeAudioElement
  ring: FakeAudioElement
  mediaDevices: FakeMediaDevices
}

describe('Softphone audio, devices and Call-ID against the embedded SIP server', () => {
  let server: RunningSipServer | undefined
  const phones: Softphone[] = []
  const taps: WireTap[] = []

  beforeAll(async () => {
    ;(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket
    server = await startEmbedded(fixture)
  })
  afterEach(async () => {
    await Promise.all(phones.splice(0).map((p) => p.stop()))
    await Promise.all(taps.splice(0).map((t) => t.close()))
  })
  afterAll(async () => {
    await server?.close()
  })

  const testPhone = async (extension: string, url = server!.url): Promise<TestPhone> => {
    const { factory, made } = fakeWebMediaFactory()
    const speaker = new FakeAudioElement()
    const ring = new FakeAudioElement()
    const mediaDevices = new FakeMediaDevices()
    const phone = new Softphone({
      websocketUrl: url,
      domain: SIP_DOMAIN,
      extension,
      authorizationUsername: fixture.credentials[extension]!.authUser,
      password: fixture.credentials[extension]!.password,
      sessionDescriptionHandlerFactory: factory,
      logger: quiet,
      reinviteRetry: { attempts: 3, delayMs: () => 50 },
      audioOutput: new ElementAudioOutput(speaker as unknown as AudioElementLike, quiet),
      ringtone: new ElementRingtone(ring as unknown as RingtoneElementLike, quiet, 'ring.wav'),
      mediaDevices,
    })
    phones.push(phone)
    await phone.start()
    await until(phone, (s) => s.registration === 'registered')
    return { phone, media: made, speaker, ring, mediaDevices }
  }

  const connected = async (a: TestPhone, b: TestPhone): Promise<void> => {
    await a.phone.call('agent2')
    await until(b.phone, (s) => s.call?.state === 'ringing')
    await b.phone.answer()
    await Promise.all([
      until(a.phone, (s) => s.call?.state === 'active'),
      until(b.phone, (s) => s.call?.state === 'active'),
    ])
  }

  it('rings for an incoming call until it is answered, and never for a call the agent dials', async () => {
    const a = await testPhone('agent1')
    const b = await testPhone('agent2')

    await a.phone.call('agent2')
    await until(b.phone, (s) => s.call?.state === 'ringing')
    expect(b.ring.playing).toBe(true)
    expect(a.ring.plays).toBe(0)

    await b.phone.answer()
    expect(b.ring.playing).toBe(false)
    await a.phone.hangup()
  })

  it('stops ringing when the caller gives up', async () => {
    const a = await testPhone('agent1')
    const b = await testPhone('agent2')
    await a.phone.call('agent2')
    await until(b.phone, (s) => s.call?.state === 'ringing')
    expect(b.ring.playing).toBe(true)

    await a.phone.hangup()
    await until(b.phone, (s) => s.call?.state === 'ended')

    expect(b.ring.playing).toBe(false)
  })

  it('plays the other party once the call is up, again after a re-INVITE, and stops at the end', async () => {
    const a = await testPhone('agent1')
    const b = await testPhone('agent2')

    await connected(a, b)
    expect(a.speaker.srcObject).toBe(a.media[0]!.remoteMediaStream)
    expect(b.speaker.srcObject).toBe(b.media[0]!.remoteMediaStream)
    expect(a.speaker.playing && b.speaker.playing).toBe(true)

    // The hold re-INVITE renegotiates media: the new remote track arrives through ontrack.
    const before = b.speaker.plays
    await a.phone.hold()
    expect(b.speaker.plays).toBeGreaterThan(before)
    expect(b.speaker.srcObject).toBe(b.media[0]!.remoteMediaStream)

    await a.phone.hangup()
    await until(b.phone, (s) => s.call?.state === 'ended')
    expect(a.speaker.srcObject).toBeNull()
    expect(b.speaker.srcObject).toBeNull()
  })

  it('uses the chosen microphone for the next call and swaps it during the call', async () => {
    const a = await testPhone('agent1')
    const b = await testPhone('agent2')
    await a.phone.setDevices({ microphoneId: 'mic-a' })
    await b.phone.setDevices({ microphoneId: 'mic-b' })

    await connected(a, b)
    expect(a.media[0]!.constraintsSeen[0]).toEqual(mic('mic-a'))
    expect(b.media[0]!.constraintsSeen).toContainEqual(mic('mic-b'))
    const first = a.media[0]!.sender!.track!
    expect(first.id).toBe('mic-a')

    a.phone.mute(true)
    await a.phone.setDevices({ microphoneId: 'mic-a2' })

    expect(a.mediaDevices.opened).toEqual([mic('mic-a2')])
    expect(a.media[0]!.sender!.track).toMatchObject({ id: 'mic-a2', enabled: false })
    expect(first.stopped).toBe(true)
    expect(a.phone.getSnapshot().devices).toEqual({ microphoneId: 'mic-a2' })

    a.phone.mute(false)
    expect(a.media[0]!.sender!.track!.enabled).toBe(true)
    await a.phone.hangup()
  })

  it('publishes the Call-ID the SIP server saw, the same at both ends', async () => {
    const tap = await wireTap(server!.url)
    taps.push(tap)
    const a = await testPhone('agent1', tap.url)
    const b = await testPhone('agent2')

    await a.phone.call('agent2')
    const ringing = await until(b.phone, (s) => s.call?.state === 'ringing')

    const onTheWire = callIdOf(tap.sent, 'INVITE')
    expect(onTheWire).toBeTruthy()
    expect(a.phone.getSnapshot().call?.sipCallId).toBe(onTheWire)
    expect(ringing.call?.sipCallId).toBe(onTheWire)

    await b.phone.decline()
    await until(a.phone, (s) => s.call?.state === 'ended')
  })
})
