import { afterEach, describe, expect, it } from 'vitest'
import type { Klantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import { startTransferReceiver } from '../../../renderer/src/incoming-transfer/transfer-receiver'
import type { AppStore } from '../../../renderer/src/store'
import {
  AFDELING,
  AGENT,
  COLLEAGUE,
  NUMMER,
  RING,
  UUID,
  fakeApi,
  offerOf,
  problem,
  recordingLogger,
  resolvedOf,
  setCall,
  setDirectory,
  setOffers,
  settle,
  storeOver,
  unreachable,
  viewOf,
} from './fixtures'
import { coordinate } from '../workspace/coordinated'

const stops: Array<() => void> = []
afterEach(() => {
  for (const stop of stops.splice(0)) {
    stop()
  }
})

/** The receiver on the call events of a coordinator over a fresh store, as workspace/runtime.ts wires it. */
function receiving(api = fakeApi()) {
  const { store } = storeOver()
  setDirectory(store)
  const logger = recordingLogger()
  const { events } = coordinate(store, { agentLogin: AGENT, afdeling: AFDELING, now: () => RING })
  stops.push(startTransferReceiver({ events, store, api, logger }))
  return { store, api, logger, opened: () => store.getState().opened }
}

/** The customer's call replacing the consult call (INVITE with Replaces), as the softphone shows it. */
function replace(store: AppStore, changes: Parameters<typeof setCall>[1] = {}) {
  // The consult call was answered before the colleague completed the transfer.
  setCall(store, { state: 'ended', answeredAt: RING + 10_000 })
  setCall(store, {
    id: 'call-2',
    sipCallId: 'customer-1@sbc.gemeente.example',
    state: 'connecting',
    remoteNumber: '0612345678',
    replacedSipCallId: 'consult-1@pc12.gemeente.example',
    startedAt: RING + 30_000,
    ...changes,
  })
}

describe('startTransferReceiver', () => {
  it('opens the klantcontact of a ringing call that carries a nummer, through the transfer record', async () => {
    const { store, api, opened } = receiving()
    setCall(store, { klantcontactnummer: NUMMER })
    await settle()
    expect(api.resolveTransfer).toHaveBeenCalledExactlyOnceWith(NUMMER)
    expect(api.klantcontactByNummer).not.toHaveBeenCalled()
    expect(opened()).toMatchObject({ status: 'ready', source: 'transfer', callId: 'call-1', nummer: NUMMER })
    expect(opened().view?.uuid).toBe(UUID)
    expect(store.getState().workspace.phone.call?.state).toBe('ringing')
  })

  it('opens nothing for a nummer no transfer addresses to this agent, and warns', async () => {
    const { store, logger, opened } = receiving(fakeApi({ resolve: problem(404) }))
    setCall(store, { remoteNumber: '0201234567', klantcontactnummer: '26000001' as Klantcontactnummer })
    await settle()
    expect(opened().status).toBe('idle')
    expect(logger.lines.filter(([level]) => level === 'warn')).toHaveLength(1)
    expect(JSON.stringify(logger.lines)).not.toContain('26000001')
  })

  it('leaves what was open alone when a forged nummer rings in', async () => {
    const { store, opened } = receiving(fakeApi({ resolve: problem(404) }))
    store.getState().opened.show({ source: 'manual', nummer: '7' }, viewOf({ uuid: 'other', nummer: '7' }))
    store.getState().opened.editAnswer('Half getypt')
    setCall(store, { klantcontactnummer: '26000001' as Klantcontactnummer })
    await settle()
    expect(opened()).toMatchObject({ nummer: '7', answer: { text: 'Half getypt' } })
  })

  it('shows why a transfer could not be opened when the gateway did not answer', async () => {
    const { store, opened } = receiving(fakeApi({ resolve: unreachable() }))
    setCall(store, { klantcontactnummer: NUMMER })
    await settle()
    expect(opened()).toMatchObject({ status: 'failed', source: 'transfer', nummer: NUMMER, callId: 'call-1' })
    expect(opened().error).toEqual({ kind: 'unreachable' })
  })

  it('asks nothing for an ordinary call, an outbound call or a call without a transfer offer', async () => {
    const { store, api } = receiving()
    setCall(store, { remoteNumber: '0612345678' })
    setCall(store, { id: 'out', direction: 'outbound', state: 'connecting', klantcontactnummer: NUMMER })
    await settle()
    expect(api.resolveTransfer).not.toHaveBeenCalled()
  })

  it('takes the nummer from the live transfer offer when a PBX stripped the header', async () => {
    const { store, api, opened } = receiving()
    setOffers(store, [offerOf()])
    setCall(store, { assertedCaller: COLLEAGUE })
    await settle()
    expect(api.resolveTransfer).toHaveBeenCalledExactlyOnceWith(NUMMER)
    expect(opened()).toMatchObject({ status: 'ready', source: 'transfer', callId: 'call-1' })
  })

  it('also takes an offer that arrives while the call still rings', async () => {
    const { store, api } = receiving()
    setCall(store, { assertedCaller: COLLEAGUE })
    expect(api.resolveTransfer).not.toHaveBeenCalled()
    setOffers(store, [offerOf()])
    await settle()
    expect(api.resolveTransfer).toHaveBeenCalledExactlyOnceWith(NUMMER)
  })

  it('takes the newest offer, for this agent or its afdeling, of the colleague the call is asserted to come from', async () => {
    const { store, api } = receiving()
    setOffers(store, [
      offerOf({
        transferId: 'old',
        klantcontactnummer: '1',
        offeredAt: new Date(RING - 50_000).toISOString(),
      }),
      offerOf({
        transferId: 'afdeling',
        klantcontactnummer: '2',
        to: { kind: 'afdeling', afdeling: AFDELING },
        offeredAt: new Date(RING - 1_000).toISOString(),
      }),
      offerOf({
        transferId: 'other',
        klantcontactnummer: '3',
        from: 'medewerker3',
        offeredAt: new Date(RING).toISOString(),
      }),
    ])
    setCall(store, { assertedCaller: COLLEAGUE })
    await settle()
    expect(api.resolveTransfer).toHaveBeenCalledExactlyOnceWith('2')
  })

  it('never gives a pending offer’s klantcontact to a call without an asserted caller', async () => {
    const { store, api, opened } = receiving()
    setOffers(store, [
      offerOf({ transferId: 'agent' }),
      offerOf({ transferId: 'afdeling', to: { kind: 'afdeling', afdeling: AFDELING } }),
    ])
    // A guest's call with no headers at all, and one whose From merely names the colleague.
    setCall(store, { remoteNumber: 'burger' })
    await settle()
    setCall(store, { state: 'ended' })
    setCall(store, { id: 'call-2', sipCallId: 'spoof@pc', remoteNumber: COLLEAGUE })
    await settle()
    expect(api.resolveTransfer).not.toHaveBeenCalled()
    expect(opened().status).toBe('idle')
  })

  it('never gives an offer to the call of a colleague other than the one who made it', async () => {
    const { store, api } = receiving()
    setOffers(store, [offerOf(), offerOf({ transferId: 'a', to: { kind: 'afdeling', afdeling: AFDELING } })])
    setCall(store, { remoteNumber: 'medewerker3', assertedCaller: 'medewerker3' })
    await settle()
    // An extension the directory does not know is no colleague at all.
    setCall(store, { state: 'ended' })
    setCall(store, { id: 'call-2', sipCallId: 'x@pc', assertedCaller: 'onbekend' })
    await settle()
    expect(api.resolveTransfer).not.toHaveBeenCalled()
  })

  it('waits for the directory before it takes an offer for an asserted caller', async () => {
    const { store } = storeOver()
    const api = fakeApi()
    const { events } = coordinate(store, { agentLogin: AGENT, afdeling: AFDELING, now: () => RING })
    stops.push(startTransferReceiver({ events, store, api, logger: recordingLogger() }))
    setOffers(store, [offerOf()])
    setCall(store, { assertedCaller: COLLEAGUE })
    await settle()
    expect(api.resolveTransfer).not.toHaveBeenCalled()
    setDirectory(store)
    await settle()
    expect(api.resolveTransfer).toHaveBeenCalledExactlyOnceWith(NUMMER)
  })

  it('ignores offers that are old, its own, or for someone else, and uses each offer once', async () => {
    const { store, api } = receiving()
    setOffers(store, [
      offerOf({ transferId: 'a', offeredAt: new Date(RING - 61_000).toISOString() }),
      offerOf({ transferId: 'b', from: AGENT }),
      offerOf({ transferId: 'c', to: { kind: 'agent', login: 'medewerker3' } }),
      offerOf({ transferId: 'd', to: { kind: 'afdeling', afdeling: 'kcc' } }),
    ])
    setCall(store, { assertedCaller: COLLEAGUE })
    await settle()
    expect(api.resolveTransfer).not.toHaveBeenCalled()

    setOffers(store, [offerOf({ transferId: 'e' })])
    await settle()
    setCall(store, { state: 'ended' })
    setCall(store, {
      id: 'call-2',
      sipCallId: 'other@pc',
      startedAt: RING + 1_000,
      assertedCaller: COLLEAGUE,
    })
    await settle()
    expect(api.resolveTransfer).toHaveBeenCalledOnce()
  })

  it('never attaches an offer to a call that is already going on', async () => {
    const { store, api } = receiving()
    setCall(store, { state: 'active', answeredAt: RING + 3_000, assertedCaller: COLLEAGUE })
    setOffers(store, [offerOf({ to: { kind: 'afdeling', afdeling: AFDELING } })])
    await settle()
    expect(api.resolveTransfer).not.toHaveBeenCalled()
  })

  it("reads the agent's afdeling from the session when it is not given", async () => {
    const { store } = storeOver()
    setDirectory(store)
    const api = fakeApi()
    const { events } = coordinate(store, { agentLogin: AGENT, now: () => RING })
    stops.push(startTransferReceiver({ events, store, api, logger: recordingLogger() }))
    store.getState().workspace.setSession({
      status: 'active',
      agent: {
        login: AGENT,
        displayName: 'Medewerker Twee',
        email: 'm2@gemeente.example',
        role: 'agent',
        afdeling: { id: AFDELING, naam: 'Afdeling Vergunningen' },
        answerField: 'inhoud',
        monitorNotice: true,
      },
    })
    setOffers(store, [offerOf({ to: { kind: 'afdeling', afdeling: AFDELING } })])
    setCall(store, { assertedCaller: COLLEAGUE })
    await settle()
    expect(api.resolveTransfer).toHaveBeenCalledWith(NUMMER)
  })

  it('keeps the klantcontact, and the answer being typed, when the customer replaces the consult call', async () => {
    const { store, api, opened } = receiving()
    setCall(store, { klantcontactnummer: NUMMER })
    await settle()
    store.getState().opened.editAnswer('Ja, daar is een vergunning voor nodig.')
    replace(store, { klantcontactnummer: NUMMER })
    await settle()
    expect(api.resolveTransfer).toHaveBeenCalledOnce()
    expect(opened()).toMatchObject({
      status: 'ready',
      callId: 'call-2',
      nummer: NUMMER,
      answer: { text: 'Ja, daar is een vergunning voor nodig.' },
    })
  })

  it('follows the replacing call by the replaced one when the nummer came from an offer', async () => {
    const { store, api, opened } = receiving()
    setOffers(store, [offerOf()])
    setCall(store, { assertedCaller: COLLEAGUE })
    await settle()
    replace(store)
    await settle()
    expect(api.resolveTransfer).toHaveBeenCalledOnce()
    expect(opened()).toMatchObject({ status: 'ready', callId: 'call-2' })
  })

  it('asks once, and opens with the customer call, when the replacement comes before the answer', async () => {
    let answer: (value: ReturnType<typeof resolvedOf>) => void = () => undefined
    const api = fakeApi({ resolve: () => new Promise((resolve) => (answer = resolve)) })
    const { store, opened } = receiving(api)
    setCall(store, { klantcontactnummer: NUMMER, state: 'active', answeredAt: RING + 5_000 })
    replace(store, { klantcontactnummer: NUMMER })
    answer(resolvedOf())
    await settle()
    expect(api.resolveTransfer).toHaveBeenCalledOnce()
    expect(opened()).toMatchObject({ status: 'ready', callId: 'call-2' })
  })

  it('takes the klantcontact off the screen when the agent declines the transferred call or lets it ring out', async () => {
    const { store, opened } = receiving()
    setCall(store, { klantcontactnummer: NUMMER })
    await settle()
    expect(opened().status).toBe('ready')
    setCall(store, { klantcontactnummer: NUMMER, state: 'ended' })
    expect(opened()).toMatchObject({ status: 'idle' })
    expect(opened().view).toBeUndefined()
  })

  it('shows nothing when the transfer resolves only after the call ended unanswered', async () => {
    let answer: (value: ReturnType<typeof resolvedOf>) => void = () => undefined
    const { store, opened } = receiving(
      fakeApi({ resolve: () => new Promise((resolve) => (answer = resolve)) }),
    )
    setCall(store, { klantcontactnummer: NUMMER })
    setCall(store, { klantcontactnummer: NUMMER, state: 'ended' })
    answer(resolvedOf())
    await settle()
    expect(opened().status).toBe('idle')
  })

  it('keeps the klantcontact through nawerk when the agent answered the transferred call', async () => {
    const { store, opened } = receiving()
    setCall(store, { klantcontactnummer: NUMMER })
    await settle()
    setCall(store, { klantcontactnummer: NUMMER, state: 'active', answeredAt: RING + 3_000 })
    setCall(store, { klantcontactnummer: NUMMER, state: 'ended', answeredAt: RING + 3_000 })
    expect(opened()).toMatchObject({ status: 'ready', source: 'transfer', callId: 'call-1' })
  })

  it('leaves a klantcontact the agent opened by its nummer alone when an unanswered call ends', async () => {
    const { store, opened } = receiving()
    store.getState().opened.show({ source: 'manual', nummer: NUMMER }, viewOf())
    setCall(store, { remoteNumber: '0201234567' })
    setCall(store, { remoteNumber: '0201234567', state: 'ended' })
    expect(opened()).toMatchObject({ status: 'ready', source: 'manual' })
  })

  it('writes nothing after it was stopped', async () => {
    let answer: (value: ReturnType<typeof resolvedOf>) => void = () => undefined
    const { store } = storeOver()
    const api = fakeApi({ resolve: () => new Promise((resolve) => (answer = resolve)) })
    const { events } = coordinate(store, { agentLogin: AGENT })
    const stop = startTransferReceiver({ events, store, api, logger: recordingLogger() })
    setCall(store, { klantcontactnummer: NUMMER })
    stop()
    answer(resolvedOf())
    await settle()
    setCall(store, { id: 'call-2', klantcontactnummer: '1' as Klantcontactnummer })
    expect(store.getState().opened.status).toBe('idle')
    expect(api.resolveTransfer).toHaveBeenCalledOnce()
  })
})
