import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AssigneeRef, TransferView } from '../../../shared/gateway/api'
import { GatewayError } from '../../../renderer/src/api/errors'
import type { TransferSubject } from '../../../renderer/src/api/gateway-client'
import type { CallSnapshot, TransferSnapshot } from '../../../renderer/src/softphone/types'
import type { AppStore } from '../../../renderer/src/store'
import type { TransferPhase } from '../../../renderer/src/transfer/state'
import { TransferService } from '../../../renderer/src/transfer/transfer-service'
import { quietLogger, storeOver, viewOf } from '../klantcontact/store-fixtures'
import {
  BRAM,
  NUMMER,
  SELF,
  UUID,
  VERGUNNINGEN,
  callOf,
  deferred,
  draftForCall,
  fakeSoftphone,
  fakeTransferApi,
  flush,
  outboxSaves,
  recordOf,
  savedDraftForCall,
  setPhone,
  transferOf,
} from './fixtures'

interface Setup {
  call?: CallSnapshot | null
  transfer?: TransferSnapshot | null
  announce?: (subject: TransferSubject, target: AssigneeRef) => Promise<TransferView>
  saveTimeoutMs?: number
}

function setup(options: Setup = {}) {
  const { store } = storeOver()
  setPhone(store, {
    call: options.call === undefined ? callOf() : options.call,
    transfer: options.transfer ?? null,
  })
  const api = fakeTransferApi(options.announce)
  const softphone = fakeSoftphone()
  const refreshDirectory = vi.fn()
  const service = new TransferService({
    store,
    api,
    softphone,
    agentLogin: SELF,
    refreshDirectory,
    logger: quietLogger,
    ...(options.saveTimeoutMs !== undefined ? { saveTimeoutMs: options.saveTimeoutMs } : {}),
  })
  const phases = recordPhases(store)
  const intent = () => store.getState().transfer.intent
  return { store, api, softphone, service, phases, intent, refreshDirectory }
}

/** Every phase the intent went through, in order. */
function recordPhases(store: AppStore): TransferPhase[] {
  const phases: TransferPhase[] = []
  store.subscribe((state, previous) => {
    const phase = state.transfer.intent?.phase
    if (phase !== undefined && phase !== previous.transfer.intent?.phase) {
      phases.push(phase)
    }
  })
  return phases
}

const rejected = (status: number, detail?: string): GatewayError =>
  new GatewayError(
    'rejected',
    status,
    detail !== undefined ? { status, detail } : undefined,
    `HTTP ${status}`,
  )

