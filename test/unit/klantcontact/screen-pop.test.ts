import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PartijLookupView } from '../../../shared/gateway/api'
import { GatewayError } from '../../../renderer/src/api/errors'
import { suggestPartij } from '../../../renderer/src/klantcontact/partij-suggestion'
import { startScreenPop } from '../../../renderer/src/klantcontact/screen-pop'
import type { CallSnapshot } from '../../../renderer/src/softphone/types'
import type { AppStore } from '../../../renderer/src/store'
import { AGENT, RING } from './fixtures'
import { quietLogger, storeOver, viewOf } from './store-fixtures'

const PARTIJ = { uuid: '5e0f8a51-59b5-4f1a-a9a1-6d1f64f4c0a1', naam: 'Jan de Vries' }
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

function lookup(answer: PartijLookupView | GatewayError = { results: [PARTIJ] }) {
  return {
    partijenByTelefoonnummer: vi.fn((_number: string) =>
      answer instanceof GatewayError ? Promise.reject(answer) : Promise.resolve(answer),
    ),
  }
}

function ring(store: AppStore, call: Partial<CallSnapshot> = {}): void {
  const snapshot: CallSnapshot = {
    id: 'call-1',
    sipCallId: 'a84b4c76e66710@pc33.gemeente.example',
    state: 'ringing',
    direction: 'inbound',
    remoteNumber: '0612345678',
    startedAt: RING,
    muted: false,
    held: false,
    ...call,
  }
  store.getState().workspace.setPhone({ ...store.getState().workspace.phone, call: snapshot })
}

const stops: Array<() => void> = []
afterEach(() => {
  for (const stop of stops.splice(0)) {
    stop()
  }
})

describe('suggestPartij', () => {
  it('offers the first partij with the caller number, without filling the name', async () => {
    const { store } = storeOver()
    const id = store.getState().klantcontact.openForCall({
      agentLogin: AGENT,
      callId: 'c1',
      callerNumber: '+31612345678',
      at: RING,
    })
    const api = lookup({ results: [PARTIJ, { uuid: 'other', naam: 'Piet' }] })
    await suggestPartij({ store, api, logger: quietLogger }, id)
    expect(api.partijenByTelefoonnummer).toHaveBeenCalledWith('+31612345678')
    expect(store.getState().klantcontact.drafts[id]).toMatchObject({ suggestion: PARTIJ, naamKlant: '' })
  })

  it('does not look up what is not a phone number (an extension name, an anonymous caller)', async () => {
    const { store } = storeOver()
    const api = lookup()
    for (const callerNumber of ['medewerker2', 'anonymous', '']) {
      const id = store
        .getState()
        .klantcontact.openForCall({ agentLogin: AGENT, callId: callerNumber, callerNumber, at: RING })
      await suggestPartij({ store, api, logger: quietLogger }, id)
    }
    expect(api.partijenByTelefoonnummer).not.toHaveBeenCalled()
  })

  it('costs only the suggestion when the lookup fails', async () => {
    const { store } = storeOver()
    const id = store
      .getState()
      .klantcontact.openForCall({ agentLogin: AGENT, callId: 'c1', callerNumber: '0612345678', at: RING })
    const api = lookup(new GatewayError('unreachable', undefined, undefined, 'down'))
    await expect(suggestPartij({ store, api, logger: quietLogger }, id)).resolves.toBeUndefined()
    expect(store.getState().klantcontact.drafts[id]?.suggestion).toBeUndefined()
  })
})

describe('startScreenPop', () => {
  it('opens a draft the moment an inbound call rings, and offers the known partij', async () => {
    const { store } = storeOver()
    const api = lookup()
    stops.push(startScreenPop({ store, api, agentLogin: AGENT, logger: quietLogger }))
    ring(store)
    await settle()
    const { activeId, drafts } = store.getState().klantcontact
    expect(activeId).not.toBeNull()
    expect(drafts[activeId!]).toMatchObject({
      callId: 'call-1',
      callerNumber: '0612345678',
      plaatsgevondenOp: new Date(RING).toISOString(),
      suggestion: PARTIJ,
      naamKlant: '',
    })
  })

  it('takes the answer time as plaatsgevondenOp, and opens only one draft per call', async () => {
    const { store } = storeOver()
    stops.push(
      startScreenPop({ store, api: lookup({ results: [] }), agentLogin: AGENT, logger: quietLogger }),
    )
    ring(store)
    ring(store, { state: 'connecting' })
    ring(store, { state: 'active', answeredAt: RING + 6_000 })
    await settle()
    const drafts = Object.values(store.getState().klantcontact.drafts)
    expect(drafts).toHaveLength(1)
    expect(drafts[0]?.plaatsgevondenOp).toBe(new Date(RING + 6_000).toISOString())
  })

  it('opens nothing for an outbound call or a warm transfer carrying a klantcontactnummer', () => {
    const { store } = storeOver()
    stops.push(startScreenPop({ store, api: lookup(), agentLogin: AGENT, logger: quietLogger }))
    ring(store, { id: 'out', direction: 'outbound', state: 'connecting' })
    ring(store, { id: 'transfer', klantcontactnummer: '26000001' })
    expect(store.getState().klantcontact.drafts).toEqual({})
  })

  it('opens nothing for the customer who takes the place of a consult call (INVITE with Replaces)', () => {
    const { store } = storeOver()
    stops.push(startScreenPop({ store, api: lookup(), agentLogin: AGENT, logger: quietLogger }))
    ring(store, { id: 'replacing', state: 'active', replacedSipCallId: 'consult-sip-id' })
    expect(store.getState().klantcontact.drafts).toEqual({})
  })
})

