import type { AgentState, CallEndReason, ClientCallInfo } from '../../../shared/live/protocol'
import { memoryStorage } from '../../../renderer/src/klantcontact/persistence'
import { createLogger } from '../../../renderer/src/log'
import type { CallSnapshot, SoftphoneSnapshot } from '../../../renderer/src/softphone/types'
import { createAppStore } from '../../../renderer/src/store'
import { CallCoordinator } from '../../../renderer/src/workspace/call-coordinator'

/** What a coordinator told the live hub (a recording stand-in for LiveConnection; unit tests only). */
export class RecordingLive {
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

/** The softphone with one call (an inbound one ringing unless `call` says otherwise), or none. */
export const phoneWith = (call: Partial<CallSnapshot> | null): SoftphoneSnapshot => ({
  registration: 'registered',
  monitor: null,
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

/** A coordinator over a fresh store, telling a recording live hub. */
export function coordinatorSetup() {
  const store = createAppStore({ storage: memoryStorage() })
  const live = new RecordingLive()
  const coordinator = new CallCoordinator({
    store,
    live,
    agentLogin: 'medewerker1',
    logger: createLogger('test', () => undefined),
  })
  return { store, live, coordinator }
}
