import { describe, expect, it } from 'vitest'
import { ElementAudioOutput, type AudioElementLike } from '../../../renderer/src/softphone/media/audio-output'
import { FakeAudioElement, FakeStream, recordingLogger } from './fakes'

const output = (element = new FakeAudioElement()) => {
  const { log, entries } = recordingLogger()
  return { element, entries, output: new ElementAudioOutput(element as unknown as AudioElementLike, log) }
}

describe('ElementAudioOutput', () => {
  it('autoplays and plays the stream it is given', () => {
    const { element, output: out } = output()
    const stream = new FakeStream().asMediaStream
    expect(element.autoplay).toBe(true)

    out.play(stream)

    expect(element.srcObject).toBe(stream)
    expect(element.playing).toBe(true)
  })

  it('assigns the same stream again, so the element reloads a track sip.js swapped in', () => {
    const { element, output: out } = output()
    const stream = new FakeStream().asMediaStream
    const assigned: unknown[] = []
    let current: unknown = null
    Object.defineProperty(element, 'srcObject', {
      get: () => current,
      set: (value: unknown) => {
        assigned.push(value)
        current = value
      },
    })

    out.play(stream)
    out.play(stream)

    expect(assigned).toEqual([stream, stream])
    expect(element.plays).toBe(2)
  })

  it('stops and lets go of the stream when the call ends', () => {
    const { element, output: out } = output()
    out.play(new FakeStream().asMediaStream)

    out.stop()

    expect(element.playing).toBe(false)
    expect(element.srcObject).toBeNull()
  })

  it('logs a refused play() at warn instead of throwing', async () => {
    const { element, entries, output: out } = output()
    element.playResult = () =>
      Promise.reject(Object.assign(new Error('autoplay'), { name: 'NotAllowedError' }))

    expect(() => out.play(new FakeStream().asMediaStream)).not.toThrow()
    await Promise.resolve()

    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'call audio: play() refused' }),
    )
  })

  it('routes to the chosen speaker, and to the default one as the empty sink id', async () => {
    const { element, output: out } = output()

    await out.setSinkId('speaker-2')
    expect(element.sinkId).toBe('speaker-2')

    await out.setSinkId(undefined)
    expect(element.sinkId).toBe('')
  })

  it('says so, without failing, where the browser cannot choose a speaker', async () => {
    const element = Object.assign(new FakeAudioElement(), { setSinkId: undefined })
    const { entries, output: out } = output(element)

    await expect(out.setSinkId('speaker-2')).resolves.toBeUndefined()

    expect(entries).toContainEqual(expect.objectContaining({ level: 'info' }))
  })

  it('rejects when the chosen speaker cannot be used', async () => {
    const element = new FakeAudioElement()
    element.setSinkId = () => Promise.reject(new Error('NotFoundError'))
    const { output: out } = output(element)

    await expect(out.setSinkId('gone')).rejects.toThrow('NotFoundError')
  })
})
