import { describe, expect, it } from 'vitest'
import type { AgentState, CallEndReason, ClientCallInfo } from '../../../shared/live/protocol'
import type { AgentBridge } from '../../../shared/bridge'
import { memoryStorage } from '../../../renderer/src/klantcontact/persistence'
import { createLogger } from '../../../renderer/src/log'
import type { CallSnapshot, SoftphoneSnapshot } from '../../../renderer/src/softphone/types'
import { createAppStore } from '../../../renderer/src/store'
import { CallCoordinator } from '../../../renderer/src/workspace/call-coordinator'

/** What the coordinator told the live hub (a recording stand-in for LiveConnection; unit test only). */
class RecordingLive {
  states: AgentState[] = []
  started: ClientCallInfo[] = []
  ended: Array<{ callId: string; reason: CallEndReason }> = []
  setState(state: AgentState): void {
    this.states.push(state)
  }
  callStarted(call: ClientCallInfo): void {
    this.started.push(call)
  }
  callEnded(callId: string, reason: CallEndReason): void {
    this.ended.push({ callId, reason })
  }
}

const snapshot = (call: Partial<CallSnapshot> | null): SoftphoneSnapshot => ({
  registration: 'registered',
  devices: {},
  consult: null,
  transfer: null,
  call: call
    ? {
        id: 'call-1',
        sipCallId: 'sip-call-1',
        state: 'ringing',
        direction: 'inbound',
        remoteNumber: '0612345678',
        startedAt: Date.parse('2026-12-04T10:00:00Z'),
        muted: false,
        held: false,
        ...call,
      }
    : null,
})

const setup = (bridge?: AgentBridge) => {
  const store = createAppStore({ storage: memoryStorage() })
  const live = new RecordingLive()
  const coordinator = new CallCoordinator({
    store,
    live,
    logger: createLogger('test', () => undefined),
    ...(bridge ? { bridge } : {}),
  })
  return { store, live, coordinator }
}

describe('the call coordinator', () => {
  it('puts every snapshot in the store and tells the hub the state the call implies', () => {
    const { store, live, coordinator } = setup()
    coordinator.onSnapshot(snapshot({ state: 'ringing' }))
    expect(store.getState().workspace.phone.call?.state).toBe('ringing')
    coordinator.onSnapshot(snapshot({ state: 'active', answeredAt: Date.now() }))
    coordinator.onSnapshot(snapshot({ state: 'on_hold', answeredAt: Date.now() }))
    expect(live.states).toEqual(['ringing', 'in_gesprek', 'on_hold'])
  })

  it('announces a call once, by its SIP Call-ID, and ends it as completed after an answer', () => {
    const { store, live, coordinator } = setup()
    coordinator.onSnapshot(snapshot({ state: 'ringing' }))
    coordinator.onSnapshot(snapshot({ state: 'active', answeredAt: 1 }))
    coordinator.onSnapshot(snapshot({ state: 'ended', answeredAt: 1 }))
    expect(live.started).toEqual([{ callId: 'sip-call-1', direction: 'inbound', callerNumber: '0612345678' }])
    expect(live.ended).toEqual([{ callId: 'sip-call-1', reason: 'completed' }])
    expect(store.getState().workspace.availability).toBe('nawerk')
    expect(live.states.at(-1)).toBe('nawerk')
  })

  it('reports a call that was never answered as abandoned and keeps the agent available', () => {
    const { store, live, coordinator } = setup()
    coordinator.onSnapshot(snapshot({ state: 'ringing' }))
    coordinator.onSnapshot(snapshot({ state: 'ended' }))
    expect(live.ended).toEqual([{ callId: 'sip-call-1', reason: 'abandoned' }])
    expect(store.getState().workspace.availability).toBe('beschikbaar')
  })

  it('asks the desktop shell to bring the window forward for an inbound call only', async () => {
    const notices: unknown[] = []
    const bridge: AgentBridge = {
      app: { getInfo: async () => ({ ok: true, value: { name: 'x', version: '1' } }) },
      calls: {
        notifyIncoming: async (notice) => {
          notices.push(notice)
          return { ok: true, value: null }
        },
      },
    }
    const { coordinator } = setup(bridge)
    coordinator.onSnapshot(snapshot({ id: 'out', direction: 'outbound', state: 'connecting' }))
    coordinator.onSnapshot(snapshot({ id: 'in', state: 'ringing', klantcontactnummer: '26000001' }))
    await Promise.resolve()
    expect(notices).toEqual([{ callerNumber: '0612345678', klantcontactnummer: '26000001' }])
  })

  it('lets the agent choose pauze, and a call in progress still wins', () => {
    const { live, coordinator } = setup()
    coordinator.choose('pauze')
    expect(live.states.at(-1)).toBe('pauze')
    coordinator.onSnapshot(snapshot({ state: 'ringing' }))
    expect(live.states.at(-1)).toBe('ringing')
  })
})
