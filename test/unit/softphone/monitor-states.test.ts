import { describe, expect, it } from 'vitest'
import {
  transitionMonitor,
  type MonitorCallEvent,
  type MonitorCallState,
} from '../../../renderer/src/softphone/monitor/monitor-states'

describe('transitionMonitor', () => {
  it('takes a connecting monitor call to active once it is established', () => {
    expect(transitionMonitor('connecting', 'established')).toEqual({ ok: true, state: 'active' })
  })

  it('ends a monitor call that never got established', () => {
    expect(transitionMonitor('connecting', 'end')).toEqual({ ok: true, state: 'ended' })
  })

  it('ends an active monitor call', () => {
    expect(transitionMonitor('active', 'end')).toEqual({ ok: true, state: 'ended' })
  })

  it.each<[MonitorCallState, MonitorCallEvent]>([
    ['active', 'established'],
    ['ended', 'established'],
    ['ended', 'end'],
  ])('refuses %s on %s and keeps the state, saying why', (state, event) => {
    expect(transitionMonitor(state, event)).toEqual({
      ok: false,
      state,
      reason: `monitor call: ${event} in ${state}`,
    })
  })
})