beforeEach(() => {
  // The slices log ignored transitions at debug; the assertions below are on the state.
  vi.spyOn(console, 'debug').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('TransferService.start, warm', () => {
  it('announces the saved klantcontact to the afdeling, then consults it with the nummer the gateway returned', async () => {
    const { store, api, softphone, service, phases, intent } = setup()
    savedDraftForCall(store)
    await service.start(VERGUNNINGEN, 'warm')
    expect(api.announceTransfer).toHaveBeenCalledTimes(1)
    expect(api.announceTransfer).toHaveBeenCalledWith(
      { klantcontactUuid: UUID },
      { type: 'afdeling', id: 'vergunningen' },
    )
    expect(softphone.startConsult).toHaveBeenCalledWith('vergunningen', { klantcontactnummer: NUMMER })
    expect(softphone.blindTransfer).not.toHaveBeenCalled()
    expect(phases).toEqual(['announcing', 'dialling', 'handed'])
    expect(intent()).toMatchObject({
      callId: 'call-1',
      kind: 'warm',
      target: VERGUNNINGEN,
      phase: 'handed',
      klantcontact: { uuid: UUID, nummer: NUMMER, onderwerp: 'Dakkapel zonder vergunning' },
    })
  })

  it('dials only after the gateway recorded the transfer', async () => {
    const record = deferred<TransferView>()
    const { store, softphone, service, intent } = setup({ announce: () => record.promise })
    savedDraftForCall(store)
    const started = service.start(BRAM, 'warm')
    await flush()
    expect(intent()?.phase).toBe('announcing')
    expect(softphone.startConsult).not.toHaveBeenCalled()
    record.resolve(recordOf({ klantcontactUuid: UUID }, { type: 'agent', id: BRAM.id }))
    await started
    expect(softphone.startConsult).toHaveBeenCalledWith('2002', { klantcontactnummer: NUMMER })
  })

  it("puts the gateway's nummer in the signalling, not one the app holds", async () => {
    const { store, softphone, service } = setup({
      announce: (subject, target) => Promise.resolve(recordOf(subject, target, '26000099')),
    })
    savedDraftForCall(store)
    await service.start(BRAM, 'warm')
    expect(softphone.startConsult).toHaveBeenCalledWith('2002', { klantcontactnummer: '26000099' })
  })

  it('saves an unsaved klantcontact first, and announces it once the outbox has saved it', async () => {
    const { store, api, softphone, service, phases, intent } = setup({
      announce: (subject, target) => Promise.resolve(recordOf(subject, target, '26000051')),
    })
    const id = draftForCall(store)
    const started = service.start(VERGUNNINGEN, 'warm')
    await flush()
    expect(intent()?.phase).toBe('saving')
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('queued')
    expect(api.announceTransfer).not.toHaveBeenCalled()

    outboxSaves(store, id, '26000051')
    await started
    const saved = viewOf('26000051')
    expect(api.announceTransfer).toHaveBeenCalledWith(
      { klantcontactUuid: saved.uuid },
      { type: 'afdeling', id: 'vergunningen' },
    )
    expect(softphone.startConsult).toHaveBeenCalledWith('vergunningen', { klantcontactnummer: '26000051' })
    expect(phases).toEqual(['saving', 'announcing', 'dialling', 'handed'])
    expect(intent()?.klantcontact).toEqual({
      uuid: saved.uuid,
      nummer: '26000051',
      onderwerp: 'Dakkapel zonder vergunning',
    })
  })

  it('refuses to dial when the klantcontact has invalid fields, and marks them', async () => {
    const { store, api, softphone, service, intent } = setup()
    const id = draftForCall(store, '')
    await service.start(VERGUNNINGEN, 'warm')
    expect(intent()).toMatchObject({ phase: 'refused', refusal: 'klantcontact_invalid' })
    expect(store.getState().klantcontact.drafts[id]?.fieldErrors.onderwerp).toBeTruthy()
    expect(api.announceTransfer).not.toHaveBeenCalled()
    expect(softphone.startConsult).not.toHaveBeenCalled()
    expect(softphone.blindTransfer).not.toHaveBeenCalled()
  })

  it('stops when the gateway rejects the klantcontact it was saving', async () => {
    const { store, api, softphone, service, intent } = setup()
    const id = draftForCall(store)
    const started = service.start(VERGUNNINGEN, 'warm')
    store.getState().klantcontact.markSending(id)
    store.getState().klantcontact.markRejected(id, undefined, 'Nee.')
    await started
    expect(intent()).toMatchObject({ phase: 'refused', refusal: 'klantcontact_not_saved' })
    expect(api.announceTransfer).not.toHaveBeenCalled()
    expect(softphone.startConsult).not.toHaveBeenCalled()
  })

  it('stops after the save timeout, leaving the klantcontact to the outbox', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { store, api, softphone, service, intent } = setup({ saveTimeoutMs: 2_000 })
    const id = draftForCall(store)
    const started = service.start(VERGUNNINGEN, 'warm')
    vi.advanceTimersByTime(2_000)
    await started
    expect(intent()).toMatchObject({ phase: 'refused', refusal: 'klantcontact_not_saved' })
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('queued')
    expect(api.announceTransfer).not.toHaveBeenCalled()
    expect(softphone.startConsult).not.toHaveBeenCalled()
  })

  it("reports the gateway's refusal of the transfer record with its own reason, and does not dial", async () => {
    const { store, softphone, service, intent } = setup({
      announce: () => Promise.reject(rejected(403, 'U bent niet betrokken bij dit klantcontact.')),
    })
    savedDraftForCall(store)
    await service.start(VERGUNNINGEN, 'warm')
    expect(intent()).toMatchObject({
      phase: 'refused',
      refusal: 'announce_refused',
      detail: 'U bent niet betrokken bij dit klantcontact.',
    })
    expect(softphone.startConsult).not.toHaveBeenCalled()
  })

  it('reports a refusal without a detail when the gateway gave none', async () => {
    const { store, service, intent } = setup({ announce: () => Promise.reject(rejected(409)) })
    savedDraftForCall(store)
    await service.start(VERGUNNINGEN, 'warm')
    expect(intent()).toMatchObject({ phase: 'refused', refusal: 'announce_refused' })
    expect(intent()).not.toHaveProperty('detail')
  })

  it('reports a gateway that failed on the record (5xx) as a failure to retry, not as unreachable', async () => {
    const { store, softphone, service, intent } = setup({
      announce: () => Promise.reject(new GatewayError('failed', 502, undefined, 'HTTP 502')),
    })
    savedDraftForCall(store)
    await service.start(VERGUNNINGEN, 'warm')
    expect(intent()).toMatchObject({ phase: 'refused', refusal: 'announce_failed' })
    expect(softphone.startConsult).not.toHaveBeenCalled()
  })

  it('dials without a nummer when the register saved the klantcontact without one', async () => {
    const { store, softphone, service, api, intent } = setup()
    const id = draftForCall(store)
    const started = service.start(VERGUNNINGEN, 'warm')
    store.getState().klantcontact.markSending(id)
    store.getState().klantcontact.markSaved(id, { ...viewOf(NUMMER), nummer: null })
    await started
    expect(api.announceTransfer).not.toHaveBeenCalled()
    expect(softphone.startConsult).toHaveBeenCalledWith(VERGUNNINGEN.address, {})
    expect(intent()).toMatchObject({ phase: 'handed' })
  })

  it('reports an unreachable gateway, and does not dial', async () => {
    const { store, softphone, service, intent } = setup({
      announce: () => Promise.reject(new GatewayError('unreachable', undefined, undefined, 'down')),
    })
    savedDraftForCall(store)
    await service.start(VERGUNNINGEN, 'warm')
    expect(intent()).toMatchObject({ phase: 'refused', refusal: 'unreachable' })
    expect(softphone.startConsult).not.toHaveBeenCalled()
  })

  it('reports dial_failed when the softphone refuses the consult', async () => {
    const { store, service, softphone, intent } = setup()
    savedDraftForCall(store)
    softphone.startConsult.mockRejectedValueOnce(new Error('no active call to transfer'))
    await expect(service.start(VERGUNNINGEN, 'warm')).resolves.toBeUndefined()
    expect(intent()).toMatchObject({ phase: 'refused', refusal: 'dial_failed' })
  })

  it('passes on the klantcontact a colleague transferred with this call', async () => {
    const { store, api, softphone, service } = setup({
      announce: (subject, target) => Promise.resolve(recordOf(subject, target, '26000077')),
    })
    const view = viewOf('26000077')
    store.getState().opened.show({ source: 'transfer', nummer: '26000077', callId: 'call-1' }, view)
    await service.start(BRAM, 'warm')
    expect(api.announceTransfer).toHaveBeenCalledWith(
      { klantcontactUuid: view.uuid },
      { type: 'agent', id: BRAM.id },
    )
    expect(softphone.startConsult).toHaveBeenCalledWith('2002', { klantcontactnummer: '26000077' })
  })

  it('transfers a call on hold as well', async () => {
    const { softphone, service } = setup({ call: callOf({ state: 'on_hold', held: true }) })
    await service.start(BRAM, 'warm')
    expect(softphone.startConsult).toHaveBeenCalledTimes(1)
  })
})

describe('TransferService.start, warm, while the softphone holds the customer', () => {
  it('hands the transfer to the softphone as soon as it has it, so Annuleren works before the consult rings', async () => {
    const { store, softphone, service, intent } = setup()
    savedDraftForCall(store)
    const consult = deferred<void>()
    softphone.startConsult.mockImplementation(() => {
      // The softphone's transfer begins at the call, in its holding step (transfer-states.ts).
      setPhone(store, { transfer: transferOf({ state: 'consulting', step: 'holding' }) })
      return consult.promise
    })

    const started = service.start(VERGUNNINGEN, 'warm')
    await flush()
    expect(intent()?.phase).toBe('handed')
    await service.cancel()
    expect(softphone.cancelConsult).toHaveBeenCalledTimes(1)

    consult.resolve()
    await started
    expect(intent()?.phase).toBe('handed')
  })

  it('leaves a transfer the softphone took to its own outcome when the hold fails', async () => {
    const { store, softphone, service, intent } = setup()
    savedDraftForCall(store)
    softphone.startConsult.mockImplementation(() => {
      setPhone(store, { transfer: transferOf({ state: 'consulting', step: 'holding' }) })
      return Promise.reject(new Error('the customer could not be put on hold'))
    })

    await service.start(VERGUNNINGEN, 'warm')

    expect(intent()).toMatchObject({ phase: 'handed' })
    expect(intent()?.refusal).toBeUndefined()
  })

  it('still refuses when the softphone refused before it had a transfer', async () => {
    const { store, softphone, service, intent } = setup()
    savedDraftForCall(store)
    softphone.startConsult.mockImplementation(() => Promise.reject(new RangeError('not a number')))

    await service.start(VERGUNNINGEN, 'warm')

    expect(intent()).toMatchObject({ phase: 'refused', refusal: 'dial_failed' })
  })
})

describe('TransferService.start, blind', () => {
  it('REFERs to the target with the nummer the gateway returned', async () => {
    const { store, softphone, service, intent } = setup()
    savedDraftForCall(store)
    await service.start(VERGUNNINGEN, 'blind')
    expect(softphone.blindTransfer).toHaveBeenCalledWith('vergunningen', { klantcontactnummer: NUMMER })
    expect(softphone.startConsult).not.toHaveBeenCalled()
    expect(intent()).toMatchObject({ kind: 'blind', phase: 'handed' })
  })

  it('hands over to the softphone as soon as the REFER is out, before its outcome', async () => {
    const outcome = deferred<TransferSnapshot>()
    const { store, softphone, service, intent } = setup()
    savedDraftForCall(store)
    softphone.blindTransfer.mockReturnValueOnce(outcome.promise)
    let done = false
    const started = service.start(VERGUNNINGEN, 'blind').then(() => {
      done = true
    })
    await flush()
    expect(intent()?.phase).toBe('handed')
    expect(done).toBe(false)
    outcome.resolve(transferOf({ kind: 'blind', state: 'completed' }))
    await started
    expect(done).toBe(true)
  })

  it('reports dial_failed when the softphone refuses the REFER', async () => {
    const { store, softphone, service, intent } = setup()
    savedDraftForCall(store)
    softphone.blindTransfer.mockRejectedValueOnce(new Error('the customer call is not established'))
    await service.start(VERGUNNINGEN, 'blind')
    expect(intent()).toMatchObject({ phase: 'refused', refusal: 'dial_failed' })
  })
})

describe('TransferService.start, without a klantcontact or a call', () => {
  it('announces nothing and dials without a nummer when nobody registered the call', async () => {
    const { api, softphone, service, phases, intent } = setup()
    await service.start(BRAM, 'warm')
    expect(api.announceTransfer).not.toHaveBeenCalled()
    expect(softphone.startConsult).toHaveBeenCalledWith('2002', {})
    expect(phases).toEqual(['announcing', 'dialling', 'handed'])
    expect(intent()).not.toHaveProperty('klantcontact')
  })

  it('blind-transfers without a nummer when nobody registered the call', async () => {
    const { softphone, service } = setup()
    await service.start(BRAM, 'blind')
    expect(softphone.blindTransfer).toHaveBeenCalledWith('2002', {})
  })

  it.each([
    ['no call', null],
    ['a ringing call', callOf({ state: 'ringing', answeredAt: undefined })],
    ['a call being set up', callOf({ state: 'connecting' })],
    ['an ended call', callOf({ state: 'ended' })],
  ] as const)('does nothing with %s', async (_name, call) => {
    const { store, api, softphone, service, intent } = setup({ call })
    savedDraftForCall(store)
    await service.start(VERGUNNINGEN, 'warm')
    expect(intent()).toBeNull()
    expect(api.announceTransfer).not.toHaveBeenCalled()
    expect(softphone.startConsult).not.toHaveBeenCalled()
  })
})

describe('TransferService.start, one at a time', () => {
  it('ignores a second Doorverbinden while the first is still being prepared', async () => {
    const record = deferred<TransferView>()
    const { store, api, softphone, service, intent } = setup({ announce: () => record.promise })
    savedDraftForCall(store)
    const first = service.start(VERGUNNINGEN, 'warm')
    await flush()
    await service.start(BRAM, 'blind')
    expect(api.announceTransfer).toHaveBeenCalledTimes(1)
    expect(intent()).toMatchObject({ target: VERGUNNINGEN, kind: 'warm', phase: 'announcing' })
    record.resolve(recordOf({ klantcontactUuid: UUID }, { type: 'afdeling', id: 'vergunningen' }))
    await first
    expect(softphone.startConsult).toHaveBeenCalledTimes(1)
    expect(softphone.blindTransfer).not.toHaveBeenCalled()
  })

  it("ignores Doorverbinden while the softphone's transfer is under way", async () => {
    const { store, api, softphone, service } = setup({ transfer: transferOf({ state: 'consulting' }) })
    savedDraftForCall(store)
    await service.start(BRAM, 'warm')
    expect(api.announceTransfer).not.toHaveBeenCalled()
    expect(softphone.startConsult).not.toHaveBeenCalled()
  })

  it('starts a new transfer after a refused one, and after one that failed at the softphone', async () => {
    const { store, api, softphone, service, intent } = setup({
      announce: () => Promise.reject(new GatewayError('unreachable', undefined, undefined, 'down')),
    })
    savedDraftForCall(store)
    await service.start(VERGUNNINGEN, 'warm')
    expect(intent()?.phase).toBe('refused')
    api.announceTransfer.mockImplementation((subject, target) => Promise.resolve(recordOf(subject, target)))
    await service.start(BRAM, 'warm')
    expect(intent()).toMatchObject({ target: BRAM, phase: 'handed' })

    setPhone(store, { transfer: transferOf({ state: 'failed', reason: 'busy' }) })
    await service.start(VERGUNNINGEN, 'blind')
    expect(softphone.blindTransfer).toHaveBeenCalledTimes(1)
    expect(intent()).toMatchObject({ target: VERGUNNINGEN, kind: 'blind', phase: 'handed' })
  })
})

describe('TransferService, after the start', () => {
  it('completes and cancels through the softphone', async () => {
    const { softphone, service } = setup()
    await service.complete()
    await service.cancel()
    expect(softphone.completeTransfer).toHaveBeenCalledTimes(1)
    expect(softphone.cancelConsult).toHaveBeenCalledTimes(1)
  })

  it('passes on a refused completion to the panel', async () => {
    const { softphone, service } = setup()
    softphone.completeTransfer.mockRejectedValueOnce(new Error('no consult'))
    await expect(service.complete()).rejects.toThrow('no consult')
  })

  it('closes what the panel shows about the last transfer', async () => {
    const { service, intent } = setup()
    await service.start(BRAM, 'warm')
    expect(intent()).not.toBeNull()
    service.dismiss()
    expect(intent()).toBeNull()
  })

  it('asks for the directory again to refresh the targets', () => {
    const { service, refreshDirectory } = setup()
    service.refreshTargets()
    expect(refreshDirectory).toHaveBeenCalledTimes(1)
  })
})

describe('TransferService.follow: reporting the outcome so the gateway closes the live offer', () => {
  const later = (changes: Partial<TransferSnapshot>) =>
    transferOf({ startedAt: Date.now() + 1_000, ...changes })

  async function handed() {
    const context = setup()
    savedDraftForCall(context.store)
    const stop = context.service.follow()
    await context.service.start(VERGUNNINGEN, 'warm')
    expect(context.intent()).toMatchObject({ phase: 'handed', transferId: 't-1' })
    return { ...context, stop }
  }

  it('reports accepted once, when the warm transfer completes', async () => {
    const { store, api, stop } = await handed()
    setPhone(store, { transfer: later({ state: 'consulting' }) })
    expect(api.closeTransfer).not.toHaveBeenCalled()
    setPhone(store, { transfer: later({ state: 'completed' }) })
    setPhone(store, { transfer: later({ state: 'completed', endedAt: Date.now() + 2_000 }) })
    expect(api.closeTransfer).toHaveBeenCalledTimes(1)
    expect(api.closeTransfer).toHaveBeenCalledWith('t-1', 'accepted')
    stop()
  })

  it('reports declined when the colleague did not take it, cancelled when the customer hung up', async () => {
    const first = await handed()
    setPhone(first.store, { transfer: later({ state: 'failed', reason: 'busy' }) })
    expect(first.api.closeTransfer).toHaveBeenCalledWith('t-1', 'declined')
    first.stop()
    const second = await handed()
    setPhone(second.store, { transfer: later({ state: 'failed', reason: 'customer_hung_up' }) })
    expect(second.api.closeTransfer).toHaveBeenCalledWith('t-1', 'cancelled')
    second.stop()
  })

  it('ignores the end state of an earlier transfer still in the snapshot', async () => {
    const { store, api, stop } = await handed()
    setPhone(store, {
      transfer: transferOf({ state: 'failed', reason: 'busy', startedAt: Date.now() - 60_000 }),
    })
    expect(api.closeTransfer).not.toHaveBeenCalled()
    stop()
  })

  it('reports cancelled when the transfer was announced but the softphone refused to dial', async () => {
    const { store, api, softphone, service } = setup()
    savedDraftForCall(store)
    const stop = service.follow()
    softphone.startConsult.mockRejectedValueOnce(new Error('no active call to transfer'))
    await service.start(VERGUNNINGEN, 'warm')
    expect(api.closeTransfer).toHaveBeenCalledWith('t-1', 'cancelled')
    stop()
  })

  it('reports nothing for a transfer without a klantcontact: there is no record to close', async () => {
    const { store, api, service } = setup()
    const stop = service.follow()
    await service.start(VERGUNNINGEN, 'warm')
    setPhone(store, { transfer: later({ state: 'completed' }) })
    expect(api.closeTransfer).not.toHaveBeenCalled()
    stop()
  })
})
