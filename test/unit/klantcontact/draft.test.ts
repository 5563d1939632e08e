import { describe, expect, it } from 'vitest'
import {
  applyPatch,
  isEditable,
  nextStatus,
  type DraftEvent,
  type DraftStatus,
} from '../../../renderer/src/klantcontact/draft'
import { draftWith } from './fixtures'

const ALL_EVENTS: DraftEvent[] = ['edit', 'save', 'send', 'confirmed', 'retryable', 'refused', 'requeue']

describe('the draft status machine', () => {
  it('goes editing → queued → sending → saved', () => {
    expect(nextStatus('editing', 'save')).toBe('queued')
    expect(nextStatus('queued', 'send')).toBe('sending')
    expect(nextStatus('sending', 'confirmed')).toBe('saved')
  })

  it('waits after a retryable failure and sends again from there', () => {
    expect(nextStatus('sending', 'retryable')).toBe('waiting')
    expect(nextStatus('waiting', 'send')).toBe('sending')
  })

  it('returns a refused draft to editing on the next edit, and queues it again on save', () => {
    expect(nextStatus('sending', 'refused')).toBe('rejected')
    expect(nextStatus('rejected', 'edit')).toBe('editing')
    expect(nextStatus('rejected', 'save')).toBe('queued')
  })

  it('puts a sending draft back in the queue (401, or a reload)', () => {
    expect(nextStatus('sending', 'requeue')).toBe('queued')
  })

  it.each<DraftStatus>(['queued', 'sending', 'waiting', 'saved'])('refuses edits while %s', (status) => {
    expect(nextStatus(status, 'edit')).toBeUndefined()
    expect(isEditable(status)).toBe(false)
  })

  it('ends at saved', () => {
    for (const event of ALL_EVENTS) {
      expect(nextStatus('saved', event)).toBeUndefined()
    }
  })
})

describe('applyPatch', () => {
  it('clears the error of the edited field only, and the general error', () => {
    const draft = draftWith({
      status: 'rejected',
      fieldErrors: { onderwerp: 'leeg', inhoud: 'te lang' },
      lastError: 'geweigerd',
    })
    const next = applyPatch(draft, { onderwerp: 'Paspoort' })
    expect(next?.status).toBe('editing')
    expect(next?.fieldErrors).toEqual({ inhoud: 'te lang' })
    expect(next?.lastError).toBeUndefined()
  })

  it('refuses to change a draft that is on its way', () => {
    expect(applyPatch(draftWith({ status: 'waiting' }), { onderwerp: 'x' })).toBeUndefined()
  })

  it("keeps a call's kanaal Telefoon, but lets a manual contact choose", () => {
    expect(applyPatch(draftWith(), { kanaal: 'Balie' })?.kanaal).toBe('Telefoon')
    const { callId: _call, ...manual } = draftWith()
    expect(applyPatch(manual, { kanaal: 'Balie' })?.kanaal).toBe('Balie')
  })

  it('remembers that the agent edited plaatsgevondenOp', () => {
    const next = applyPatch(draftWith(), { plaatsgevondenOp: '2026-03-02T09:00:00.000Z' })
    expect(next?.plaatsgevondenOpEdited).toBe(true)
    expect(applyPatch(draftWith(), { onderwerp: 'x' })?.plaatsgevondenOpEdited).toBe(false)
  })

  it('unlinks an accepted partij when the agent changes the name away from it', () => {
    const suggestion = { uuid: '5e0f8a51-59b5-4f1a-a9a1-6d1f64f4c0a1', naam: 'Jan de Vries' }
    const linked = draftWith({ suggestion, partijUuid: suggestion.uuid, naamKlant: suggestion.naam })
    expect(applyPatch(linked, { onderwerp: 'x' })?.partijUuid).toBe(suggestion.uuid)
    expect(applyPatch(linked, { naamKlant: 'Marie de Vries' })?.partijUuid).toBeUndefined()
  })
})
