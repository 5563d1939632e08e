import { describe, expect, it } from 'vitest'
import { caseLayout, type CaseInput } from '../../../renderer/src/case/main-case'
import type { CallSnapshot } from '../../../renderer/src/softphone/types'
import type { Klantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import { draftWith } from '../klantcontact/fixtures'

const NUMMER = '26000042' as Klantcontactnummer

function callOf(changes: Partial<CallSnapshot> = {}): CallSnapshot {
  return {
    id: 'call-1',
    sipCallId: 'sip-1',
    state: 'ringing',
    direction: 'inbound',
    remoteNumber: '0612345678',
    muted: false,
    held: false,
    ...changes,
  }
}

function input(changes: Partial<CaseInput> = {}): CaseInput {
  return {
    call: null,
    drafts: [],
    activeId: null,
    draftFront: 0,
    opened: { status: 'idle', source: 'manual' },
    openedFront: 0,
    ...changes,
  }
}

const transferred = { status: 'ready', source: 'transfer', callId: 'call-1', nummer: NUMMER } as const

describe('the case in the main place', () => {
  it('is the ringing call while it has no case yet', () => {
    const call = callOf()
    expect(caseLayout(input({ call })).main).toEqual({ kind: 'ringing', call })
  })

  it('is the call’s draft once it has one, found by call id or by the caller’s SIP Call-ID', () => {
    const draft = draftWith({ id: 'd-1', callId: 'call-1' })
    expect(caseLayout(input({ call: callOf(), drafts: [draft], activeId: 'd-1' })).main).toEqual({
      kind: 'draft',
      draft,
    })
    const resumed = draftWith({ id: 'd-2', sipCallId: 'sip-1' })
    expect(
      caseLayout(input({ call: callOf({ id: 'call-9' }), drafts: [resumed], activeId: 'd-2' })).main.kind,
    ).toBe('draft')
  })

  it('keeps a colleague’s klantcontact in the main place from ring through Opnemen, the completed transfer and nawerk', () => {
    const older = draftWith({ id: 'd-old', callId: undefined })
    const base = { drafts: [older], activeId: 'd-old', draftFront: 1, openedFront: 2 }
    const ringing = caseLayout(
      input({ ...base, call: callOf({ klantcontactnummer: NUMMER }), opened: transferred }),
    )
    expect(ringing.main).toEqual({ kind: 'opened' })
    const answered = caseLayout(input({ ...base, call: callOf({ state: 'active' }), opened: transferred }))
    expect(answered.main).toEqual({ kind: 'opened' })
    // The customer's call replaced the consult call; the receiver moved the klantcontact to it.
    const replaced = callOf({ id: 'call-2', state: 'active', replacedSipCallId: 'sip-1' })
    const completed = caseLayout(
      input({ ...base, call: replaced, opened: { ...transferred, callId: 'call-2' } }),
    )
    expect(completed.main).toEqual({ kind: 'opened' })
    const nawerk = caseLayout(
      input({ ...base, call: { ...replaced, state: 'ended' }, opened: { ...transferred, callId: 'call-2' } }),
    )
    expect(nawerk.main).toEqual({ kind: 'opened' })
    expect(nawerk.otherDrafts).toEqual([older])
  })

  it('shows a ringing transfer’s klantcontact, not the bare ringing call', () => {
    const layout = caseLayout(
      input({ call: callOf({ klantcontactnummer: NUMMER }), opened: transferred, openedFront: 1 }),
    )
    expect(layout.main).toEqual({ kind: 'opened' })
  })

  it('shows whichever came forward last, and lists the other below', () => {
    const draft = draftWith({ id: 'd-1' })
    const opened = { status: 'ready', source: 'manual', nummer: NUMMER } as const
    const draftLast = caseLayout(
      input({ drafts: [draft], activeId: 'd-1', draftFront: 3, opened, openedFront: 2 }),
    )
    expect(draftLast.main).toEqual({ kind: 'draft', draft })
    expect(draftLast.openedListed).toBe(true)
    const openedLast = caseLayout(
      input({ drafts: [draft], activeId: 'd-1', draftFront: 3, opened, openedFront: 4 }),
    )
    expect(openedLast.main).toEqual({ kind: 'opened' })
    expect(openedLast.otherDrafts).toEqual([draft])
    expect(openedLast.openedListed).toBe(false)
  })

  it('keeps a saved klantcontact in view for the rest of the call, and lists it when another came forward', () => {
    const saved = draftWith({ id: 'd-1', callId: 'call-1', status: 'saved', nummer: NUMMER })
    const call = callOf({ state: 'ended' })
    expect(caseLayout(input({ call, drafts: [saved], activeId: 'd-1' })).main).toEqual({
      kind: 'draft',
      draft: saved,
    })
    const opened = { status: 'ready', source: 'manual', nummer: '1' } as const
    const layout = caseLayout(
      input({ call, drafts: [saved], activeId: 'd-1', draftFront: 1, opened, openedFront: 2 }),
    )
    expect(layout.otherDrafts).toEqual([saved])
  })

  it('lists the other unsaved drafts, never the one in the main place nor saved ones that are not active', () => {
    const a = draftWith({ id: 'a' })
    const b = draftWith({ id: 'b' })
    const done = draftWith({ id: 'c', status: 'saved' })
    const layout = caseLayout(input({ drafts: [a, b, done], activeId: 'b', draftFront: 1 }))
    expect(layout.main).toEqual({ kind: 'draft', draft: b })
    expect(layout.otherDrafts).toEqual([a])
  })

  it('is nothing when nothing is open', () => {
    expect(caseLayout(input()).main).toEqual({ kind: 'none' })
  })
})
