import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MonitorSessionInput, MonitorSessionView } from '../../../shared/gateway/api'
import type { MonitorMode } from '../../../shared/live/protocol'
import { GatewayError } from '../../../renderer/src/api/errors'
import type { MonitorSnapshot } from '../../../renderer/src/softphone/types'
import type { AppStore } from '../../../renderer/src/store'
import { supervisorMessages } from '../../../renderer/src/supervisor/messages'
import { FAILURE_SHOWN_MS, MonitorService } from '../../../renderer/src/supervisor/monitor-service'
import { quietLogger, storeOver } from '../klantcontact/store-fixtures'
import { deferred, flush } from '../transfer/fixtures'

const ID = '0f8e2c5a-3b1d-4c6e-9a7f-2d4b6c8e0a1f'
const OTHER_ID = '7d2b9e41-5c3a-4f8e-8b1d-6a0c2e4f9b37'
const AGENT = 'm-chloe'
const GENERIC = supervisorMessages.nl.monitorFailed

function sessionOf(input: MonitorSessionInput, id = ID): MonitorSessionView {
  return {
    id,
    supervisor: 'm-super',
    agent: input.agent,
    mode: input.mode,
    startedAt: '2026-12-04T10:00:00.000Z',
    callId: 'call-1',
  }
}

function fakeApi() {
  return {
    startMonitor: vi.fn((input: MonitorSessionInput) => Promise.resolve(sessionOf(input))),
    stopMonitor: vi.fn((_id: string) => Promise.resolve()),
  }
}

function fakeMonitoring() {
  return {
    expect: vi.fn((_id: string, _mode: MonitorMode) => undefined),
    stop: vi.fn((_id: string) => Promise.resolve()),
  }
}

/** The supervisor's softphone snapshot's monitor call, as the softphone publishes it. */
function setMonitor(store: AppStore, monitor: Partial<MonitorSnapshot> | null): void {
  const phone = store.getState().workspace.phone
  store.getState().workspace.setPhone({
    ...phone,
    monitor:
      monitor === null
        ? null
        : {
            id: ID,
            role: 'monitoring',
            mode: 'listen',
            state: 'connecting',
            sipCallId: 'mon-1@agent',
            ...monitor,
          },
  })
}

let store: AppStore
let api: ReturnType<typeof fakeApi>
let monitoring: ReturnType<typeof fakeMonitoring>
let service: MonitorService
let unfollow: (() => void) | undefined

beforeEach(() => {
  store = storeOver().store
  api = fakeApi()
  monitoring = fakeMonitoring()
  service = new MonitorService({ store, api, monitoring, logger: quietLogger })
  unfollow = undefined
})
afterEach(() => {
  unfollow?.()
})

const intent = () => store.getState().monitoring.intent

