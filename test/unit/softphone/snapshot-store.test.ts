import { describe, expect, it } from 'vitest'
import type { Klantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import { SnapshotStore } from '../../../renderer/src/softphone/snapshot-store'
import type { SoftphoneSnapshot } from '../../../renderer/src/softphone/types'
import { recordingLogger } from './fakes'

const store = () => {
  let clock = 1000
  const { log } = recordingLogger()
  const s = new SnapshotStore(log, () => clock++)
  const seen: SoftphoneSnapshot[] = []
  s.subscribe((snapshot) => seen.push(snapshot))
  return { s, seen }
}

const customer = { sipCallId: 'customer', direction: 'inbound', remoteNumber: '0612345678' } as const
const consult = { sipCallId: 'consult', direction: 'outbound', remoteNumber: 'medewerker2' } as const

describe('SnapshotStore with a transfer', () => {
  it('starts with no consult and no transfer', () => {
    expect(store().s.get()).toMatchObject({ call: null, consult: null, transfer: null })
  })

  it('keeps the customer in `call` and the colleague in `consult`', () => {
    const { s } = store()
    s.newCall({ id: 'c1', ...customer })
    s.callEvent('incoming')
    s.newCall({ id: 'c2', ...consult, klantcontactnummer: '26000001' as Klantcontactnummer }, 'consult')
    s.callEvent('dial', 'consult')
    s.callEvent('established', 'consult')

    expect(s.get().call).toMatchObject({ id: 'c1', state: 'ringing' })
    expect(s.get().consult).toMatchObject({ id: 'c2', state: 'active', klantcontactnummer: '26000001' })
    expect(s.get().consult?.answeredAt).toBeTypeOf('number')
  })

  it('records a warm transfer from its start to its end, with the times', () => {
    const { s } = store()
    expect(
      s.beginTransfer('consult', {
        kind: 'warm',
        target: 'medewerker2',
        klantcontactnummer: '7' as Klantcontactnummer,
      }),
    ).toBe(true)
    expect(s.transferEvent('refer', { referSentAt: 5000 })).toBe(true)
    expect(s.transferEvent('succeed', { notifyOkAt: 5030 })).toBe(true)

    expect(s.get().transfer).toEqual({
      kind: 'warm',
      state: 'completed',
      target: 'medewerker2',
      klantcontactnummer: '7',
      startedAt: 1000,
      referSentAt: 5000,
      notifyOkAt: 5030,
      endedAt: 1001,
    })
  })

  it('follows the steps of a transfer under way and drops the step once it ended', () => {
    const { s } = store()
    s.beginTransfer('consult', { kind: 'warm', target: 'medewerker2' })
    expect(s.get().transfer?.step).toBe('holding')
    expect(s.transferStep('talking')).toBe(false)
    expect(s.transferStep('dialling')).toBe(true)
    expect(s.transferStep('talking')).toBe(true)
    s.transferEvent('refer')
    expect(s.get().transfer).toMatchObject({ state: 'completing', step: 'referring' })
    s.transferEvent('fail', { reason: 'failed' })
    expect(s.get().transfer).not.toHaveProperty('step')
    expect(s.transferStep('dialling')).toBe(false)
  })

  it('lets exactly one of two racing outcomes through', () => {
    const { s, seen } = store()
    s.beginTransfer('blind_refer', { kind: 'blind', target: 'medewerker2' })
    expect(s.transferEvent('fail', { reason: 'busy' })).toBe(true)
    const published = seen.length
    expect(s.transferEvent('succeed', { notifyOkAt: 1 })).toBe(false)

    expect(s.get().transfer).toMatchObject({ state: 'failed', reason: 'busy' })
    expect(seen).toHaveLength(published)
  })

  it('refuses a second transfer while one is under way', () => {
    const { s } = store()
    s.beginTransfer('consult', { kind: 'warm', target: 'medewerker2' })
    expect(s.beginTransfer('blind_refer', { kind: 'blind', target: 'medewerker3' })).toBe(false)
    expect(s.get().transfer).toMatchObject({ kind: 'warm', state: 'consulting', target: 'medewerker2' })
  })

  it('forgets the consult and the transfer when the next customer call starts', () => {
    const { s } = store()
    s.newCall({ id: 'c1', ...customer })
    s.newCall({ id: 'c2', ...consult }, 'consult')
    s.beginTransfer('consult', { kind: 'warm', target: 'medewerker2' })
    s.transferEvent('cancel')

    s.newCall({ id: 'c3', ...customer, sipCallId: 'next' })

    expect(s.get()).toMatchObject({ call: { id: 'c3' }, consult: null, transfer: null })
  })
})
