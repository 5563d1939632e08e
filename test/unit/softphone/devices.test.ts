import { describe, expect, it } from 'vitest'
import { listDevices, microphoneConstraints } from '../../../renderer/src/softphone/media/devices'
import { FakeMediaDevices } from './fakes'

describe('listDevices', () => {
  it('lists microphones and speakers with their ids and labels, and no cameras', async () => {
    const mediaDevices = new FakeMediaDevices([
      { kind: 'audioinput', deviceId: 'default', label: 'Standaard - Headset' },
      { kind: 'audioinput', deviceId: 'mic-1', label: 'Headset' },
      { kind: 'audiooutput', deviceId: 'spk-1', label: 'Luidsprekers' },
      { kind: 'videoinput', deviceId: 'cam-1', label: 'Camera' },
    ])

    expect(await listDevices(mediaDevices)).toEqual({
      microphones: [
        { id: 'default', label: 'Standaard - Headset' },
        { id: 'mic-1', label: 'Headset' },
      ],
      speakers: [{ id: 'spk-1', label: 'Luidsprekers' }],
    })
  })

  it('keeps devices with an empty label (no permission yet) but drops those without an id', async () => {
    const mediaDevices = new FakeMediaDevices([
      { kind: 'audioinput', deviceId: '', label: '' },
      { kind: 'audioinput', deviceId: 'mic-1', label: '' },
    ])

    expect(await listDevices(mediaDevices)).toEqual({
      microphones: [{ id: 'mic-1', label: '' }],
      speakers: [],
    })
  })

  it('lists nothing where the platform has no media devices', async () => {
    expect(await listDevices(undefined)).toEqual({ microphones: [], speakers: [] })
  })
})

describe('microphoneConstraints', () => {
  it('asks for exactly the chosen microphone and no video', () => {
    expect(microphoneConstraints('mic-1')).toEqual({ audio: { deviceId: { exact: 'mic-1' } }, video: false })
  })

  it('asks for any microphone without a choice', () => {
    expect(microphoneConstraints(undefined)).toEqual({ audio: true, video: false })
  })
})
