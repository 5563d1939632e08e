import { afterEach, describe, expect, it, vi } from 'vitest'
import { memoryStorage, PERSIST_KEY } from '../../../renderer/src/klantcontact/persistence'
import { createAppStore } from '../../../renderer/src/store'
import { AGENT, draftWith, RING } from './fixtures'
import { queueDraft, storeOver, viewOf } from './store-fixtures'

afterEach(() => {
  vi.restoreAllMocks()
})

function stored(storage: ReturnType<typeof memoryStorage>): unknown {
  return JSON.parse(storage.values.get(PERSIST_KEY) ?? 'null')
}

describe('durable drafts', () => {
  it('keeps a keystroke across a reload', () => {
    const { store, storage } = storeOver()
    const id = store.getState().klantcontact.openForCall({ agentLogin: AGENT, callId: 'c1', at: RING })
    store.getState().klantcontact.update(id, { inhoud: 'Wil een nieuwe afvalpas' })

    const reloaded = storeOver(storage).store.getState().klantcontact
    expect(reloaded.drafts[id]?.inhoud).toBe('Wil een nieuwe afvalpas')
    expect(reloaded.activeId).toBe(id)
  })

  it('stores only the drafts and the active id, under kcc.klantcontact.v1 with a version', () => {
    const { store, storage } = storeOver()
    store.getState().klantcontact.openManual(AGENT, RING)
    const value = stored(storage) as { state: Record<string, unknown>; version: number }
    expect(value.version).toBe(1)
    expect(Object.keys(value.state)).toEqual(['klantcontact'])
    expect(Object.keys(value.state['klantcontact'] as object).sort()).toEqual(['activeId', 'drafts'])
  })

  it('queues a draft again that was being sent when the app went away', () => {
    const { store, storage } = storeOver()
    const id = queueDraft(store)
    store.getState().klantcontact.markSending(id)

    const draft = storeOver(storage).store.getState().klantcontact.drafts[id]
    expect(draft?.status).toBe('queued')
    expect(draft?.request?.onderwerp).toBe('Afvalpas kwijt')
  })

  it('keeps only the nummer of a saved draft, not its content', () => {
    const { store, storage } = storeOver()
    const id = queueDraft(store, 'Vertrouwelijke zaak')
    store.getState().klantcontact.markSending(id)
    store.getState().klantcontact.markSaved(id, viewOf('26000009'))
    expect(storage.values.get(PERSIST_KEY)).not.toContain('Vertrouwelijke zaak')
    expect(storeOver(storage).store.getState().klantcontact.drafts[id]).toMatchObject({
      status: 'saved',
      nummer: '26000009',
      onderwerp: '',
    })
  })

  it('starts empty, without crashing, when the stored value is not JSON', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const storage = memoryStorage()
    storage.setItem(PERSIST_KEY, '{"state": {"klantcontact": ')
    const { store } = storeOver(storage)
    expect(store.getState().klantcontact.drafts).toEqual({})
    store.getState().klantcontact.openManual(AGENT, RING)
    expect(
      Object.keys(
        (stored(storage) as { state: { klantcontact: { drafts: object } } }).state.klantcontact.drafts,
      ),
    ).toHaveLength(1)
  })

  it('drops stored drafts that are not drafts and keeps the good ones', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const good = draftWith({ onderwerp: 'Paspoort' })
    const storage = memoryStorage()
    storage.setItem(
      PERSIST_KEY,
      JSON.stringify({
        version: 1,
        state: {
          klantcontact: {
            drafts: {
              [good.id]: good,
              'not-a-uuid': { ...good, id: 'not-a-uuid' },
              '2b1e6a3c-1111-4c2a-9d3e-1f2a3b4c5d6e': {
                id: '2b1e6a3c-1111-4c2a-9d3e-1f2a3b4c5d6e',
                status: 'flying',
              },
              '3c1e6a3c-2222-4c2a-9d3e-1f2a3b4c5d6e': 42,
            },
            activeId: 'not-a-uuid',
          },
        },
      }),
    )
    const state = storeOver(storage).store.getState().klantcontact
    expect(Object.keys(state.drafts)).toEqual([good.id])
    expect(state.activeId).toBeNull()
  })

  it('survives a stored value of entirely the wrong shape', () => {
    for (const value of [
      'null',
      '[]',
      '42',
      '{"state": "x"}',
      '{"state": {"klantcontact": {"drafts": []}}}',
    ]) {
      const storage = memoryStorage()
      storage.setItem(PERSIST_KEY, value)
      expect(storeOver(storage).store.getState().klantcontact.drafts).toEqual({})
    }
  })

  it('reads drafts of another version when they still look like drafts', () => {
    vi.spyOn(console, 'info').mockImplementation(() => undefined)
    const good = draftWith({ onderwerp: 'Paspoort' })
    const storage = memoryStorage()
    storage.setItem(
      PERSIST_KEY,
      JSON.stringify({ version: 0, state: { klantcontact: { drafts: { [good.id]: good } } } }),
    )
    expect(storeOver(storage).store.getState().klantcontact.drafts[good.id]?.onderwerp).toBe('Paspoort')
  })

  it('keeps working when localStorage refuses a write (quota)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const store = createAppStore({
      storage: {
        getItem: () => null,
        setItem: () => {
          throw new DOMException('full', 'QuotaExceededError')
        },
        removeItem: () => undefined,
      },
    })
    const id = store.getState().klantcontact.openManual(AGENT, RING)
    expect(store.getState().klantcontact.drafts[id]).toBeDefined()
    expect(error).toHaveBeenCalled()
  })
})
