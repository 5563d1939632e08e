import { describe, expect, it } from 'vitest'
import { createLogger } from '../../../renderer/src/log'
import { ElementAudioOutput, type AudioElementLike } from '../../../renderer/src/softphone/media/audio-output'
import { ElementRingtone, type RingtoneElementLike } from '../../../renderer/src/softphone/media/ringtone'
import { Softphone } from '../../../renderer/src/softphone/softphone'
import { FakeAudioElement, FakeMediaDevices } from './fakes'

// The device choice of a Softphone that never connects: no SIP server needed for what happens
// before and between calls (test/integration/softphone covers it during a call).
const quiet = createLogger('test', () => undefined)

const softphone = () => {
  const speaker = new FakeAudioElement()
  const ring = new FakeAudioElement()
  const mediaDevices = new FakeMediaDevices([
    { kind: 'audioinput', deviceId: 'mic-1', label: 'Headset' },
    { kind: 'audiooutput', deviceId: 'spk-1', label: 'Headset' },
  ])
  const phone = new Softphone({
    websocketUrl: 'ws://127.0.0.1:9/',
    domain: 'kcc.test',
    extension: 'agent1',
    password: 'secret',
    logger: quiet,
    audioOutput: new ElementAudioOutput(speaker as unknown as AudioElementLike, quiet),
    ringtone: new ElementRingtone(ring as unknown as RingtoneElementLike, quiet, 'ring.wav'),
    mediaDevices,
  })
  return { phone, speaker, ring, mediaDevices }
}

describe('Softphone device choice', () => {
  it('starts on the system default devices', () => {
    expect(softphone().phone.getSnapshot().devices).toEqual({})
  })

  it('lists the devices of the platform', async () => {
    expect(await softphone().phone.listDevices()).toEqual({
      microphones: [{ id: 'mic-1', label: 'Headset' }],
      speakers: [{ id: 'spk-1', label: 'Headset' }],
    })
  })

  it('plays call audio and the ringtone on the chosen speaker and shows the choice', async () => {
    const { phone, speaker, ring } = softphone()

    await phone.setDevices({ speakerId: 'spk-1' })

    expect(speaker.sinkId).toBe('spk-1')
    expect(ring.sinkId).toBe('spk-1')
    expect(phone.getSnapshot().devices).toEqual({ speakerId: 'spk-1' })
  })

  it('keeps a choice the call leaves out and goes back to the default for one set to undefined', async () => {
    const { phone, speaker } = softphone()
    await phone.setDevices({ speakerId: 'spk-1', microphoneId: 'mic-1' })

    await phone.setDevices({ microphoneId: undefined })
    expect(phone.getSnapshot().devices).toEqual({ speakerId: 'spk-1' })

    await phone.setDevices({ speakerId: undefined })
    expect(phone.getSnapshot().devices).toEqual({})
    expect(speaker.sinkId).toBe('')
  })

  it('opens no microphone when chosen between calls: the next call opens it', async () => {
    const { phone, mediaDevices } = softphone()

    await phone.setDevices({ microphoneId: 'mic-1' })

    expect(mediaDevices.opened).toEqual([])
    expect(phone.getSnapshot().devices).toEqual({ microphoneId: 'mic-1' })
  })

  it('rejects a speaker that cannot be used, keeps the old choice, and takes the next one', async () => {
    const { phone, speaker } = softphone()
    await phone.setDevices({ speakerId: 'spk-1' })
    speaker.setSinkId = () => Promise.reject(new Error('NotFoundError'))

    await expect(phone.setDevices({ speakerId: 'gone' })).rejects.toThrow('NotFoundError')
    expect(phone.getSnapshot().devices).toEqual({ speakerId: 'spk-1' })

    await phone.setDevices({ microphoneId: 'mic-1' })
    expect(phone.getSnapshot().devices).toEqual({ speakerId: 'spk-1', microphoneId: 'mic-1' })
  })

  it('publishes a change to subscribers, and nothing when the choice stays the same', async () => {
    const { phone } = softphone()
    const seen: unknown[] = []
    phone.subscribe((s) => seen.push(s.devices))

    await phone.setDevices({ speakerId: 'spk-1' })
    await phone.setDevices({ speakerId: 'spk-1' })

    expect(seen).toEqual([{ speakerId: 'spk-1' }])
  })
})
