import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AppStore } from '../../../renderer/src/store'
import {
  klantcontactOfCall,
  saveDraftFirst,
  type SaveOutcome,
} from '../../../renderer/src/transfer/call-klantcontact'
import { storeOver, viewOf } from '../klantcontact/store-fixtures'
import { NUMMER, SELF, UUID, draftForCall, flush, outboxSaves, savedDraftForCall } from './fixtures'

const TIMEOUT_MS = 8_000

/** The outcome once settled, undefined while pending. */
function watch(promise: Promise<SaveOutcome>): () => SaveOutcome | undefined {
  let outcome: SaveOutcome | undefined
  void promise.then((value) => {
    outcome = value
  })
  return () => outcome
}

const showTransferred = (store: AppStore, callId = 'call-1', view = viewOf('26000077')) =>
  store.getState().opened.show({ source: 'transfer', nummer: view.nummer ?? '', callId }, view)

afterEach(() => {
  vi.useRealTimers()
})

describe('klantcontactOfCall', () => {
  it('is ready with uuid, nummer and onderwerp once the agent’s draft for the call is saved', () => {
    const { store } = storeOver()
    savedDraftForCall(store)
    expect(klantcontactOfCall(store.getState(), 'call-1', SELF)).toEqual({
      kind: 'ready',
      klantcontact: { uuid: UUID, nummer: NUMMER, onderwerp: 'Dakkapel zonder vergunning' },
    })
  })

  it('names the draft while the agent’s klantcontact for the call is not saved yet', () => {
    const { store } = storeOver()
    const id = draftForCall(store)
    expect(klantcontactOfCall(store.getState(), 'call-1', SELF)).toEqual({ kind: 'draft', draftId: id })
    store.getState().klantcontact.requestSave(id)
    expect(klantcontactOfCall(store.getState(), 'call-1', SELF)).toEqual({ kind: 'draft', draftId: id })
  })

  it('takes the klantcontact a colleague transferred with this call (the agent passes it on again)', () => {
    const { store } = storeOver()
    const view = viewOf('26000077')
    showTransferred(store, 'call-1', view)
    expect(klantcontactOfCall(store.getState(), 'call-1', SELF)).toEqual({
      kind: 'ready',
      klantcontact: { uuid: view.uuid, nummer: '26000077', onderwerp: 'Afvalpas kwijt' },
    })
  })

  it('passes on a vertrouwelijk klantcontact without its onderwerp', () => {
    const { store } = storeOver()
    showTransferred(store, 'call-1', { ...viewOf('26000077'), onderwerp: null, afgeschermd: true })
    expect(klantcontactOfCall(store.getState(), 'call-1', SELF)).toMatchObject({
      kind: 'ready',
      klantcontact: { nummer: '26000077', onderwerp: null },
    })
  })

  it('prefers the agent’s own draft for the call to an opened klantcontact', () => {
    const { store } = storeOver()
    const id = draftForCall(store)
    showTransferred(store)
    expect(klantcontactOfCall(store.getState(), 'call-1', SELF)).toEqual({ kind: 'draft', draftId: id })
  })

  it('is none for a klantcontact the register saved without a nummer: there is nothing to pass on', () => {
    const { store } = storeOver()
    const id = draftForCall(store)
    store.getState().klantcontact.requestSave(id)
    store.getState().klantcontact.markSending(id)
    store.getState().klantcontact.markSaved(id, { ...viewOf(NUMMER), nummer: null })
    expect(klantcontactOfCall(store.getState(), 'call-1', SELF)).toEqual({ kind: 'none' })
  })

  it('is none for a call nobody registered', () => {
    const { store } = storeOver()
    expect(klantcontactOfCall(store.getState(), 'call-1', SELF)).toEqual({ kind: 'none' })
  })

  it('ignores drafts of other calls and of other agents, and a klantcontact opened for another call or still loading', () => {
    const { store } = storeOver()
    draftForCall(store, 'Ander gesprek', 'call-2')
    store.getState().klantcontact.openForCall({ agentLogin: 'medewerker9', callId: 'call-1', at: 0 })
    showTransferred(store, 'call-2')
    expect(klantcontactOfCall(store.getState(), 'call-1', SELF)).toEqual({ kind: 'none' })
    store.getState().opened.begin({ source: 'transfer', nummer: '26000077', callId: 'call-1' })
    expect(klantcontactOfCall(store.getState(), 'call-1', SELF)).toEqual({ kind: 'none' })
    store.getState().opened.show({ source: 'manual', nummer: '26000077' }, viewOf('26000077'))
    expect(klantcontactOfCall(store.getState(), 'call-1', SELF)).toEqual({ kind: 'none' })
  })
})

