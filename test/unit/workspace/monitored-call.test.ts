import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MonitorInfo } from '../../../shared/live/protocol'
import type { MonitorRequest } from '../../../renderer/src/softphone/monitor/monitoring'
import type { CallState } from '../../../renderer/src/softphone/states'
import type { AppStore } from '../../../renderer/src/store'
import { startMonitoredCall } from '../../../renderer/src/workspace/monitored-call'
import { storeOver } from '../klantcontact/store-fixtures'
import { recordingLogger, type LogEntry } from '../softphone/fakes'
import { SELF, callOf, flush, setPhone } from '../transfer/fixtures'

const ID = '0f8e2c5a-3b1d-4c6e-9a7f-2d4b6c8e0a1f'
const OTHER_ID = '7d2b9e41-5c3a-4f8e-8b1d-6a0c2e4f9b37'

/** A session on the agent's call `call-1` (the call record's id, as the hub knows it). */
function monitorOf(changes: Partial<MonitorInfo> = {}): MonitorInfo {
  return {
    id: ID,
    supervisor: 'supervisor1',
    supervisorName: 'Supervisor KCC',
    supervisorExtension: '2100',
    agent: SELF,
    mode: 'listen',
    callId: 'call-1',
    ...changes,
  }
}

function fakeMonitoring() {
  return {
    feedSupervisor: vi.fn((_request: MonitorRequest) => Promise.resolve()),
    endFeed: vi.fn((_id: string) => Promise.resolve()),
  }
}

let store: AppStore
let monitoring: ReturnType<typeof fakeMonitoring>
let entries: LogEntry[]
let stop: (() => void) | undefined

beforeEach(() => {
  store = storeOver().store
  monitoring = fakeMonitoring()
  entries = []
  stop = undefined
})
afterEach(() => {
  stop?.()
})

const start = (): void => {
  const logger = recordingLogger()
  entries = logger.entries
  stop = startMonitoredCall({ store, monitoring, agentLogin: SELF, logger: logger.log })
}

/** The live view's monitoring sessions, as the live connection publishes them. */
function setMonitors(...monitors: MonitorInfo[]): void {
  const live = store.getState().workspace.live
  store.getState().workspace.setLive({ ...live, connection: 'open', monitors })
}