describe('MonitorService.start', () => {
  it.each<MonitorMode>(['listen', 'whisper', 'barge'])(
    'asks the gateway for a %s session and expects its monitor call',
    async (mode) => {
      await service.start(AGENT, mode)
      expect(api.startMonitor).toHaveBeenCalledTimes(1)
      expect(api.startMonitor).toHaveBeenCalledWith({ agent: AGENT, mode })
      expect(monitoring.expect).toHaveBeenCalledTimes(1)
      expect(monitoring.expect).toHaveBeenCalledWith(ID, mode)
      expect(intent()).toEqual({ status: 'active', id: ID, agent: AGENT, mode })
    },
  )

  it('shows the session as starting while the gateway has not answered', async () => {
    const answer = deferred<MonitorSessionView>()
    api.startMonitor.mockReturnValueOnce(answer.promise)
    const started = service.start(AGENT, 'whisper')
    await flush()
    expect(intent()).toEqual({ status: 'starting', agent: AGENT, mode: 'whisper' })
    expect(monitoring.expect).not.toHaveBeenCalled()

    answer.resolve(sessionOf({ agent: AGENT, mode: 'whisper' }))
    await started
    expect(intent()).toMatchObject({ status: 'active', id: ID })
  })

  it.each([
    ['outside the supervised afdelingen (403)', 403, supervisorMessages.nl.monitorGeweigerd],
    ['without a call (409)', 409, supervisorMessages.nl.monitorGeenGesprek],
  ])('says in its own words why the gateway refused: %s', async (_name, status, message) => {
    // The gateway's detail is not shown: the app says it to the supervisor as "u".
    const detail = 'Je mag dat niet.'
    api.startMonitor.mockRejectedValueOnce(
      new GatewayError('rejected', status, { status, title: 'Nee', detail }, 'Nee'),
    )
    await expect(service.start(AGENT, 'barge')).resolves.toBeUndefined()
    expect(intent()).toEqual({ status: 'failed', agent: AGENT, mode: 'barge', message })
    expect(monitoring.expect).not.toHaveBeenCalled()
  })

  it.each([
    ['a refusal of another kind', new GatewayError('rejected', 400, { status: 400, detail: 'x' }, 'Bad')],
    ['a refusal without a problem', new GatewayError('rejected', 404, undefined, 'Not Found')],
    ['an unreachable gateway', new GatewayError('unreachable', undefined, undefined, 'timeout')],
    [
      'a gateway failure, whatever its detail',
      new GatewayError(
        'failed',
        502,
        { status: 502, detail: 'upstream: ECONNREFUSED 10.0.0.7' },
        'Bad Gateway',
      ),
    ],
    ['an error that is not the gateway’s', new TypeError('fetch failed')],
  ])('shows the generic message for %s', async (_name, error) => {
    api.startMonitor.mockRejectedValueOnce(error)
    await expect(service.start(AGENT, 'listen')).resolves.toBeUndefined()
    expect(intent()).toEqual({ status: 'failed', agent: AGENT, mode: 'listen', message: GENERIC })
    expect(monitoring.expect).not.toHaveBeenCalled()
  })

  it('takes a refusal away after a few seconds, but not a later attempt', async () => {
    vi.useFakeTimers()
    try {
      api.startMonitor.mockRejectedValueOnce(new GatewayError('rejected', 403, undefined, 'Forbidden'))
      await service.start(AGENT, 'listen')
      vi.advanceTimersByTime(FAILURE_SHOWN_MS - 1)
      expect(intent()).toMatchObject({ status: 'failed' })
      vi.advanceTimersByTime(1)
      expect(intent()).toBeNull()

      api.startMonitor.mockRejectedValueOnce(new GatewayError('rejected', 409, undefined, 'Conflict'))
      await service.start(AGENT, 'listen')
      vi.advanceTimersByTime(FAILURE_SHOWN_MS / 2)
      await service.start(AGENT, 'whisper')
      vi.advanceTimersByTime(FAILURE_SHOWN_MS / 2)
      // The first refusal's timer leaves the session that replaced it alone.
      expect(intent()).toMatchObject({ status: 'active', mode: 'whisper' })
    } finally {
      vi.useRealTimers()
    }
  })

  it('ends a running session before starting the next one', async () => {
    await service.start(AGENT, 'listen')
    api.startMonitor.mockImplementationOnce((input) => Promise.resolve(sessionOf(input, OTHER_ID)))

    await service.start('m-anna', 'whisper')

    expect(monitoring.stop).toHaveBeenCalledWith(ID)
    expect(api.stopMonitor).toHaveBeenCalledWith(ID)
    expect(monitoring.expect).toHaveBeenLastCalledWith(OTHER_ID, 'whisper')
    expect(intent()).toEqual({ status: 'active', id: OTHER_ID, agent: 'm-anna', mode: 'whisper' })
  })
})

