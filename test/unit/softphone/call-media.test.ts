import { describe, expect, it, vi } from 'vitest'
import type { SessionDescriptionHandler } from 'sip.js'
import type { AudioOutput } from '../../../renderer/src/softphone/media/audio-output'
import { playRemoteAudio, swapMicrophone, webMedia } from '../../../renderer/src/softphone/media/call-media'
import { FakeMediaDevices, FakeSender, FakeTrack, FakeWebMedia } from './fakes'

const recordingOutput = () => {
  const played: MediaStream[] = []
  const output: AudioOutput = {
    play: (stream) => played.push(stream),
    stop: () => undefined,
    setSinkId: async () => undefined,
  }
  return { output, played }
}

/** A call whose microphone `mic-0` is being sent. */
const liveCall = () => {
  const media = new FakeWebMedia()
  const track = new FakeTrack('mic-0')
  media.sender = new FakeSender(track)
  media.localStream.addTrack(track)
  return { media, track }
}

const mic = (id: string): MediaStreamConstraints => ({ audio: { deviceId: { exact: id } }, video: false })

describe('webMedia', () => {
  it("finds sip.js' Web handler members", () => {
    const media = new FakeWebMedia()
    expect(webMedia(media)).toBe(media)
  })

  it('finds nothing on a handler without WebRTC, or before there is one', () => {
    const plain: SessionDescriptionHandler = {
      close: () => undefined,
      getDescription: async () => ({ body: '', contentType: 'application/sdp' }),
      hasDescription: () => true,
      setDescription: async () => undefined,
      sendDtmf: () => true,
    }
    expect(webMedia(plain)).toBeUndefined()
    expect(webMedia(undefined)).toBeUndefined()
  })
})

describe('playRemoteAudio', () => {
  it('plays the remote stream at once', () => {
    const media = new FakeWebMedia()
    const { output, played } = recordingOutput()

    playRemoteAudio(media, output)

    expect(played).toEqual([media.remoteMediaStream])
  })

  it('hands the stream over again when a new remote track arrives (ontrack)', async () => {
    const media = new FakeWebMedia()
    const { output, played } = recordingOutput()
    playRemoteAudio(media, output)

    await media.setDescription('re-INVITE answer')

    expect(played).toHaveLength(2)
    expect(media.remoteStream.getTracks().map((t) => t.id)).toEqual(['remote-1'])
  })

  it('leaves a new track of a call the agent is not listening to off the output', async () => {
    const media = new FakeWebMedia()
    const { output, played } = recordingOutput()
    let audible = true
    playRemoteAudio(media, output, () => audible)

    audible = false
    await media.setDescription('hold re-INVITE answer while consulting')

    expect(played).toHaveLength(1)
  })

  it('keeps a peer connection delegate that was already there', async () => {
    const media = new FakeWebMedia()
    const ontrack = vi.fn()
    const onicecandidate = vi.fn()
    media.peerConnectionDelegate = { ontrack, onicecandidate }

    playRemoteAudio(media, recordingOutput().output)
    await media.setDescription('answer')

    expect(ontrack).toHaveBeenCalledTimes(1)
    expect(media.peerConnectionDelegate.onicecandidate).toBe(onicecandidate)
  })
})

describe('swapMicrophone', () => {
  it('sends the new microphone, stops the old one and keeps the local stream in step', async () => {
    const { media, track: old } = liveCall()
    const devices = new FakeMediaDevices()

    await swapMicrophone(media, devices.getUserMedia, mic('mic-2'), true)

    expect(devices.opened).toEqual([mic('mic-2')])
    expect(media.sender?.track?.id).toBe('mic-2')
    expect(old.stopped).toBe(true)
    expect(media.localStream.getTracks().map((t) => t.id)).toEqual(['mic-2'])
  })

  it('keeps a muted or held call silent on the new microphone', async () => {
    const { media } = liveCall()

    await swapMicrophone(media, new FakeMediaDevices().getUserMedia, mic('mic-2'), false)

    expect(media.sender?.track?.enabled).toBe(false)
  })

  it('opens nothing while no microphone is being sent yet', async () => {
    const media = new FakeWebMedia()
    const devices = new FakeMediaDevices()

    await swapMicrophone(media, devices.getUserMedia, mic('mic-2'), true)

    expect(devices.opened).toEqual([])
  })

  it('closes the new microphone again when the call ended while it opened', async () => {
    const { media, track: old } = liveCall()
    const opened = new FakeTrack('mic-2')
    const getUserMedia = async () => {
      media.close()
      return { getAudioTracks: () => [opened], getVideoTracks: () => [] } as unknown as MediaStream
    }

    await swapMicrophone(media, getUserMedia, mic('mic-2'), true)

    expect(opened.stopped).toBe(true)
    expect(old.stopped).toBe(false)
  })

  it('keeps the old microphone and closes the new one when the sender refuses it', async () => {
    const { media, track: old } = liveCall()
    media.sender!.replaceError = new Error('InvalidModificationError')
    let opened: FakeTrack | undefined
    const devices = new FakeMediaDevices()
    const getUserMedia = async (constraints: MediaStreamConstraints) => {
      const stream = await devices.getUserMedia(constraints)
      opened = stream.getAudioTracks()[0] as unknown as FakeTrack
      return stream
    }

    await expect(swapMicrophone(media, getUserMedia, mic('mic-2'), true)).rejects.toThrow(
      'InvalidModification',
    )

    expect(media.sender?.track).toBe(old)
    expect(old.stopped).toBe(false)
    expect(opened?.stopped).toBe(true)
  })

  it('fails when the device cannot be opened, leaving the call as it was', async () => {
    const { media, track: old } = liveCall()
    const getUserMedia = () => Promise.reject(new Error('OverconstrainedError'))

    await expect(swapMicrophone(media, getUserMedia, mic('gone'), true)).rejects.toThrow('Overconstrained')

    expect(media.sender?.track).toBe(old)
  })
})
