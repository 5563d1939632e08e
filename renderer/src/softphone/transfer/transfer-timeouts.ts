import { CONSULT_RING_SECONDS } from '../../../../shared/gateway/consult-ring'
import type { Logger } from '../../log'
import type { SnapshotStore } from '../snapshot-store'
import {
  TRANSFER_STEPS,
  type TransferFailureReason,
  type TransferLimit,
  type TransferStep,
} from './transfer-states'

/** The limits of the transfer's steps (TRANSFER_STEPS in transfer-states.ts), and one more wait. */
export interface TransferTimeouts extends Record<TransferLimit, number> {
  /** `holding`: the hold re-INVITE's answer (491 resends included); also a resume's. */
  holdMs: number
  /** `dialling`: how long the consult rings; the gateway's `consultRingSeconds`. */
  consultRingMs: number
  /**
   * `referring`: the REFER's outcome. Blind, its 202; warm, the final NOTIFY, which the colleague's
   * phone sends as soon as it accepts the INVITE with Replaces (RFC 3891 §3: no ringing).
   */
  referMs: number
  /**
   * Warm: after success, how long the colleague's phone has to end the replaced consult call (RFC
   * 3891 §3; sip.js does it at once) before the agent's phone ends it itself.
   */
  consultByeMs: number
}

export const DEFAULT_TRANSFER_TIMEOUTS: TransferTimeouts = {
  holdMs: 10_000,
  consultRingMs: CONSULT_RING_SECONDS.default * 1_000,
  referMs: 30_000,
  consultByeMs: 2_000,
}

/**
 * The one running step limit of a transfer: armed on entering a step, it calls `passed` with the
 * step's failure reason if the transfer is still in that step when the limit runs out.
 */
export class StepLimit {
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly state: SnapshotStore,
    private readonly log: Logger,
    private readonly timeouts: TransferTimeouts,
  ) {}

  /**
   * Starts the limit of the step the transfer is in now (none for `talking`), replacing any other.
   * `stillIn` says whether the transfer that armed it is still in that step.
   */
  arm(
    stillIn: (step: TransferStep) => boolean,
    passed: (reason: TransferFailureReason, step: TransferStep) => void,
  ): void {
    this.stop()
    const step = this.state.get().transfer?.step
    const rule = step === undefined ? undefined : TRANSFER_STEPS[step]
    if (step === undefined || !rule?.limit || !rule.onLimit) {
      return
    }
    const { limit, onLimit } = rule
    this.timer = setTimeout(() => {
      if (stillIn(step)) {
        this.log.info({ step, ms: this.timeouts[limit] }, 'transfer step timed out')
        passed(onLimit, step)
      }
    }, this.timeouts[limit])
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }
}

/** `promise`, or a rejection once `ms` passed without it settling. */
export function withLimit<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer))
}