describe('saveDraftFirst', () => {
  it('refuses an invalid draft at once, with the field errors and focus on the first', async () => {
    const { store } = storeOver()
    const id = draftForCall(store, '')
    await expect(saveDraftFirst(store, id, TIMEOUT_MS)).resolves.toEqual({ ok: false, reason: 'invalid' })
    const draft = store.getState().klantcontact.drafts[id]
    expect(draft?.status).toBe('editing')
    expect(draft?.fieldErrors.onderwerp).toBeTruthy()
    expect(store.getState().klantcontact.focusRequest).toMatchObject({ draftId: id, field: 'onderwerp' })
  })

  it('presses Opslaan for the agent and answers once the outbox has saved the draft', async () => {
    const { store } = storeOver()
    const id = draftForCall(store)
    const outcome = watch(saveDraftFirst(store, id, TIMEOUT_MS))
    await flush()
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('queued')
    expect(outcome()).toBeUndefined()
    store.getState().klantcontact.markSending(id)
    await flush()
    expect(outcome()).toBeUndefined()
    store.getState().klantcontact.markSaved(id, viewOf('26000051'))
    await flush()
    expect(outcome()).toEqual({
      ok: true,
      klantcontact: {
        uuid: viewOf('26000051').uuid,
        nummer: '26000051',
        onderwerp: 'Dakkapel zonder vergunning',
      },
    })
  })

  it('keeps waiting while the outbox retries, and answers when it gets through', async () => {
    const { store } = storeOver()
    const id = draftForCall(store)
    const outcome = watch(saveDraftFirst(store, id, TIMEOUT_MS))
    store.getState().klantcontact.markSending(id)
    store.getState().klantcontact.markWaiting(id, 'De gateway is niet bereikbaar.')
    await flush()
    expect(outcome()).toBeUndefined()
    store.getState().klantcontact.markSending(id)
    store.getState().klantcontact.markSaved(id, viewOf(NUMMER))
    await flush()
    expect(outcome()).toMatchObject({ ok: true, klantcontact: { nummer: NUMMER } })
  })

  it('answers at once for a draft that is saved already, and does not send it again', async () => {
    const { store } = storeOver()
    const id = savedDraftForCall(store)
    await expect(saveDraftFirst(store, id, TIMEOUT_MS)).resolves.toEqual({
      ok: true,
      klantcontact: { uuid: UUID, nummer: NUMMER, onderwerp: 'Dakkapel zonder vergunning' },
    })
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('saved')
  })

  it('waits for a draft the agent had already queued', async () => {
    const { store } = storeOver()
    const id = draftForCall(store)
    store.getState().klantcontact.requestSave(id)
    const outcome = watch(saveDraftFirst(store, id, TIMEOUT_MS))
    await flush()
    expect(outcome()).toBeUndefined()
    outboxSaves(store, id)
    await flush()
    expect(outcome()).toMatchObject({ ok: true, klantcontact: { uuid: UUID } })
  })

  it('reports a draft the gateway rejected', async () => {
    const { store } = storeOver()
    const id = draftForCall(store)
    const outcome = watch(saveDraftFirst(store, id, TIMEOUT_MS))
    store.getState().klantcontact.markSending(id)
    store.getState().klantcontact.markRejected(id, {
      status: 400,
      invalidParams: [{ name: 'onderwerp', code: 'invalid', reason: 'Te lang.' }],
    })
    await flush()
    expect(outcome()).toEqual({ ok: false, reason: 'rejected' })
  })

  it('presses Opslaan again for a draft the gateway rejected before, now corrected', async () => {
    const { store } = storeOver()
    const id = draftForCall(store)
    store.getState().klantcontact.requestSave(id)
    store.getState().klantcontact.markSending(id)
    store.getState().klantcontact.markRejected(id, undefined, 'Nee.')
    const outcome = watch(saveDraftFirst(store, id, TIMEOUT_MS))
    await flush()
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('queued')
    outboxSaves(store, id)
    await flush()
    expect(outcome()).toMatchObject({ ok: true })
  })

  it('gives up after the timeout, leaving the draft queued for the outbox', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { store } = storeOver()
    const id = draftForCall(store)
    const outcome = watch(saveDraftFirst(store, id, TIMEOUT_MS))
    vi.advanceTimersByTime(TIMEOUT_MS - 1)
    await flush()
    expect(outcome()).toBeUndefined()
    vi.advanceTimersByTime(1)
    await flush()
    expect(outcome()).toEqual({ ok: false, reason: 'timeout' })
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('queued')
  })

  it('stays with its first outcome: a save after the timeout changes nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { store } = storeOver()
    const id = draftForCall(store)
    const outcome = watch(saveDraftFirst(store, id, 100))
    vi.advanceTimersByTime(100)
    outboxSaves(store, id)
    await flush()
    expect(outcome()).toEqual({ ok: false, reason: 'timeout' })
  })

  it('sets no timer that outlives a settled save', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { store } = storeOver()
    const id = savedDraftForCall(store)
    await saveDraftFirst(store, id, TIMEOUT_MS)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('reports a draft that is gone: dismissed before, or rekeyed by the outbox while waiting', async () => {
    const { store } = storeOver()
    const dismissed = draftForCall(store)
    store.getState().klantcontact.dismiss(dismissed, { discardUnsaved: true })
    await expect(saveDraftFirst(store, dismissed, TIMEOUT_MS)).resolves.toEqual({ ok: false, reason: 'gone' })

    const id = draftForCall(store, 'Paspoort', 'call-2')
    const outcome = watch(saveDraftFirst(store, id, TIMEOUT_MS))
    store.getState().klantcontact.markSending(id)
    store.getState().klantcontact.rekey(id)
    await flush()
    expect(outcome()).toEqual({ ok: false, reason: 'gone' })
  })
})
