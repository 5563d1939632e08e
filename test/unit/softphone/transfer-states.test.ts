import { describe, expect, it } from 'vitest'
import {
  failureReasonForStatus,
  isTransferInProgress,
  transitionTransfer,
  type TransferEvent,
  type TransferState,
} from '../../../renderer/src/softphone/transfer/transfer-states'

const next = (state: TransferState | null, event: TransferEvent) => transitionTransfer(state, event)

describe('transitionTransfer', () => {
  it('takes a warm transfer from consulting through completing to completed', () => {
    expect(next(null, 'consult')).toEqual({ ok: true, state: 'consulting' })
    expect(next('consulting', 'refer')).toEqual({ ok: true, state: 'completing' })
    expect(next('completing', 'succeed')).toEqual({ ok: true, state: 'completed' })
  })

  it('takes a blind transfer straight to completing', () => {
    expect(next(null, 'blind_refer')).toEqual({ ok: true, state: 'completing' })
  })

  it.each<TransferState>(['consulting', 'completing'])('fails or cancels a transfer that is %s', (state) => {
    expect(next(state, 'fail')).toEqual({ ok: true, state: 'failed' })
    expect(next(state, 'cancel')).toEqual({ ok: true, state: 'cancelled' })
  })

  it.each<TransferState>(['completed', 'failed', 'cancelled'])(
    'starts the next transfer after one %s',
    (state) => {
      expect(next(state, 'consult').state).toBe('consulting')
      expect(next(state, 'blind_refer').state).toBe('completing')
    },
  )

  it.each<[TransferState | null, TransferEvent]>([
    [null, 'refer'],
    [null, 'succeed'],
    [null, 'fail'],
    [null, 'cancel'],
    ['consulting', 'consult'],
    ['consulting', 'blind_refer'],
    ['consulting', 'succeed'],
    ['completing', 'consult'],
    ['completing', 'blind_refer'],
    ['completing', 'refer'],
    ['completed', 'refer'],
    ['completed', 'succeed'],
    ['completed', 'fail'],
    ['failed', 'succeed'],
    ['failed', 'cancel'],
    ['cancelled', 'fail'],
  ])('refuses %s → %s and keeps the state', (state, event) => {
    const result = next(state, event)
    expect(result.ok).toBe(false)
    expect(result.state).toBe(state)
    expect(result).toHaveProperty('reason', `${event} is impossible in ${state ?? 'none'}`)
  })
})

describe('isTransferInProgress', () => {
  it('is true only while consulting or completing', () => {
    expect(
      [null, 'consulting', 'completing', 'completed', 'failed', 'cancelled'].map((s) =>
        isTransferInProgress(s as TransferState | null),
      ),
    ).toEqual([false, true, true, false, false, false])
  })
})

describe('failureReasonForStatus', () => {
  it.each([
    [486, 'busy'],
    [600, 'busy'],
    [603, 'declined'],
    [480, 'no_answer'],
    [408, 'no_answer'],
    [487, 'no_answer'],
    [404, 'unavailable'],
    [503, 'unavailable'],
    [604, 'unavailable'],
    [500, 'failed'],
    [403, 'failed'],
    [undefined, 'failed'],
  ] as const)('tells the agent %s as %s', (status, reason) => {
    expect(failureReasonForStatus(status)).toBe(reason)
  })
})