describe('startMonitoredCall, the agent’s app calling the supervisor', () => {
  it.each<['listen' | 'whisper' | 'barge']>([['listen'], ['whisper'], ['barge']])(
    'feeds the supervisor once for a %s session on the agent’s own active call',
    (mode) => {
      setPhone(store, { call: callOf() })
      start()
      setMonitors(monitorOf({ mode }))
      expect(monitoring.feedSupervisor).toHaveBeenCalledTimes(1)
      expect(monitoring.feedSupervisor).toHaveBeenCalledWith({ id: ID, extension: '2100', mode })
    },
  )

  it('feeds the supervisor for a call on hold', () => {
    setPhone(store, { call: callOf({ state: 'on_hold', held: true }) })
    start()
    setMonitors(monitorOf())
    expect(monitoring.feedSupervisor).toHaveBeenCalledWith({ id: ID, extension: '2100', mode: 'listen' })
  })

  it('feeds a session already in the live view when it starts following', () => {
    setPhone(store, { call: callOf() })
    setMonitors(monitorOf())
    start()
    expect(monitoring.feedSupervisor).toHaveBeenCalledTimes(1)
  })

  it('feeds each session once, however often the store changes around it', () => {
    setPhone(store, { call: callOf() })
    start()
    setMonitors(monitorOf())
    setPhone(store, { call: callOf({ state: 'on_hold', held: true }) })
    setPhone(store, { call: callOf({ muted: true }) })
    setMonitors(monitorOf())
    store.getState().workspace.setAvailability('pauze')
    expect(monitoring.feedSupervisor).toHaveBeenCalledTimes(1)
  })

  it('does not feed another agent’s session, even on a call with the same id', () => {
    setPhone(store, { call: callOf() })
    start()
    setMonitors(monitorOf({ agent: 'medewerker2' }))
    expect(monitoring.feedSupervisor).not.toHaveBeenCalled()
  })

  it('does not feed a session on another call', () => {
    setPhone(store, { call: callOf() })
    start()
    // The SIP Call-ID is not the call's id: a group call's forked legs share it.
    setMonitors(monitorOf({ callId: 'call-2' }), monitorOf({ id: OTHER_ID, callId: callOf().sipCallId }))
    expect(monitoring.feedSupervisor).not.toHaveBeenCalled()
  })

  it.each<CallState>(['idle', 'ringing', 'connecting', 'ended'])(
    'does not feed a session while the call is %s',
    (state) => {
      setPhone(store, { call: callOf({ state }) })
      start()
      setMonitors(monitorOf())
      expect(monitoring.feedSupervisor).not.toHaveBeenCalled()
    },
  )

  it('does not feed a session without a call', () => {
    start()
    setMonitors(monitorOf())
    expect(monitoring.feedSupervisor).not.toHaveBeenCalled()
  })

  it('feeds a session that came in while the call was being answered once the call is up', () => {
    setPhone(store, { call: callOf({ state: 'connecting' }) })
    start()
    setMonitors(monitorOf({ mode: 'whisper' }))
    expect(monitoring.feedSupervisor).not.toHaveBeenCalled()
    setPhone(store, { call: callOf() })
    expect(monitoring.feedSupervisor).toHaveBeenCalledTimes(1)
    expect(monitoring.feedSupervisor).toHaveBeenCalledWith({ id: ID, extension: '2100', mode: 'whisper' })
  })

  it('ends the feed when the session leaves the live view', () => {
    setPhone(store, { call: callOf() })
    start()
    setMonitors(monitorOf())
    expect(monitoring.endFeed).not.toHaveBeenCalled()
    setMonitors()
    expect(monitoring.endFeed).toHaveBeenCalledTimes(1)
    expect(monitoring.endFeed).toHaveBeenCalledWith(ID)
    setMonitors()
    expect(monitoring.endFeed).toHaveBeenCalledTimes(1)
  })

  it('ends only the feed whose session left, not that of a session still there', () => {
    setPhone(store, { call: callOf() })
    start()
    setMonitors(monitorOf())
    setMonitors(monitorOf(), monitorOf({ id: OTHER_ID, supervisorExtension: '2101' }))
    setMonitors(monitorOf({ id: OTHER_ID, supervisorExtension: '2101' }))
    expect(monitoring.feedSupervisor).toHaveBeenCalledTimes(2)
    expect(monitoring.endFeed).toHaveBeenCalledTimes(1)
    expect(monitoring.endFeed).toHaveBeenCalledWith(ID)
  })

  it('ends no feed it never started', () => {
    setPhone(store, { call: callOf({ state: 'ringing' }) })
    start()
    setMonitors(monitorOf(), monitorOf({ id: OTHER_ID, agent: 'medewerker2' }))
    setMonitors()
    expect(monitoring.endFeed).not.toHaveBeenCalled()
  })

  it('feeds a new session on the same call after the last one ended', () => {
    setPhone(store, { call: callOf() })
    start()
    setMonitors(monitorOf())
    setMonitors()
    setMonitors(monitorOf({ id: OTHER_ID, mode: 'barge' }))
    expect(monitoring.feedSupervisor).toHaveBeenCalledTimes(2)
    expect(monitoring.feedSupervisor).toHaveBeenLastCalledWith({
      id: OTHER_ID,
      extension: '2100',
      mode: 'barge',
    })
  })

  it('survives a monitor call that could not be made, logs it, and does not try again', async () => {
    monitoring.feedSupervisor.mockRejectedValue(new Error('no established call to monitor'))
    setPhone(store, { call: callOf() })
    start()
    expect(() => setMonitors(monitorOf())).not.toThrow()
    await flush()
    setPhone(store, { call: callOf({ muted: true }) })
    setMonitors(monitorOf())
    await flush()
    expect(monitoring.feedSupervisor).toHaveBeenCalledTimes(1)
    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'monitor call not made',
        fields: { error: 'Error: no established call to monitor' },
      }),
    )
  })

  it('follows nothing once unsubscribed', () => {
    setPhone(store, { call: callOf() })
    start()
    stop?.()
    setMonitors(monitorOf())
    expect(monitoring.feedSupervisor).not.toHaveBeenCalled()
  })
})
