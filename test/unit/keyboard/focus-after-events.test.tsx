import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FOCUS_WAIT_MS, startFocusAfterEvents } from '../../../renderer/src/keyboard/focus-after-events'
import type { KlantcontactDraft } from '../../../renderer/src/klantcontact/draft'
import { FOCUS_TARGETS } from '../../../renderer/src/lib/focus-targets'
import type { CallSnapshot } from '../../../renderer/src/softphone/types'
import type { AppStore } from '../../../renderer/src/store'
import type { CallClassification } from '../../../renderer/src/workspace/call-classification'
import { CallEvents } from '../../../renderer/src/workspace/call-events'
import { draftWith } from '../klantcontact/fixtures'
import { callOf, freshStore, setPhone, transferOf } from './fixtures'

let store: AppStore
let events: CallEvents
let stop: () => void

const CUSTOMER: CallClassification = { kind: 'customer' }
const TRANSFERRED: CallClassification = {
  kind: 'transferred',
  nummer: '26000001' as never,
  source: 'header',
}

beforeEach(() => {
  vi.useFakeTimers()
  document.body.innerHTML = ''
  store = freshStore()
  events = new CallEvents()
  stop = startFocusAfterEvents({ events, store })
})
afterEach(() => {
  stop()
  vi.useRealTimers()
})

/** An element with the id of a focus target, as the screen that owns it renders it. */
function place(target: keyof typeof FOCUS_TARGETS, tag = 'button'): HTMLElement {
  const element = document.createElement(tag)
  element.id = FOCUS_TARGETS[target]
  if (tag === 'h2') {
    element.tabIndex = -1
  }
  document.body.append(element)
  return element
}

function focusOn(tag: string): HTMLElement {
  const element = document.createElement(tag)
  document.body.append(element)
  element.focus()
  return element
}

const ringing = (changes: Partial<CallSnapshot> = {}) =>
  callOf({ state: 'ringing', answeredAt: undefined, ...changes })

function rang(call = ringing()): void {
  events.publish({ type: 'rang', callId: call.id, call, classification: CUSTOMER, internal: false })
}

function answered(classification: CallClassification = CUSTOMER): void {
  const call = callOf()
  events.publish({ type: 'answered', callId: call.id, call, classification, answeredAt: call.answeredAt! })
}

function answering(): void {
  const call = callOf({ state: 'connecting', answeredAt: undefined })
  events.publish({ type: 'answering', callId: call.id, call, classification: CUSTOMER })
}

function setDrafts(drafts: Record<string, KlantcontactDraft>): void {
  store.setState((state) => ({ klantcontact: { ...state.klantcontact, drafts } }))
}

function ended(): void {
  const call = callOf({ state: 'ended' })
  setPhone(store, { call })
  events.publish({ type: 'ended', callId: call.id, call, classification: CUSTOMER, reason: 'completed' })
}

describe('the focus after a call event', () => {
  it('goes to Opnemen when a call rings, once the button is there', () => {
    rang()
    vi.advanceTimersByTime(40)
    const answer = place('answer')
    vi.advanceTimersByTime(40)
    expect(document.activeElement).toBe(answer)
  })

  it('stays in the field the agent is typing in when a call rings', () => {
    const field = focusOn('textarea')
    place('answer')
    rang()
    vi.advanceTimersByTime(100)
    expect(document.activeElement).toBe(field)
  })

  it('goes to Naam klant of the call’s klantcontact after Opnemen, not to the page', () => {
    const answer = place('answer')
    answer.focus()
    answered()
    answer.remove()
    vi.advanceTimersByTime(60)
    const naam = place('caseFirstField', 'input')
    vi.advanceTimersByTime(40)
    expect(document.activeElement).toBe(naam)
  })

  it('goes to Naam klant at Opnemen, and the answer that follows leaves an agent who typed on alone', () => {
    answering()
    const naam = place('caseFirstField', 'input')
    vi.advanceTimersByTime(40)
    expect(document.activeElement).toBe(naam)
    const onderwerp = focusOn('textarea')
    answered()
    vi.advanceTimersByTime(600)
    expect(document.activeElement).toBe(onderwerp)
  })

  it('goes to the case heading when a colleague’s klantcontact came with the call', () => {
    const heading = place('caseHeading', 'h2')
    place('caseFirstField', 'input')
    answered(TRANSFERRED)
    vi.advanceTimersByTime(40)
    expect(document.activeElement).toBe(heading)
  })

  it('falls back to the case heading when the element never comes and the focus fell to the page', () => {
    const heading = place('caseHeading', 'h2')
    answered()
    vi.advanceTimersByTime(FOCUS_WAIT_MS + 40)
    expect(document.activeElement).toBe(heading)
  })

  it('leaves the focus where the agent put it meanwhile', () => {
    answered()
    vi.advanceTimersByTime(40)
    const elsewhere = focusOn('button')
    place('caseFirstField', 'input')
    vi.advanceTimersByTime(FOCUS_WAIT_MS)
    expect(document.activeElement).toBe(elsewhere)
  })

  it('goes to the case heading after Ophangen', () => {
    const heading = place('caseHeading', 'h2')
    const hangup = focusOn('button')
    ended()
    hangup.remove()
    vi.advanceTimersByTime(40)
    expect(document.activeElement).toBe(heading)
  })

  it('stays in the field the agent writes the call up in when the customer hangs up', () => {
    place('caseHeading', 'h2')
    const inhoud = focusOn('textarea')
    ended()
    vi.advanceTimersByTime(100)
    expect(document.activeElement).toBe(inhoud)
  })

  it('stays put when a replaced consult ends while the customer’s call goes on', () => {
    place('caseHeading', 'h2')
    const button = focusOn('button')
    const consult = callOf({ state: 'ended' })
    setPhone(store, { call: callOf({ id: 'call-2' }) })
    events.publish({
      type: 'ended',
      callId: consult.id,
      call: consult,
      classification: TRANSFERRED,
      reason: 'transferred',
    })
    vi.advanceTimersByTime(100)
    expect(document.activeElement).toBe(button)
  })
})

