import { describe, expect, it } from 'vitest'
import { reconnectDelay } from '../../../renderer/src/softphone/backoff'
import {
  transitionCall,
  transitionRegistration,
  type CallEvent,
  type CallState,
  type RegistrationEvent,
  type RegistrationState,
} from '../../../renderer/src/softphone/states'

const callTo = (state: CallState, event: CallEvent) => transitionCall(state, event)
const regTo = (state: RegistrationState, event: RegistrationEvent) => transitionRegistration(state, event)

describe('transitionCall', () => {
  it('takes an inbound call from ringing through connecting to active', () => {
    expect(callTo('idle', 'incoming')).toEqual({ ok: true, state: 'ringing' })
    expect(callTo('ringing', 'answer')).toEqual({ ok: true, state: 'connecting' })
    expect(callTo('connecting', 'established')).toEqual({ ok: true, state: 'active' })
  })

  it('takes a dialled call from connecting to active', () => {
    expect(callTo('idle', 'dial')).toEqual({ ok: true, state: 'connecting' })
    expect(callTo('connecting', 'established')).toEqual({ ok: true, state: 'active' })
  })

  it('takes a call that replaces ours (RFC 3891) to connecting without ringing', () => {
    expect(callTo('idle', 'replace')).toEqual({ ok: true, state: 'connecting' })
    expect(callTo('ended', 'replace')).toEqual({ ok: true, state: 'connecting' })
    expect(callTo('active', 'replace').ok).toBe(false)
  })

  it('holds an active call and resumes it', () => {
    expect(callTo('active', 'held')).toEqual({ ok: true, state: 'on_hold' })
    expect(callTo('on_hold', 'resumed')).toEqual({ ok: true, state: 'active' })
  })

  it.each<CallState>(['ringing', 'connecting', 'active', 'on_hold'])('ends a call that is %s', (state) => {
    expect(callTo(state, 'end')).toEqual({ ok: true, state: 'ended' })
  })

  it('starts the next call after one ended', () => {
    expect(callTo('ended', 'incoming').state).toBe('ringing')
    expect(callTo('ended', 'dial').state).toBe('connecting')
  })

  it.each<[CallState, CallEvent]>([
    ['idle', 'answer'],
    ['idle', 'end'],
    ['ended', 'end'],
    ['ringing', 'held'],
    ['ringing', 'established'],
    ['active', 'incoming'],
    ['active', 'answer'],
    ['active', 'resumed'],
    ['on_hold', 'held'],
    ['on_hold', 'dial'],
    ['connecting', 'answer'],
  ])('refuses %s → %s and keeps the state', (state, event) => {
    const result = callTo(state, event)
    expect(result.ok).toBe(false)
    expect(result.state).toBe(state)
    expect(result).toHaveProperty('reason', `${event} is impossible in ${state}`)
  })
})

describe('transitionRegistration', () => {
  it('registers after start and stays registered on a refresh', () => {
    expect(regTo('unregistered', 'start')).toEqual({ ok: true, state: 'registering' })
    expect(regTo('registering', 'accepted')).toEqual({ ok: true, state: 'registered' })
    expect(regTo('registered', 'accepted')).toEqual({ ok: true, state: 'registered' })
  })

  it('reconnects after a disconnect and registers again', () => {
    expect(regTo('registered', 'disconnected').state).toBe('reconnecting')
    expect(regTo('reconnecting', 'disconnected').state).toBe('reconnecting')
    expect(regTo('reconnecting', 'accepted').state).toBe('registered')
  })

  it('fails on a rejected REGISTER and can be started again', () => {
    expect(regTo('registering', 'rejected').state).toBe('failed')
    expect(regTo('failed', 'start').state).toBe('registering')
  })

  it.each<RegistrationState>(['unregistered', 'registering', 'registered', 'reconnecting', 'failed'])(
    'stops from %s',
    (state) => {
      expect(regTo(state, 'stop')).toEqual({ ok: true, state: 'unregistered' })
    },
  )

  it.each<[RegistrationState, RegistrationEvent]>([
    ['unregistered', 'accepted'],
    ['unregistered', 'disconnected'],
    ['registered', 'start'],
    ['registering', 'start'],
    ['failed', 'accepted'],
    ['failed', 'disconnected'],
  ])('refuses %s → %s', (state, event) => {
    expect(regTo(state, event)).toMatchObject({ ok: false, state })
  })
})

describe('reconnectDelay', () => {
  const fixed = (random: number) => ({ baseMs: 1_000, maxMs: 30_000, random: () => random })

  it('doubles from one second and caps at thirty', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((a) => reconnectDelay(a, fixed(0.999999)))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ])
  })

  it('jitters into the upper half of the step', () => {
    expect(reconnectDelay(2, fixed(0))).toBe(2_000)
    expect(reconnectDelay(2, fixed(0.5))).toBe(3_000)
  })
})
