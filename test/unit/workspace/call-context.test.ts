import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { KlantcontactView } from '../../../shared/gateway/api'
import type { ClientCallInfo } from '../../../shared/live/protocol'
import type { AppStore } from '../../../renderer/src/store'
import { startCallContext } from '../../../renderer/src/workspace/call-context'
import { RING } from '../klantcontact/fixtures'
import { storeOver, viewOf } from '../klantcontact/store-fixtures'
import {
  NUMMER,
  SELF,
  callOf,
  draftForCall,
  outboxSaves,
  savedDraftForCall,
  setPhone,
} from '../transfer/fixtures'

/** The call record's id: what the hub knows the call by (unique per forked leg, unlike the SIP Call-ID). */
const LIVE_CALL_ID = 'call-1'

let store: AppStore
let live: { callStarted: ReturnType<typeof vi.fn<(call: ClientCallInfo) => void>> }
let stop: (() => void) | undefined

beforeEach(() => {
  store = storeOver().store
  live = { callStarted: vi.fn<(call: ClientCallInfo) => void>() }
  stop = undefined
})
afterEach(() => {
  stop?.()
})

const start = (): void => {
  stop = startCallContext({ store, live, agentLogin: SELF })
}

/** A draft of `agentLogin` for `callId`, with `changes`, saved by the gateway as `nummer`. */
function savedDraftOf(
  changes: { agentLogin?: string; callId?: string; vertrouwelijk?: boolean; onderwerp?: string },
  nummer = NUMMER,
): string {
  const actions = store.getState().klantcontact
  const id = actions.openForCall({
    agentLogin: changes.agentLogin ?? SELF,
    callId: changes.callId ?? 'call-1',
    callerNumber: '0612345678',
    at: RING,
  })
  actions.update(id, {
    onderwerp: changes.onderwerp ?? 'Schuldhulpverlening',
    ...(changes.vertrouwelijk !== undefined ? { vertrouwelijk: changes.vertrouwelijk } : {}),
  })
  if (!store.getState().klantcontact.requestSave(id, RING)) {
    throw new Error('draft did not validate')
  }
  outboxSaves(store, id, nummer)
  return id
}

function transferredView(changes: Partial<KlantcontactView> = {}): KlantcontactView {
  return { ...viewOf(NUMMER), onderwerp: 'Bezwaar tegen aanslag', ...changes }
}

function openTransferred(view: KlantcontactView, callId = 'call-1'): void {
  store.getState().opened.show({ source: 'transfer', nummer: view.nummer ?? NUMMER, callId }, view)
}

describe('startCallContext, telling the hub what the current call is about', () => {
  it('tells nothing while the klantcontact for the call is being typed or is still on its way', () => {
    setPhone(store, { call: callOf() })
    start()
    const id = draftForCall(store)
    expect(store.getState().klantcontact.requestSave(id, RING)).toBe(true)
    store.getState().klantcontact.markSending(id)
    expect(live.callStarted).not.toHaveBeenCalled()
  })

  it('tells the call with its klantcontactnummer and onderwerp once the klantcontact is saved', () => {
    setPhone(store, { call: callOf() })
    start()
    savedDraftForCall(store)
    expect(live.callStarted).toHaveBeenCalledTimes(1)
    expect(live.callStarted).toHaveBeenCalledWith({
      callId: LIVE_CALL_ID,
      direction: 'inbound',
      callerNumber: '0612345678',
      klantcontactnummer: NUMMER,
      onderwerp: 'Dakkapel zonder vergunning',
      vertrouwelijk: false,
    })
  })

  it('tells a klantcontact saved before it started following at once', () => {
    setPhone(store, { call: callOf({ direction: 'outbound', remoteNumber: '0201234567' }) })
    savedDraftForCall(store)
    start()
    expect(live.callStarted).toHaveBeenCalledWith(
      expect.objectContaining({ callId: LIVE_CALL_ID, direction: 'outbound', callerNumber: '0201234567' }),
    )
  })

  it('tells it only once, however often the store changes around the same call and klantcontact', () => {
    setPhone(store, { call: callOf() })
    start()
    savedDraftForCall(store)
    setPhone(store, { call: callOf({ state: 'on_hold', held: true }) })
    setPhone(store, { call: callOf({ muted: true }) })
    draftForCall(store, 'Iets anders', 'call-2')
    store.getState().opened.close()
    expect(live.callStarted).toHaveBeenCalledTimes(1)
  })

  it('tells a vertrouwelijk klantcontact as such, without its onderwerp', () => {
    setPhone(store, { call: callOf() })
    start()
    savedDraftOf({ vertrouwelijk: true, onderwerp: 'Schuldhulpverlening' })
    expect(live.callStarted).toHaveBeenCalledTimes(1)
    const [info] = live.callStarted.mock.calls[0] ?? []
    expect(info).toMatchObject({ klantcontactnummer: NUMMER, vertrouwelijk: true })
    expect(info).not.toHaveProperty('onderwerp')
    expect(JSON.stringify(info)).not.toContain('Schuldhulpverlening')
  })

  it('tells the klantcontact a colleague transferred with the call, once it is open', () => {
    setPhone(store, { call: callOf() })
    start()
    openTransferred(transferredView())
    expect(live.callStarted).toHaveBeenCalledWith({
      callId: LIVE_CALL_ID,
      direction: 'inbound',
      callerNumber: '0612345678',
      klantcontactnummer: NUMMER,
      onderwerp: 'Bezwaar tegen aanslag',
      vertrouwelijk: false,
    })
  })

  it.each([
    ['afgeschermd for this agent', { afgeschermd: true }],
    ['vertrouwelijk', { vertrouwelijk: true }],
  ] as const)(
    'tells a transferred klantcontact that is %s as vertrouwelijk, without onderwerp',
    (_name, changes) => {
      setPhone(store, { call: callOf() })
      start()
      openTransferred(transferredView(changes))
      expect(live.callStarted).toHaveBeenCalledTimes(1)
      const [info] = live.callStarted.mock.calls[0] ?? []
      expect(info).toMatchObject({ klantcontactnummer: NUMMER, vertrouwelijk: true })
      expect(info).not.toHaveProperty('onderwerp')
    },
  )

  it('ignores a klantcontact opened for another call, or opened by hand', () => {
    setPhone(store, { call: callOf() })
    start()
    openTransferred(transferredView(), 'call-9')
    store.getState().opened.show({ source: 'manual', nummer: NUMMER }, transferredView())
    expect(live.callStarted).not.toHaveBeenCalled()
  })

  it('tells nothing about an ended call, nor without a call', () => {
    start()
    savedDraftForCall(store)
    setPhone(store, { call: callOf({ state: 'ended' }) })
    openTransferred(transferredView())
    expect(live.callStarted).not.toHaveBeenCalled()
  })

  it('ignores a saved klantcontact of another call', () => {
    setPhone(store, { call: callOf() })
    start()
    savedDraftForCall(store, 'call-2')
    expect(live.callStarted).not.toHaveBeenCalled()
  })

  it('ignores another agent’s klantcontact for the same call', () => {
    setPhone(store, { call: callOf() })
    start()
    savedDraftOf({ agentLogin: 'medewerker9' })
    expect(live.callStarted).not.toHaveBeenCalled()
  })

  it('tells nothing more once stopped', () => {
    setPhone(store, { call: callOf() })
    start()
    stop?.()
    savedDraftForCall(store)
    openTransferred(transferredView())
    expect(live.callStarted).not.toHaveBeenCalled()
  })
})