describe('MonitorService.stop', () => {
  it('hangs up the monitor call, ends the session at the gateway and clears the session', async () => {
    await service.start(AGENT, 'listen')
    const order: string[] = []
    monitoring.stop.mockImplementationOnce((id) => {
      order.push(`hang up ${id}`)
      return Promise.resolve()
    })
    api.stopMonitor.mockImplementationOnce((id) => {
      order.push(`gateway ${id}`)
      return Promise.resolve()
    })

    await service.stop()

    expect(order).toEqual([`hang up ${ID}`, `gateway ${ID}`])
    expect(intent()).toBeNull()
  })

  it('clears a failed attempt without calling anyone', async () => {
    api.startMonitor.mockRejectedValueOnce(new Error('down'))
    await service.start(AGENT, 'listen')
    await service.stop()
    expect(intent()).toBeNull()
    expect(monitoring.stop).not.toHaveBeenCalled()
    expect(api.stopMonitor).not.toHaveBeenCalled()
  })

  it('does not reject when the gateway cannot end the session (logged)', async () => {
    await service.start(AGENT, 'listen')
    api.stopMonitor.mockRejectedValueOnce(new GatewayError('rejected', 404, undefined, 'Not Found'))
    await expect(service.stop()).resolves.toBeUndefined()
    expect(intent()).toBeNull()
  })
})

describe('MonitorService.follow, ending the session when its monitor call ends by itself', () => {
  it('ends the session at the gateway once, and clears it, when the monitor call ends', async () => {
    unfollow = service.follow()
    await service.start(AGENT, 'listen')
    setMonitor(store, { state: 'connecting' })
    setMonitor(store, { state: 'active' })
    expect(api.stopMonitor).not.toHaveBeenCalled()

    setMonitor(store, { state: 'ended' })
    // More changes with the same ended monitor call end nothing again.
    setMonitor(store, { state: 'ended' })
    store.getState().workspace.setSession({ status: 'checking' })
    await flush()

    expect(api.stopMonitor).toHaveBeenCalledTimes(1)
    expect(api.stopMonitor).toHaveBeenCalledWith(ID)
    expect(intent()).toBeNull()
    // The call is already over: nothing to hang up.
    expect(monitoring.stop).not.toHaveBeenCalled()
  })

  it('ends a session whose monitor call never got established', async () => {
    unfollow = service.follow()
    await service.start(AGENT, 'whisper')
    setMonitor(store, { mode: 'whisper', state: 'connecting' })
    setMonitor(store, { mode: 'whisper', state: 'ended' })
    await flush()
    expect(api.stopMonitor).toHaveBeenCalledWith(ID)
    expect(intent()).toBeNull()
  })

  it('leaves the active session alone when the monitor call of another session ends', async () => {
    unfollow = service.follow()
    await service.start(AGENT, 'listen')
    setMonitor(store, { id: OTHER_ID, state: 'active' })
    setMonitor(store, { id: OTHER_ID, state: 'ended' })
    await flush()
    expect(api.stopMonitor).not.toHaveBeenCalled()
    expect(intent()).toMatchObject({ status: 'active', id: ID })
  })

  it('leaves the session alone when a monitored (agent-side) call with its id ends', async () => {
    unfollow = service.follow()
    await service.start(AGENT, 'listen')
    setMonitor(store, { role: 'monitored', state: 'active' })
    setMonitor(store, { role: 'monitored', state: 'ended' })
    await flush()
    expect(api.stopMonitor).not.toHaveBeenCalled()
    expect(intent()).toMatchObject({ status: 'active', id: ID })
  })

  it('does not end the session twice after Stoppen (the hang-up it causes is not followed up)', async () => {
    unfollow = service.follow()
    await service.start(AGENT, 'listen')
    setMonitor(store, { state: 'active' })
    monitoring.stop.mockImplementationOnce(() => {
      setMonitor(store, { state: 'ended' })
      return Promise.resolve()
    })
    await service.stop()
    await flush()
    expect(api.stopMonitor).toHaveBeenCalledTimes(1)
    expect(intent()).toBeNull()
  })

  it('follows nothing once unsubscribed', async () => {
    const stop = service.follow()
    await service.start(AGENT, 'listen')
    setMonitor(store, { state: 'active' })
    stop()
    setMonitor(store, { state: 'ended' })
    await flush()
    expect(api.stopMonitor).not.toHaveBeenCalled()
    expect(intent()).toMatchObject({ status: 'active', id: ID })
  })
})