describe('the focus during a transfer', () => {
  it('goes to the dialog’s first control when Doorverbinden opens', () => {
    const first = place('transferFirst', 'input')
    store.getState().transfer.openDialog()
    vi.advanceTimersByTime(40)
    expect(document.activeElement).toBe(first)
  })

  it('goes to Doorverbinden voltooien when the colleague answers the consult', () => {
    const complete = place('consultComplete')
    const consult = callOf({
      id: 'consult-1',
      direction: 'outbound',
      state: 'connecting',
      answeredAt: undefined,
    })
    setPhone(store, { call: callOf({ state: 'on_hold' }), consult, transfer: transferOf() })
    vi.advanceTimersByTime(40)
    expect(document.activeElement).not.toBe(complete)
    setPhone(store, { consult: { ...consult, state: 'active', answeredAt: Date.now() } })
    vi.advanceTimersByTime(40)
    expect(document.activeElement).toBe(complete)
  })

  it('waits for Doorverbinden voltooien to be enabled before it goes there, as Enter on it would do nothing', () => {
    const complete = place('consultComplete')
    complete.setAttribute('aria-disabled', 'true')
    const consult = callOf({
      id: 'consult-2',
      direction: 'outbound',
      state: 'connecting',
      answeredAt: undefined,
    })
    setPhone(store, { call: callOf({ state: 'on_hold' }), consult, transfer: transferOf() })
    setPhone(store, { consult: { ...consult, state: 'active', answeredAt: Date.now() } })
    vi.advanceTimersByTime(60)
    expect(document.activeElement).not.toBe(complete)
    complete.removeAttribute('aria-disabled')
    vi.advanceTimersByTime(40)
    expect(document.activeElement).toBe(complete)
  })

  it('goes to the case heading when the transfer is cancelled', () => {
    const heading = place('caseHeading', 'h2')
    setPhone(store, { call: callOf({ state: 'on_hold' }), transfer: transferOf() })
    setPhone(store, { call: callOf(), transfer: transferOf({ state: 'cancelled' }) })
    vi.advanceTimersByTime(40)
    expect(document.activeElement).toBe(heading)
  })

  it('catches a focus that fell to the page when the dialog closes', () => {
    const heading = place('caseHeading', 'h2')
    store.getState().transfer.openDialog()
    vi.advanceTimersByTime(40)
    store.getState().transfer.closeDialog()
    vi.advanceTimersByTime(FOCUS_WAIT_MS + 40)
    expect(document.activeElement).toBe(heading)
  })

  it('catches a focus that fell to the page when the form makes way for the saved klantcontact', () => {
    const heading = place('caseHeading', 'h2')
    const draft = draftWith({ status: 'sending' })
    const inhoud = focusOn('textarea')
    setDrafts({ [draft.id]: draft })
    vi.advanceTimersByTime(40)
    expect(document.activeElement).toBe(inhoud)
    setDrafts({ [draft.id]: { ...draft, status: 'saved' } })
    inhoud.remove()
    vi.advanceTimersByTime(40)
    expect(document.activeElement).toBe(heading)
  })

  it('stops moving the focus after logout', () => {
    stop()
    const first = place('transferFirst', 'input')
    store.getState().transfer.openDialog()
    vi.advanceTimersByTime(40)
    expect(document.activeElement).not.toBe(first)
  })
})
