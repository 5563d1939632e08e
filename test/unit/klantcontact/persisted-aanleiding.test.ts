import { describe, expect, it } from 'vitest'
import type { DraftAanleiding } from '../../../renderer/src/klantcontact/draft'
import { parseDraft } from '../../../renderer/src/klantcontact/persisted-draft'
import { AGENT, draftWith, RING } from './fixtures'
import { storeOver } from './store-fixtures'

const AANLEIDING: DraftAanleiding = {
  interneTaakUuid: '5f0c7a52-3d7e-4b1a-9c61-2e8f4a0b9d13',
  klantcontactUuid: '8a2e6c14-7b3f-4d5e-a1c9-0f6b2d8e4a71',
  klantcontactNummer: '26000042',
}

/** A call-back's draft as Terugbellen opens it, kept, and read back as a reload does. */
function callBackDraft(
  store: ReturnType<typeof storeOver>['store'],
  aanleiding: DraftAanleiding = AANLEIDING,
): string {
  return store.getState().klantcontact.openForCall({
    agentLogin: AGENT,
    callId: 'call-back-1',
    sipCallId: 'out-1@pc12',
    callerNumber: '0612345678',
    at: RING,
    aanleiding,
  })
}

describe('a call-back’s aanleiding across a reload', () => {
  it('keeps the contactverzoek and the original klantcontact of a draft being written', () => {
    const { store, storage } = storeOver()
    const id = callBackDraft(store)
    store.getState().klantcontact.update(id, { onderwerp: 'Teruggebeld over de afvalpas' })

    const draft = storeOver(storage).store.getState().klantcontact.drafts[id]
    expect(draft?.aanleiding).toEqual(AANLEIDING)
    expect(draft?.onderwerp).toBe('Teruggebeld over de afvalpas')
  })

  it('keeps the link in the frozen body of a draft queued when the app went away', () => {
    const { store, storage } = storeOver()
    const id = callBackDraft(store)
    store.getState().klantcontact.update(id, { onderwerp: 'Teruggebeld' })
    expect(store.getState().klantcontact.requestSave(id, RING)).toBe(true)
    store.getState().klantcontact.markSending(id)

    const draft = storeOver(storage).store.getState().klantcontact.drafts[id]
    expect(draft?.status).toBe('queued')
    expect(draft?.request?.aanleidingKlantcontactUuid).toBe(AANLEIDING.klantcontactUuid)
    expect(draft?.aanleiding?.interneTaakUuid).toBe(AANLEIDING.interneTaakUuid)
  })

  it('keeps an aanleiding whose original klantcontact has no nummer, as null', () => {
    const { store, storage } = storeOver()
    const id = callBackDraft(store, { ...AANLEIDING, klantcontactNummer: null })
    expect(storeOver(storage).store.getState().klantcontact.drafts[id]?.aanleiding).toEqual({
      ...AANLEIDING,
      klantcontactNummer: null,
    })
  })

  it('drops an aanleiding that is not two uuids, and keeps the draft', () => {
    for (const broken of [
      { ...AANLEIDING, interneTaakUuid: 'niet-een-uuid' },
      { ...AANLEIDING, klantcontactUuid: 42 },
      { klantcontactUuid: AANLEIDING.klantcontactUuid },
      'aanleiding',
    ]) {
      const draft = parseDraft({ ...draftWith(), aanleiding: broken })
      expect(draft).toBeDefined()
      expect(draft?.aanleiding).toBeUndefined()
    }
  })

  it('reads a nummer that is not text as unknown', () => {
    const draft = parseDraft({ ...draftWith(), aanleiding: { ...AANLEIDING, klantcontactNummer: 26000042 } })
    expect(draft?.aanleiding).toEqual({ ...AANLEIDING, klantcontactNummer: null })
  })

  it('leaves a draft that is no call-back without one', () => {
    const { store, storage } = storeOver()
    const id = store.getState().klantcontact.openForCall({ agentLogin: AGENT, callId: 'c1', at: RING })
    expect(storeOver(storage).store.getState().klantcontact.drafts[id]?.aanleiding).toBeUndefined()
  })
})
