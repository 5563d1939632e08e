import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { storeOver } from '../klantcontact/store-fixtures'
import { NUMMER, UUID, VERGUNNINGEN } from './fixtures'

const KLANTCONTACT = { uuid: UUID, nummer: NUMMER, onderwerp: 'Dakkapel zonder vergunning' }

beforeEach(() => {
  // The slice logs an ignored step at debug; the assertions below are on the state.
  vi.spyOn(console, 'debug').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
})

function setup() {
  const { store } = storeOver()
  const transfer = () => store.getState().transfer
  return { store, transfer }
}

describe('the transfer slice', () => {
  it('holds no transfer until the agent presses Doorverbinden', () => {
    const { transfer } = setup()
    expect(transfer().intent).toBeNull()
  })

  it('begins by saving when the klantcontact is not saved yet, else by announcing', () => {
    const { transfer } = setup()
    transfer().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: true, at: 1_000 })
    expect(transfer().intent).toEqual({
      callId: 'call-1',
      kind: 'warm',
      target: VERGUNNINGEN,
      phase: 'saving',
      startedAt: 1_000,
    })
    transfer().begin({ callId: 'call-1', kind: 'blind', target: VERGUNNINGEN, saving: false, at: 2_000 })
    expect(transfer().intent).toEqual({
      callId: 'call-1',
      kind: 'blind',
      target: VERGUNNINGEN,
      phase: 'announcing',
      startedAt: 2_000,
    })
  })

  it('starts afresh on a new begin: the last refusal and klantcontact are gone', () => {
    const { transfer } = setup()
    transfer().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: false })
    transfer().step('call-1', 'refuse', { refusal: 'announce_refused', detail: 'Nee.' })
    transfer().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: false })
    expect(transfer().intent).not.toHaveProperty('refusal')
    expect(transfer().intent).not.toHaveProperty('detail')
    expect(transfer().intent?.phase).toBe('announcing')
  })

  it('steps along the table and keeps what each step learned', () => {
    const { transfer } = setup()
    transfer().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: true })
    expect(transfer().step('call-1', 'saved', { klantcontact: KLANTCONTACT })).toBe(true)
    expect(transfer().intent).toMatchObject({ phase: 'announcing', klantcontact: KLANTCONTACT })
    expect(transfer().step('call-1', 'announced')).toBe(true)
    expect(transfer().step('call-1', 'handed')).toBe(true)
    expect(transfer().intent).toMatchObject({ phase: 'handed', klantcontact: KLANTCONTACT })
  })

  it('records why a transfer was refused, with the gateway’s own reason', () => {
    const { transfer } = setup()
    transfer().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: false })
    transfer().step('call-1', 'refuse', { refusal: 'announce_refused', detail: 'Niet betrokken.' })
    expect(transfer().intent).toMatchObject({
      phase: 'refused',
      refusal: 'announce_refused',
      detail: 'Niet betrokken.',
    })
  })

  it('ignores a step for another call, and changes nothing', () => {
    const { transfer } = setup()
    transfer().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: true })
    const before = transfer().intent
    expect(transfer().step('call-2', 'saved', { klantcontact: KLANTCONTACT })).toBe(false)
    expect(transfer().step('call-2', 'refuse', { refusal: 'dial_failed' })).toBe(false)
    expect(transfer().intent).toBe(before)
  })

  it('ignores a step out of order, and any step without a transfer', () => {
    const { transfer } = setup()
    expect(transfer().step('call-1', 'saved')).toBe(false)
    expect(transfer().intent).toBeNull()
    transfer().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: true })
    const before = transfer().intent
    expect(transfer().step('call-1', 'handed')).toBe(false)
    expect(transfer().step('call-1', 'announced')).toBe(false)
    expect(transfer().intent).toBe(before)
  })

  it('ignores every step once refused', () => {
    const { transfer } = setup()
    transfer().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: false })
    transfer().step('call-1', 'refuse', { refusal: 'unreachable' })
    expect(transfer().step('call-1', 'announced')).toBe(false)
    expect(transfer().step('call-1', 'refuse', { refusal: 'dial_failed' })).toBe(false)
    expect(transfer().intent).toMatchObject({ phase: 'refused', refusal: 'unreachable' })
  })

  it('clears the transfer', () => {
    const { transfer } = setup()
    transfer().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: false })
    transfer().clear()
    expect(transfer().intent).toBeNull()
  })

  it('does not survive a reload, as the call it belongs to does not', () => {
    const { store, storage } = storeOver()
    store.getState().transfer.begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: false })
    const reloaded = storeOver(storage).store
    expect(reloaded.getState().transfer.intent).toBeNull()
    expect([...storage.values.values()].join('')).not.toContain('vergunningen')
  })
})
