import { describe, expect, it } from 'vitest'
import {
  canStep,
  failureReasonForStatus,
  firstStep,
  TRANSFER_STEPS,
  type TransferStep,
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

describe('the steps of a transfer under way', () => {
  it('starts warm by holding the customer, blind by referring', () => {
    expect(firstStep('consult')).toBe('holding')
    expect(firstStep('blind_refer')).toBe('referring')
  })

  it('goes holding → dialling → talking → referring and nowhere else', () => {
    const steps: TransferStep[] = ['holding', 'dialling', 'talking', 'referring']
    const allowed = steps.flatMap((from) =>
      steps.filter((to) => canStep(from, to)).map((to) => `${from}→${to}`),
    )
    expect(allowed).toEqual(['holding→dialling', 'dialling→talking', 'talking→referring'])
    expect(canStep(undefined, 'dialling')).toBe(false)
  })

  it('gives every step that waits on the network or the colleague a limit and a failure reason', () => {
    expect(TRANSFER_STEPS).toEqual({
      holding: { state: 'consulting', next: ['dialling'], limit: 'holdMs', onLimit: 'failed' },
      dialling: { state: 'consulting', next: ['talking'], limit: 'consultRingMs', onLimit: 'no_answer' },
      talking: { state: 'consulting', next: ['referring'], limit: null, onLimit: null },
      referring: { state: 'completing', next: [], limit: 'referMs', onLimit: 'failed' },
    })
  })

  it('belongs each step to a transfer state that can be cancelled and failed', () => {
    for (const rule of Object.values(TRANSFER_STEPS)) {
      expect(next(rule.state, 'cancel').state).toBe('cancelled')
      expect(next(rule.state, 'fail').state).toBe('failed')
    }
  })
})