describe('startScreenPop, when a transferred klantcontact opens for the call', () => {
  /** The transfer receiver opening the colleague's klantcontact for `callId` (incoming-transfer/transfer-receiver.ts). */
  const transferredFor = (store: AppStore, callId = 'call-1') =>
    store.getState().opened.show({ source: 'transfer', nummer: '26000042', callId }, viewOf('26000042'))

  function popped(store: AppStore): string {
    stops.push(
      startScreenPop({ store, api: lookup({ results: [] }), agentLogin: AGENT, logger: quietLogger }),
    )
    ring(store)
    const id = store.getState().klantcontact.activeId
    if (id === null) {
      throw new Error('no screen pop')
    }
    return id
  }

  it('discards its untouched draft for that call', () => {
    const { store } = storeOver()
    popped(store)
    transferredFor(store)
    expect(store.getState().klantcontact.drafts).toEqual({})
    expect(store.getState().klantcontact.activeId).toBeNull()
  })

  it('discards it also with a partij suggestion the agent did not accept', async () => {
    const { store } = storeOver()
    stops.push(startScreenPop({ store, api: lookup(), agentLogin: AGENT, logger: quietLogger }))
    ring(store)
    await settle()
    expect(Object.values(store.getState().klantcontact.drafts)[0]?.suggestion).toEqual(PARTIJ)
    transferredFor(store)
    expect(store.getState().klantcontact.drafts).toEqual({})
  })

  it('discards it once a transferred klantcontact that was loading is shown', () => {
    const { store } = storeOver()
    popped(store)
    store.getState().opened.begin({ source: 'transfer', nummer: '26000042', callId: 'call-1' })
    expect(Object.keys(store.getState().klantcontact.drafts)).toHaveLength(1)
    store.getState().opened.loaded('26000042', viewOf('26000042'))
    expect(store.getState().klantcontact.drafts).toEqual({})
  })

  it.each([
    ['a naam klant', { naamKlant: 'Jan de Vries' }],
    ['an onderwerp', { onderwerp: 'Paspoort' }],
    ['an inhoud', { inhoud: 'Belt terug.' }],
  ] as const)('keeps the draft when the agent typed %s', (_what, patch) => {
    const { store } = storeOver()
    const id = popped(store)
    store.getState().klantcontact.update(id, patch)
    transferredFor(store)
    expect(store.getState().klantcontact.drafts[id]).toMatchObject(patch)
  })

  it('keeps the draft when the agent accepted the partij suggestion', async () => {
    const { store } = storeOver()
    stops.push(startScreenPop({ store, api: lookup(), agentLogin: AGENT, logger: quietLogger }))
    ring(store)
    await settle()
    const id = store.getState().klantcontact.activeId!
    store.getState().klantcontact.acceptSuggestion(id)
    transferredFor(store)
    expect(store.getState().klantcontact.drafts[id]).toMatchObject({ partijUuid: PARTIJ.uuid })
  })

  it('keeps a draft the agent already saved', () => {
    const { store } = storeOver()
    const id = popped(store)
    store.getState().klantcontact.update(id, { onderwerp: 'Paspoort' })
    store.getState().klantcontact.requestSave(id, RING)
    transferredFor(store)
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('queued')
  })

  it('keeps the draft for a klantcontact opened for another call, opened by hand, or still loading', () => {
    const { store } = storeOver()
    const id = popped(store)
    transferredFor(store, 'call-2')
    // Opened by hand during the call: not the colleague's transfer, even if it names the call.
    store
      .getState()
      .opened.show({ source: 'manual', nummer: '26000042', callId: 'call-1' }, viewOf('26000042'))
    store.getState().opened.begin({ source: 'transfer', nummer: '26000042', callId: 'call-1' })
    store
      .getState()
      .opened.fail({ source: 'transfer', nummer: '26000042', callId: 'call-1' }, { kind: 'unreachable' })
    expect(Object.keys(store.getState().klantcontact.drafts)).toEqual([id])
  })

  it('leaves alone a draft it did not make itself', () => {
    const { store } = storeOver()
    stops.push(startScreenPop({ store, api: lookup(), agentLogin: AGENT, logger: quietLogger }))
    const manual = store.getState().klantcontact.openManual(AGENT, RING)
    transferredFor(store)
    expect(Object.keys(store.getState().klantcontact.drafts)).toEqual([manual])
  })

  it('stops following the opened klantcontact once stopped', () => {
    const { store } = storeOver()
    const id = popped(store)
    for (const stop of stops.splice(0)) {
      stop()
    }
    transferredFor(store)
    expect(Object.keys(store.getState().klantcontact.drafts)).toEqual([id])
  })
})
