import { describe, expect, it } from 'vitest'
import type { Klantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import type { AgentState, CallEndReason, ClientCallInfo } from '../../../shared/live/protocol'
import type { AgentBridge } from '../../../shared/bridge'
import { memoryStorage } from '../../../renderer/src/klantcontact/persistence'
import { createLogger } from '../../../renderer/src/log'
import type { CallSnapshot, SoftphoneSnapshot, TransferSnapshot } from '../../../renderer/src/softphone/types'
import { createAppStore } from '../../../renderer/src/store'
import { CallCoordinator } from '../../../renderer/src/workspace/call-coordinator'
import type { CallEvent } from '../../../renderer/src/workspace/call-events'
import { recordEvents } from './coordinated'

const NUMMER = '26000001' as Klantcontactnummer

/** What the coordinator told the live hub (a recording stand-in for LiveConnection; unit test only). */
class RecordingLive {
  states: AgentState[] = []
  started: ClientCallInfo[] = []
  ended: Array<{ callId: string; reason: CallEndReason }> = []
  /** The handling time told with each ended call, in the same order. */
  handled: Array<number | undefined> = []
  setState(state: AgentState): void {
    this.states.push(state)
  }
  callStarted(call: ClientCallInfo): void {
    this.started.push(call)
  }
  callEnded(callId: string, reason: CallEndReason, handledMs?: number): void {
    this.ended.push({ callId, reason })
    this.handled.push(handledMs)
  }
}

const snapshot = (call: Partial<CallSnapshot> | null): SoftphoneSnapshot => ({
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

const setup = (bridge?: AgentBridge, now?: () => number) => {
  const store = createAppStore({ storage: memoryStorage() })
  const live = new RecordingLive()
  const coordinator = new CallCoordinator({
    store,
    live,
    agentLogin: 'medewerker2',
    logger: createLogger('test', () => undefined),
    ...(bridge ? { bridge } : {}),
    ...(now ? { now } : {}),
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

  it('announces a call once, by its call record id (unique per forked leg), tells the hub when it is answered, and ends it as completed', () => {
    const { store, live, coordinator } = setup()
    coordinator.onSnapshot(snapshot({ state: 'ringing' }))
    coordinator.onSnapshot(snapshot({ state: 'active', answeredAt: 1 }))
    coordinator.onSnapshot(snapshot({ state: 'ended', answeredAt: 1 }))
    const call = { callId: 'call-1', direction: 'inbound', callerNumber: '0612345678' }
    // The hub stamps the answer time with the gateway's clock, never the app's.
    expect(live.started).toEqual([call, { ...call, answered: true }])
    expect(live.ended).toEqual([{ callId: 'call-1', reason: 'completed' }])
    expect(store.getState().workspace.availability).toBe('nawerk')
    expect(live.states.at(-1)).toBe('nawerk')
  })

  it('reports a call that was never answered as abandoned and keeps the agent available', () => {
    const { store, live, coordinator } = setup()
    coordinator.onSnapshot(snapshot({ state: 'ringing' }))
    coordinator.onSnapshot(snapshot({ state: 'ended' }))
    expect(live.ended).toEqual([{ callId: 'call-1', reason: 'abandoned' }])
    expect(store.getState().workspace.availability).toBe('beschikbaar')
  })

  it('reports a ringing call a colleague answered as answered elsewhere, not abandoned', () => {
    const { live, coordinator } = setup()
    coordinator.onSnapshot(snapshot({ state: 'ringing' }))
    coordinator.onSnapshot(snapshot({ state: 'ringing', answeredElsewhere: true }))
    coordinator.onSnapshot(snapshot({ state: 'ended', answeredElsewhere: true }))
    expect(live.ended).toEqual([{ callId: 'call-1', reason: 'answered_elsewhere' }])
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
    coordinator.onSnapshot(snapshot({ id: 'in', state: 'ringing', klantcontactnummer: NUMMER }))
    await Promise.resolve()
    expect(notices).toEqual([{ callerNumber: '0612345678', klantcontactnummer: NUMMER }])
  })

  it('lets the agent choose pauze, and a call in progress still wins', () => {
    const { live, coordinator } = setup()
    coordinator.choose('pauze')
    expect(live.states.at(-1)).toBe('pauze')
    coordinator.onSnapshot(snapshot({ state: 'ringing' }))
    expect(live.states.at(-1)).toBe('ringing')
  })
})

/** A snapshot of the customer's call with a transfer of it (warm and consulting unless `transfer` says otherwise). */
const transferring = (
  call: Partial<CallSnapshot>,
  transfer: Partial<TransferSnapshot>,
): SoftphoneSnapshot => ({
  ...snapshot(call),
  transfer: { kind: 'warm', state: 'consulting', target: 'vergunningen', startedAt: 1, ...transfer },
})

describe('the call coordinator during a transfer', () => {
  it('reports the customer call ended by a completed warm transfer as transferred', () => {
    const { live, coordinator } = setup()
    coordinator.onSnapshot(snapshot({ state: 'ringing' }))
    coordinator.onSnapshot(snapshot({ state: 'active', answeredAt: 1 }))
    coordinator.onSnapshot(transferring({ state: 'on_hold', answeredAt: 1 }, { state: 'consulting' }))
    coordinator.onSnapshot(transferring({ state: 'on_hold', answeredAt: 1 }, { state: 'completing' }))
    coordinator.onSnapshot(transferring({ state: 'on_hold', answeredAt: 1 }, { state: 'completed' }))
    coordinator.onSnapshot(transferring({ state: 'ended', answeredAt: 1 }, { state: 'completed' }))
    expect(live.ended).toEqual([{ callId: 'call-1', reason: 'transferred' }])
  })

  it('reports a call ended by a completed blind transfer as transferred', () => {
    const { live, coordinator } = setup()
    coordinator.onSnapshot(snapshot({ state: 'active', answeredAt: 1 }))
    coordinator.onSnapshot(
      transferring({ state: 'active', answeredAt: 1 }, { kind: 'blind', state: 'completing' }),
    )
    coordinator.onSnapshot(
      transferring({ state: 'ended', answeredAt: 1 }, { kind: 'blind', state: 'completed' }),
    )
    expect(live.ended).toEqual([{ callId: 'call-1', reason: 'transferred' }])
  })

  it.each(['failed', 'cancelled'] as const)(
    'reports a call whose transfer %s as completed when the agent ends it',
    (state) => {
      const { live, coordinator } = setup()
      coordinator.onSnapshot(snapshot({ state: 'active', answeredAt: 1 }))
      coordinator.onSnapshot(transferring({ state: 'active', answeredAt: 1 }, { state }))
      coordinator.onSnapshot(transferring({ state: 'ended', answeredAt: 1 }, { state }))
      expect(live.ended).toEqual([{ callId: 'call-1', reason: 'completed' }])
    },
  )

  it('tells the hub the agent is consulting during a warm transfer, and in gesprek again after it', () => {
    const { live, coordinator } = setup()
    coordinator.onSnapshot(snapshot({ state: 'active', answeredAt: 1 }))
    coordinator.onSnapshot(transferring({ state: 'on_hold', answeredAt: 1 }, { state: 'consulting' }))
    coordinator.onSnapshot(transferring({ state: 'on_hold', answeredAt: 1 }, { state: 'completing' }))
    coordinator.onSnapshot(
      transferring({ state: 'active', answeredAt: 1 }, { state: 'failed', reason: 'busy' }),
    )
    expect(live.states).toEqual(['in_gesprek', 'consulting', 'consulting', 'in_gesprek'])
  })

  it('keeps saying consulting when the agent chooses an availability mid-transfer', () => {
    const { live, coordinator } = setup()
    coordinator.onSnapshot(transferring({ state: 'on_hold', answeredAt: 1 }, { state: 'consulting' }))
    coordinator.choose('pauze')
    expect(live.states.at(-1)).toBe('consulting')
  })

  it('does not say consulting during a blind transfer', () => {
    const { live, coordinator } = setup()
    coordinator.onSnapshot(
      transferring({ state: 'active', answeredAt: 1 }, { kind: 'blind', state: 'completing' }),
    )
    expect(live.states).toEqual(['in_gesprek'])
  })

  it("raises no notification for the customer's call that replaced our consult call, but tells the hub of it", async () => {
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
    const { live, coordinator } = setup(bridge)
    // The colleague's consult call rings in, carrying the klantcontactnummer; the agent answers it.
    const consult = {
      id: 'consult',
      sipCallId: 'consult@pc12',
      remoteNumber: 'medewerker1',
      klantcontactnummer: NUMMER,
    }
    coordinator.onSnapshot(snapshot({ ...consult, state: 'ringing' }))
    coordinator.onSnapshot(snapshot({ ...consult, state: 'active', answeredAt: 1 }))
    // The customer's call replaces it (INVITE with Replaces), already talking.
    coordinator.onSnapshot(
      snapshot({
        id: 'customer',
        sipCallId: 'customer@pbx',
        state: 'active',
        answeredAt: 2,
        klantcontactnummer: NUMMER,
        replacedSipCallId: 'consult@pc12',
      }),
    )
    await Promise.resolve()
    expect(notices).toEqual([{ callerNumber: 'medewerker1', klantcontactnummer: NUMMER }])
    expect([...new Set(live.started.map((call) => call.callId))]).toEqual(['consult', 'customer'])
    // The customer's call never rang here: the agent was already talking.
    expect(live.started.find((call) => call.callId === 'customer')?.answered).toBe(true)
  })
})

describe("the call coordinator, for the supervisor's counters", () => {
  const ANSWERED = Date.parse('2026-12-04T10:00:05Z')

  it('tells the hub how long an answered call was handled, from answer to end', () => {
    const { live, coordinator } = setup(undefined, () => ANSWERED + 95_000)
    coordinator.onSnapshot(snapshot({ state: 'active', answeredAt: ANSWERED }))
    coordinator.onSnapshot(snapshot({ state: 'ended', answeredAt: ANSWERED }))
    expect(live.ended).toEqual([{ callId: 'call-1', reason: 'completed' }])
    expect(live.handled).toEqual([95_000])
  })

  it('marks a call with a colleague or an afdeling as internal, and a customer call not, whatever its From says', () => {
    const { store, live, coordinator } = setup()
    store.getState().workspace.setDirectory({
      status: 'ready',
      value: {
        afdelingen: [{ id: 'vergunningen', naam: 'Vergunningen', groupAddress: 'vergunningen', leden: [] }],
        medewerkers: [
          {
            login: 'medewerker1',
            displayName: 'Medewerker 1',
            afdeling: 'kcc',
            extension: 'medewerker1',
            sipAddress: 'sip:medewerker1@kcc.test',
            state: 'beschikbaar',
          },
        ],
      },
    })
    coordinator.onSnapshot(
      snapshot({ id: 'a', sipCallId: 'a', remoteNumber: 'medewerker1', assertedCaller: 'medewerker1' }),
    )
    coordinator.onSnapshot(
      snapshot({ id: 'b', sipCallId: 'b', remoteNumber: 'vergunningen', direction: 'outbound' }),
    )
    coordinator.onSnapshot(snapshot({ id: 'c', sipCallId: 'c', remoteNumber: '0612345678' }))
    coordinator.onSnapshot(snapshot({ id: 'd', sipCallId: 'd', remoteNumber: 'medewerker1' }))
    expect(live.started.map((call) => [call.callId, call.internal ?? false])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
      ['d', false],
    ])
  })
})

describe('the call events the coordinator publishes', () => {
  const kinds = (events: CallEvent[]) => events.map((event) => [event.type, event.callId])

  it('publishes rang, answering, answered and ended, in that order, each once, with the classification', () => {
    const { coordinator } = setup()
    const events = recordEvents(coordinator)
    coordinator.onSnapshot(snapshot({ state: 'idle' }))
    coordinator.onSnapshot(snapshot({ state: 'ringing' }))
    coordinator.onSnapshot(snapshot({ state: 'connecting' }))
    coordinator.onSnapshot(snapshot({ state: 'active', answeredAt: 5 }))
    coordinator.onSnapshot(snapshot({ state: 'on_hold', answeredAt: 5 }))
    coordinator.onSnapshot(snapshot({ state: 'ended', answeredAt: 5 }))
    coordinator.onSnapshot(snapshot({ state: 'ended', answeredAt: 5 }))
    expect(kinds(events)).toEqual([
      ['rang', 'call-1'],
      ['answering', 'call-1'],
      ['answered', 'call-1'],
      ['ended', 'call-1'],
    ])
    expect(events.map((event) => event.classification)).toEqual(Array(4).fill({ kind: 'customer' }))
    expect(events[2]).toMatchObject({ answeredAt: 5 })
    expect(events[3]).toMatchObject({ reason: 'completed' })
  })

  it('publishes nothing for a call still idle, nor for a monitor call', () => {
    const { coordinator } = setup()
    const events = recordEvents(coordinator)
    coordinator.onSnapshot(snapshot({ state: 'idle' }))
    coordinator.onSnapshot({
      ...snapshot(null),
      monitor: { id: 'm-1', role: 'monitoring', mode: 'listen', state: 'active', sipCallId: 'm@pc' },
    })
    expect(events).toEqual([])
  })

  it('publishes replaced with both ids when the customer replaces the consult call, after its end', () => {
    const { coordinator } = setup()
    const events = recordEvents(coordinator)
    const consult = {
      id: 'consult',
      sipCallId: 'consult@pc12',
      remoteNumber: 'medewerker1',
      klantcontactnummer: NUMMER,
    }
    coordinator.onSnapshot(snapshot({ ...consult, state: 'ringing' }))
    coordinator.onSnapshot(snapshot({ ...consult, state: 'active', answeredAt: 1 }))
    coordinator.onSnapshot(snapshot({ ...consult, state: 'ended', answeredAt: 1 }))
    coordinator.onSnapshot(
      snapshot({
        id: 'customer',
        sipCallId: 'customer@pbx',
        state: 'idle',
        replacedSipCallId: 'consult@pc12',
      }),
    )
    coordinator.onSnapshot(
      snapshot({
        id: 'customer',
        sipCallId: 'customer@pbx',
        state: 'connecting',
        replacedSipCallId: 'consult@pc12',
      }),
    )
    expect(kinds(events)).toEqual([
      ['rang', 'consult'],
      ['answering', 'consult'],
      ['answered', 'consult'],
      ['ended', 'consult'],
      ['replaced', 'customer'],
    ])
    expect(events[4]).toMatchObject({
      replacedCallId: 'consult',
      classification: { kind: 'transferred', nummer: NUMMER, source: 'replaces' },
      replacedClassification: { kind: 'transferred', nummer: NUMMER, source: 'header' },
    })
  })

  it('ends a consult call replaced before its record said so as transferred, then publishes replaced', () => {
    const { live, coordinator } = setup()
    const events = recordEvents(coordinator)
    coordinator.onSnapshot(
      snapshot({ id: 'consult', sipCallId: 'consult@pc12', state: 'active', answeredAt: 1 }),
    )
    coordinator.onSnapshot(
      snapshot({
        id: 'customer',
        sipCallId: 'customer@pbx',
        state: 'active',
        replacedSipCallId: 'consult@pc12',
      }),
    )
    expect(kinds(events)).toEqual([
      ['rang', 'consult'],
      ['answered', 'consult'],
      ['ended', 'consult'],
      ['replaced', 'customer'],
    ])
    expect(events[2]).toMatchObject({ reason: 'transferred' })
    expect(events[3]).toMatchObject({ replacedCallId: 'consult', classification: { kind: 'replacing' } })
    expect(live.ended).toEqual([{ callId: 'consult', reason: 'transferred' }])
  })

  it('reclassifies a ringing call once the live offer naming its nummer arrives, and uses the offer once', () => {
    const { store, coordinator } = setup()
    coordinator.follow()
    const events = recordEvents(coordinator)
    store.getState().workspace.setDirectory({
      status: 'ready',
      value: {
        afdelingen: [],
        medewerkers: [
          {
            login: 'medewerker1',
            displayName: 'Medewerker 1',
            afdeling: 'kcc',
            extension: 'medewerker1',
            sipAddress: 'sip:medewerker1@kcc.test',
            state: 'beschikbaar',
          },
        ],
      },
    })
    coordinator.onSnapshot(snapshot({ assertedCaller: 'medewerker1' }))
    const offers = [
      {
        transferId: 't-1',
        klantcontactnummer: NUMMER,
        from: 'medewerker1',
        to: { kind: 'agent' as const, login: 'medewerker2' },
        offeredAt: '2026-12-04T09:59:58Z',
      },
    ]
    store.getState().workspace.setLive({ ...store.getState().workspace.live, transfers: offers })
    store.getState().workspace.setLive({ ...store.getState().workspace.live, transfers: [...offers] })
    expect(kinds(events)).toEqual([
      ['rang', 'call-1'],
      ['reclassified', 'call-1'],
    ])
    expect(events[1]).toMatchObject({
      previous: { kind: 'colleague' },
      classification: { kind: 'transferred', nummer: NUMMER, source: 'offer', transferId: 't-1' },
    })
  })
})
