import { describe, expect, it } from 'vitest'
import {
  ElementRingtone,
  shouldRing,
  type RingtoneElementLike,
} from '../../../renderer/src/softphone/media/ringtone'
import type { CallState } from '../../../renderer/src/softphone/states'
import type { CallDirection, CallSnapshot, SoftphoneSnapshot } from '../../../renderer/src/softphone/types'
import { FakeAudioElement, recordingLogger } from './fakes'

const call = (state: CallState, direction: CallDirection = 'inbound'): CallSnapshot => ({
  id: 'c1',
  sipCallId: 'abc@host',
  state,
  direction,
  remoteNumber: '0612345678',
  muted: false,
  held: false,
})
const snapshot = (c: CallSnapshot | null): SoftphoneSnapshot => ({
  registration: 'registered',
  monitor: null,
  call: c,
  consult: null,
  transfer: null,
  devices: {},
})

const ringtone = (element = new FakeAudioElement()) => {
  const { log, entries } = recordingLogger()
  return {
    element,
    entries,
    ringtone: new ElementRingtone(element as unknown as RingtoneElementLike, log, 'ring.wav'),
  }
}

describe('shouldRing', () => {
  it('rings for an inbound call that is ringing', () => {
    expect(shouldRing(call('ringing'))).toBe(true)
  })

  it('does not ring for an outbound call', () => {
    expect(shouldRing(call('ringing', 'outbound'))).toBe(false)
    expect(shouldRing(call('connecting', 'outbound'))).toBe(false)
  })

  it.each<CallState>(['idle', 'connecting', 'active', 'on_hold', 'ended'])(
    'is silent when the call is %s',
    (state) => {
      expect(shouldRing(call(state))).toBe(false)
    },
  )

  it('is silent without a call', () => {
    expect(shouldRing(null)).toBe(false)
  })
})

describe('ElementRingtone', () => {
  it('loops the ringtone file', () => {
    const { element } = ringtone()
    expect(element.src).toBe('ring.wav')
    expect(element.loop).toBe(true)
  })

  it('rings while an inbound call rings and stops once it is answered', () => {
    const { element, ringtone: ring } = ringtone()

    ring.follow(snapshot(call('ringing')))
    expect(element.playing).toBe(true)

    ring.follow(snapshot(call('connecting')))
    expect(element.playing).toBe(false)
  })

  it.each<CallState>(['ended', 'active', 'idle'])('stops when the call becomes %s', (state) => {
    const { element, ringtone: ring } = ringtone()
    ring.follow(snapshot(call('ringing')))

    ring.follow(snapshot(call(state)))

    expect(element.playing).toBe(false)
  })

  it('starts each call at the top of the cadence and plays once per ringing call', () => {
    const { element, ringtone: ring } = ringtone()
    ring.follow(snapshot(call('ringing')))
    ring.follow({ ...snapshot(call('ringing')), registration: 'reconnecting' })
    expect(element.plays).toBe(1)

    element.currentTime = 1.3
    ring.follow(snapshot(null))
    ring.follow(snapshot(call('ringing')))

    expect(element.plays).toBe(2)
    expect(element.currentTime).toBe(0)
  })

  it('never rings for a call the agent dials', () => {
    const { element, ringtone: ring } = ringtone()
    ring.follow(snapshot(call('connecting', 'outbound')))
    expect(element.plays).toBe(0)
  })

  it('logs a play() refused by the autoplay policy at warn and does not throw', async () => {
    const { element, entries, ringtone: ring } = ringtone()
    element.playResult = () =>
      Promise.reject(Object.assign(new Error('no gesture'), { name: 'NotAllowedError' }))

    expect(() => ring.follow(snapshot(call('ringing')))).not.toThrow()
    await Promise.resolve()

    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'ringtone: play() refused' }),
    )
  })

  it('does not warn when answering overtakes a play() that was still starting', async () => {
    const { element, entries, ringtone: ring } = ringtone()
    element.playResult = () => Promise.reject(Object.assign(new Error('interrupted'), { name: 'AbortError' }))

    ring.follow(snapshot(call('ringing')))
    ring.follow(snapshot(call('connecting')))
    await Promise.resolve()

    expect(entries.filter((e) => e.level === 'warn')).toEqual([])
  })

  it('rings on the chosen speaker', async () => {
    const { element, ringtone: ring } = ringtone()
    await ring.setSinkId('headset')
    expect(element.sinkId).toBe('headset')
  })
})
