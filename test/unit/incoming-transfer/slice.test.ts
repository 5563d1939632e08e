import { describe, expect, it } from 'vitest'
import { PERSIST_KEY } from '../../../renderer/src/klantcontact/persistence'
import {
  INITIAL_OPENED,
  nextAnswerStatus,
  type AnswerEvent,
  type AnswerStatus,
} from '../../../renderer/src/incoming-transfer/state'
import { NUMMER, UUID, storeOver, viewOf } from './fixtures'

const TRANSFER = { source: 'transfer', nummer: NUMMER, callId: 'call-1' } as const

function ready() {
  const { store, storage } = storeOver()
  store.getState().opened.show(TRANSFER, viewOf())
  return { store, storage, o: () => store.getState().opened }
}

describe('the answer state machine', () => {
  it('allows exactly the transitions of its table', () => {
    const table: Record<AnswerStatus, Partial<Record<AnswerEvent, AnswerStatus>>> = {
      editing: { edit: 'editing', save: 'saving', invalid: 'failed' },
      saving: { confirmed: 'saved', refused: 'failed' },
      saved: { edit: 'editing', invalid: 'failed' },
      failed: { edit: 'editing', save: 'saving', invalid: 'failed' },
    }
    const events: AnswerEvent[] = ['edit', 'save', 'confirmed', 'refused', 'invalid']
    for (const [from, row] of Object.entries(table) as Array<[AnswerStatus, (typeof table)[AnswerStatus]]>) {
      for (const event of events) {
        expect(nextAnswerStatus(from, event), `${from} --${event}-->`).toBe(row[event])
      }
    }
  })
})

describe('the opened slice', () => {
  it('starts idle', () => {
    const { store } = storeOver()
    expect(store.getState().opened).toMatchObject(INITIAL_OPENED)
  })

  it('opens a nummer: loading, then the klantcontact', () => {
    const { store } = storeOver()
    const o = () => store.getState().opened
    o().begin({ source: 'manual', nummer: NUMMER })
    expect(o()).toMatchObject({ status: 'loading', source: 'manual', nummer: NUMMER })
    o().loaded(NUMMER, viewOf())
    expect(o()).toMatchObject({
      status: 'ready',
      view: { uuid: UUID },
      answer: { status: 'editing', text: '' },
    })
  })

  it('ignores the late answer for a nummer the agent has moved on from', () => {
    const { store } = storeOver()
    const o = () => store.getState().opened
    o().begin({ source: 'manual', nummer: '1' })
    o().begin({ source: 'manual', nummer: NUMMER })
    o().loaded('1', viewOf({ nummer: '1' }))
    o().loadFailed('1', { kind: 'not_found' })
    expect(o()).toMatchObject({ status: 'loading', nummer: NUMMER })
    expect(o().error).toBeUndefined()
  })

  it('says why a nummer could not be opened, and forgets it at the next try', () => {
    const { store } = storeOver()
    const o = () => store.getState().opened
    o().begin({ source: 'manual', nummer: NUMMER })
    o().loadFailed(NUMMER, { kind: 'not_found' })
    expect(o()).toMatchObject({ status: 'failed', nummer: NUMMER, error: { kind: 'not_found' } })
    o().begin({ source: 'manual', nummer: NUMMER })
    expect(o().error).toBeUndefined()
  })

  it('shows a transfer at once, with its call', () => {
    const { o } = ready()
    expect(o()).toMatchObject({ status: 'ready', source: 'transfer', callId: 'call-1', nummer: NUMMER })
  })

  it('keeps a half-typed answer when the same klantcontact is shown again, not for another one', () => {
    const { o } = ready()
    o().editAnswer('Ja, dat mag')
    o().show({ ...TRANSFER, callId: 'call-2' }, viewOf())
    expect(o().answer.text).toBe('Ja, dat mag')
    o().show({ source: 'transfer', nummer: '7' }, viewOf({ uuid: 'other', nummer: '7' }))
    expect(o().answer.text).toBe('')
  })

  it('lets the klantcontact follow the call that replaced the consult call, for its own nummer only', () => {
    const { o } = ready()
    o().followCall('7', 'call-x')
    expect(o().callId).toBe('call-1')
    o().followCall(NUMMER, 'call-2')
    expect(o()).toMatchObject({ status: 'ready', callId: 'call-2', view: { uuid: UUID } })
  })

  it('saves an answer: read-only while saving, then the updated klantcontact and an empty field', () => {
    const { o } = ready()
    o().editAnswer('Ja')
    expect(o().answerSaving(UUID)).toBe(true)
    o().editAnswer('changed while saving')
    expect(o().answer).toEqual({ status: 'saving', text: 'Ja' })
    const updated = viewOf({ inhoud: 'Vraag\n\nAntwoord: Ja' })
    o().answerSaved(UUID, updated)
    expect(o().answer).toEqual({ status: 'saved', text: '' })
    expect(o().view).toEqual(updated)
    o().editAnswer('Nog iets')
    expect(o().answer).toEqual({ status: 'editing', text: 'Nog iets' })
  })

  it('keeps the text of a refused answer, for the agent to correct or try again', () => {
    const { o } = ready()
    o().editAnswer('Ja')
    o().answerSaving(UUID)
    o().answerFailed(UUID, { kind: 'unreachable' })
    expect(o().answer).toEqual({ status: 'failed', text: 'Ja', error: { kind: 'unreachable' } })
    expect(o().answerSaving(UUID)).toBe(true)
    expect(o().answer.error).toBeUndefined()
  })

  it('does not send or settle an answer for a klantcontact that is no longer open', () => {
    const { o } = ready()
    o().editAnswer('Ja')
    expect(o().answerSaving('other-uuid')).toBe(false)
    o().answerSaving(UUID)
    o().show({ source: 'manual', nummer: '7' }, viewOf({ uuid: 'other', nummer: '7' }))
    o().answerSaved(UUID, viewOf({ inhoud: 'x' }))
    expect(o()).toMatchObject({ nummer: '7', answer: { status: 'editing', text: '' } })
  })

  it('closes back to idle', () => {
    const { o } = ready()
    o().close()
    expect(o()).toMatchObject(INITIAL_OPENED)
    expect(o().view).toBeUndefined()
  })

  it('is never persisted: the klantcontact and the answer stay out of localStorage', () => {
    const { store, storage, o } = ready()
    o().editAnswer('Ja, dat mag')
    store.getState().klantcontact.openManual('medewerker2')
    const stored = storage.values.get(PERSIST_KEY) ?? ''
    expect(stored).toContain('"drafts"')
    expect(JSON.parse(stored).state).not.toHaveProperty('opened')
    expect(stored).not.toContain(NUMMER)
    expect(stored).not.toContain('Dakkapel')
    // A reload starts with nothing opened.
    expect(storeOver(storage).store.getState().opened.status).toBe('idle')
  })
})
