import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startScreenPop } from '../../../renderer/src/klantcontact/screen-pop'
import { startTransferReceiver } from '../../../renderer/src/incoming-transfer/transfer-receiver'
import type { AppStore } from '../../../renderer/src/store'
import { TransferService } from '../../../renderer/src/transfer/transfer-service'
import { quietLogger, storeOver } from '../klantcontact/store-fixtures'
import { coordinate } from '../workspace/coordinated'
import {
  AGENT as RECEIVER,
  NUMMER,
  UUID,
  fakeApi,
  offerOf,
  setOffers,
  settle,
} from '../incoming-transfer/fixtures'
import { AGENT_VIEW, callOf, directoryOf, fakeSoftphone, fakeTransferApi, setPhone } from './fixtures'

/**
 * The colleague who received the customer with a warm transfer passes them on again: the screen
 * pop, the transfer receiver and the transfer service on one store, wired in the order
 * workspace/runtime.ts starts them. The klantcontact that goes along is the one received, not an
 * empty draft of the screen pop.
 */
const BURGERZAKEN = { type: 'afdeling', id: 'burgerzaken', naam: 'Burgerzaken', address: '3100' } as const

/** The colleague's consult call ringing in (from extension 2001, medewerker1, as the SIP server asserts). */
const consult = (changes: Parameters<typeof callOf>[0] = {}) =>
  callOf({
    id: 'consult-1',
    sipCallId: 'consult-1@pc12.gemeente.example',
    remoteNumber: '2001',
    assertedCaller: '2001',
    state: 'ringing',
    answeredAt: undefined,
    ...changes,
  })

/** The customer's call taking the consult call's place (INVITE with Replaces). */
const customer = (changes: Parameters<typeof callOf>[0] = {}) =>
  callOf({
    id: 'customer-1',
    sipCallId: 'customer-1@pbx.gemeente.example',
    remoteNumber: '0612345678',
    replacedSipCallId: 'consult-1@pc12.gemeente.example',
    ...changes,
  })

const stops: Array<() => void> = []

function workspace() {
  const { store } = storeOver()
  store.getState().workspace.setSession({
    status: 'active',
    agent: { ...AGENT_VIEW, login: RECEIVER, displayName: 'Bram Jansen' },
  })
  store.getState().workspace.setDirectory({ status: 'ready', value: directoryOf() })
  const api = { ...fakeApi(), ...fakeTransferApi() }
  const softphone = fakeSoftphone()
  const { events } = coordinate(store, { agentLogin: RECEIVER })
  stops.push(
    startScreenPop({
      events,
      store,
      api: { klantbeeld: vi.fn(async () => ({ partijen: [], klantcontacten: [], contactverzoeken: [] })) },
      agentLogin: RECEIVER,
      logger: quietLogger,
    }),
  )
  stops.push(startTransferReceiver({ events, store, api, logger: quietLogger }))
  const transfers = new TransferService({ store, api, softphone, agentLogin: RECEIVER, logger: quietLogger })
  return { store, api, softphone, transfers }
}

const drafts = (store: AppStore) => Object.values(store.getState().klantcontact.drafts)

beforeEach(() => {
  vi.spyOn(console, 'debug').mockImplementation(() => undefined)
})
afterEach(() => {
  for (const stop of stops.splice(0)) {
    stop()
  }
  vi.restoreAllMocks()
})

describe('passing a transferred customer on again', () => {
  it('announces the klantcontact received with the consult call, once the customer’s call replaced it', async () => {
    const { store, api, softphone, transfers } = workspace()
    setPhone(store, { call: consult({ klantcontactnummer: NUMMER }) })
    await settle()
    expect(store.getState().opened).toMatchObject({ status: 'ready', callId: 'consult-1' })
    setPhone(store, { call: consult({ klantcontactnummer: NUMMER, state: 'active', answeredAt: 1 }) })
    setPhone(store, { call: customer({ klantcontactnummer: NUMMER }) })
    expect(store.getState().opened.callId).toBe('customer-1')
    expect(drafts(store)).toEqual([])

    await transfers.start(BURGERZAKEN, 'warm')
    expect(api.announceTransfer).toHaveBeenCalledWith(
      { klantcontactUuid: UUID },
      { type: 'afdeling', id: 'burgerzaken' },
    )
    expect(softphone.startConsult).toHaveBeenCalledWith('3100', { klantcontactnummer: NUMMER })
  })

  it('does the same when a PBX stripped the nummer and the live offer named it', async () => {
    const { store, api, softphone, transfers } = workspace()
    setOffers(store, [offerOf()])
    setPhone(store, { call: consult() })
    // The offer made the consult call a transfer as it rang: no draft of the screen pop for it.
    expect(drafts(store)).toEqual([])
    await settle()
    expect(store.getState().opened).toMatchObject({ status: 'ready', nummer: NUMMER, callId: 'consult-1' })
    expect(drafts(store)).toEqual([])

    setPhone(store, { call: consult({ state: 'active', answeredAt: 1 }) })
    // The customer's call inherits the offer's nummer from the consult call it replaced: no draft either.
    setPhone(store, { call: customer() })
    expect(store.getState().opened.callId).toBe('customer-1')
    expect(drafts(store)).toEqual([])

    await transfers.start(BURGERZAKEN, 'warm')
    expect(store.getState().transfer.intent).toMatchObject({ phase: 'handed', klantcontact: { uuid: UUID } })
    expect(api.announceTransfer).toHaveBeenCalledWith(
      { klantcontactUuid: UUID },
      { type: 'afdeling', id: 'burgerzaken' },
    )
    expect(softphone.startConsult).toHaveBeenCalledWith('3100', { klantcontactnummer: NUMMER })
  })
})
