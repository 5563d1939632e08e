import { afterEach, describe, expect, it, vi } from 'vitest'
import { AGENT, RING } from './fixtures'
import { storeOver, viewOf } from './store-fixtures'

const PARTIJ = { uuid: '5e0f8a51-59b5-4f1a-a9a1-6d1f64f4c0a1', naam: 'Jan de Vries' }

afterEach(() => {
  vi.restoreAllMocks()
})

function setup() {
  const { store } = storeOver()
  const k = () => store.getState().klantcontact
  return { store, k }
}

describe('the klantcontact slice', () => {
  it('opens a prefilled draft for an inbound call, active and asking for focus on Naam klant', () => {
    const { k } = setup()
    const id = k().openForCall({ agentLogin: AGENT, callId: 'c1', callerNumber: '0612345678', at: RING })
    const draft = k().drafts[id]
    expect(draft).toMatchObject({
      agentLogin: AGENT,
      callId: 'c1',
      callerNumber: '0612345678',
      kanaal: 'Telefoon',
      taal: 'nld',
      vertrouwelijk: false,
      indicatieContactGelukt: true,
      plaatsgevondenOp: new Date(RING).toISOString(),
      status: 'editing',
    })
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(k().activeId).toBe(id)
    expect(k().focusRequest).toEqual({ token: k().focusToken, draftId: id, field: 'naamKlant' })
  })

  it('activates the existing draft when the same call pops again, without a new one', () => {
    const { k } = setup()
    const first = k().openForCall({ agentLogin: AGENT, callId: 'c1', at: RING })
    k().openManual(AGENT, RING)
    const again = k().openForCall({ agentLogin: AGENT, callId: 'c1', at: RING + 1000 })
    expect(again).toBe(first)
    expect(k().activeId).toBe(first)
    expect(Object.keys(k().drafts)).toHaveLength(2)
  })

  it('carries on with the draft being written when the queue rings the same caller again', () => {
    const { k } = setup()
    const first = k().openForCall({ agentLogin: AGENT, callId: 'c1', sipCallId: 'sip-1', at: RING })
    k().update(first, { onderwerp: 'Paspoort verlengen' })
    k().openManual(AGENT, RING)
    const again = k().openForCall({ agentLogin: AGENT, callId: 'c2', sipCallId: 'sip-1', at: RING + 20_000 })
    expect(again).toBe(first)
    expect(k().activeId).toBe(first)
    expect(k().drafts[first]).toMatchObject({ callId: 'c2', onderwerp: 'Paspoort verlengen' })
    // The answer of the new ring finds it.
    k().callAnswered('c2', RING + 25_000)
    expect(k().drafts[first]?.plaatsgevondenOp).toBe(new Date(RING + 25_000).toISOString())
  })

  it('opens a new draft for another caller, and for the same caller once the first draft is saved', () => {
    const { k } = setup()
    const first = k().openForCall({ agentLogin: AGENT, callId: 'c1', sipCallId: 'sip-1', at: RING })
    expect(k().openForCall({ agentLogin: AGENT, callId: 'c2', sipCallId: 'sip-2', at: RING })).not.toBe(first)
    k().update(first, { naamKlant: 'Jan de Vries', onderwerp: 'Paspoort', inhoud: 'Vraag' })
    expect(k().requestSave(first, RING)).toBe(true)
    expect(k().openForCall({ agentLogin: AGENT, callId: 'c3', sipCallId: 'sip-1', at: RING })).not.toBe(first)
  })

  it('replaces the ring time by the answer time, unless the agent edited it', () => {
    const { k } = setup()
    const id = k().openForCall({ agentLogin: AGENT, callId: 'c1', at: RING })
    k().callAnswered('c1', RING + 8_000)
    expect(k().drafts[id]?.plaatsgevondenOp).toBe(new Date(RING + 8_000).toISOString())

    const edited = k().openForCall({ agentLogin: AGENT, callId: 'c2', at: RING })
    k().update(edited, { plaatsgevondenOp: '2026-03-02T09:00:00.000Z' })
    k().callAnswered('c2', RING + 8_000)
    expect(k().drafts[edited]?.plaatsgevondenOp).toBe('2026-03-02T09:00:00.000Z')
  })

  it('keeps an invalid draft editing, with Dutch field errors and focus on the first invalid field', () => {
    const { k } = setup()
    const id = k().openForCall({ agentLogin: AGENT, callId: 'c1', at: RING })
    k().update(id, { naamKlant: 'Jan', inhoud: 'x'.repeat(1001) })
    expect(k().requestSave(id, RING)).toBe(false)
    const draft = k().drafts[id]
    expect(draft?.status).toBe('editing')
    expect(draft?.fieldErrors.onderwerp).toBe('Vul een onderwerp in.')
    expect(draft?.fieldErrors.inhoud).toMatch(/maximaal 1000/)
    expect(draft?.naamKlant).toBe('Jan')
    expect(k().focusRequest?.field).toBe('onderwerp')
  })

  it('queues a valid draft with its frozen body and makes it read-only', () => {
    const { k } = setup()
    const id = k().openForCall({ agentLogin: AGENT, callId: 'c1', at: RING })
    k().update(id, { onderwerp: 'Paspoort', naamKlant: 'Jan de Vries' })
    expect(k().requestSave(id, RING)).toBe(true)
    expect(k().drafts[id]?.status).toBe('queued')
    expect(k().drafts[id]?.request).toMatchObject({
      onderwerp: 'Paspoort',
      contactnaam: { achternaam: 'Vries' },
    })
    vi.spyOn(console, 'debug').mockImplementation(() => undefined)
    k().update(id, { onderwerp: 'Iets anders' })
    expect(k().drafts[id]?.onderwerp).toBe('Paspoort')
  })

  it('records the nummer when the gateway confirms', () => {
    const { k } = setup()
    const id = k().openForCall({ agentLogin: AGENT, callId: 'c1', at: RING })
    k().update(id, { onderwerp: 'Paspoort' })
    k().requestSave(id, RING)
    k().markSending(id)
    k().markSaved(id, viewOf('26000001'))
    expect(k().drafts[id]).toMatchObject({ status: 'saved', nummer: '26000001' })
    expect(k().drafts[id]?.request).toBeUndefined()
  })

  it('puts the gateway field errors on the right fields after a refusal', () => {
    const { k } = setup()
    const id = k().openForCall({ agentLogin: AGENT, callId: 'c1', at: RING })
    k().update(id, { onderwerp: 'Paspoort', naamKlant: 'Jan de Vries' })
    k().requestSave(id, RING)
    k().markSending(id)
    k().markRejected(id, {
      status: 400,
      invalidParams: [
        { name: 'onderwerp', code: 'invalid', reason: 'Ongeldig onderwerp.' },
        { name: 'contactnaam.achternaam', code: 'max_length', reason: 'Te lang.' },
      ],
    })
    const draft = k().drafts[id]
    expect(draft?.status).toBe('rejected')
    expect(draft?.fieldErrors).toEqual({ onderwerp: 'Ongeldig onderwerp.', naamKlant: 'Te lang.' })
    expect(k().focusRequest?.field).toBe('naamKlant')
    k().update(id, { onderwerp: 'Paspoort verlopen' })
    expect(k().drafts[id]?.status).toBe('editing')
  })

  it('gives a draft a new key when the gateway says the key was used for another body', () => {
    const { k } = setup()
    const id = k().openForCall({ agentLogin: AGENT, callId: 'c1', at: RING })
    k().update(id, { onderwerp: 'Paspoort' })
    k().requestSave(id, RING)
    k().markSending(id)
    const fresh = k().rekey(id)
    expect(fresh).toBeDefined()
    expect(fresh).not.toBe(id)
    expect(k().drafts[id]).toBeUndefined()
    expect(k().drafts[fresh!]).toMatchObject({ status: 'queued', onderwerp: 'Paspoort', callId: 'c1' })
    expect(k().activeId).toBe(fresh)
  })

  it('offers a suggestion and fills the name only when the agent accepts it', () => {
    const { k } = setup()
    const id = k().openForCall({ agentLogin: AGENT, callId: 'c1', callerNumber: '0612345678', at: RING })
    k().setSuggestion(id, PARTIJ)
    expect(k().drafts[id]?.naamKlant).toBe('')
    expect(k().drafts[id]?.partijUuid).toBeUndefined()
    k().acceptSuggestion(id)
    expect(k().drafts[id]).toMatchObject({ naamKlant: 'Jan de Vries', partijUuid: PARTIJ.uuid })
  })

  it('discards an unsaved draft only when asked explicitly, and never one on its way', () => {
    const { k } = setup()
    const id = k().openForCall({ agentLogin: AGENT, callId: 'c1', at: RING })
    expect(k().dismiss(id)).toBe(false)
    expect(k().dismiss(id, { discardUnsaved: true })).toBe(true)
    expect(k().drafts[id]).toBeUndefined()
    expect(k().activeId).toBeNull()

    const queued = k().openForCall({ agentLogin: AGENT, callId: 'c2', at: RING })
    k().update(queued, { onderwerp: 'Paspoort' })
    k().requestSave(queued, RING)
    expect(k().dismiss(queued, { discardUnsaved: true })).toBe(false)
    expect(k().drafts[queued]?.status).toBe('queued')
  })

  it('closes a saved draft and shows the next open one', () => {
    const { k } = setup()
    const open = k().openForCall({ agentLogin: AGENT, callId: 'c1', at: RING })
    const saved = k().openForCall({ agentLogin: AGENT, callId: 'c2', at: RING + 1 })
    k().update(saved, { onderwerp: 'Paspoort' })
    k().requestSave(saved, RING)
    k().markSending(saved)
    k().markSaved(saved, viewOf('26000002'))
    expect(k().dismiss(saved)).toBe(true)
    expect(k().activeId).toBe(open)
  })

  it("clears the agent's saved drafts at logout, keeping unsaved ones and other agents' drafts", () => {
    const { k } = setup()
    const mine = k().openForCall({ agentLogin: AGENT, callId: 'c1', at: RING })
    k().update(mine, { onderwerp: 'Paspoort' })
    k().requestSave(mine, RING)
    k().markSending(mine)
    k().markSaved(mine, viewOf('26000003'))
    const unsaved = k().openManual(AGENT, RING)
    const theirs = k().openManual('medewerker2', RING)
    k().clearSaved(AGENT)
    expect(Object.keys(k().drafts).sort()).toEqual([unsaved, theirs].sort())
  })

  it('forgets a focus request once the form handled it', () => {
    const { k } = setup()
    k().openManual(AGENT, RING)
    const token = k().focusToken
    k().focusHandled(token - 1)
    expect(k().focusRequest).not.toBeNull()
    k().focusHandled(token)
    expect(k().focusRequest).toBeNull()
  })
})
