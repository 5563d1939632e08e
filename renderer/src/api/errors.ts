import type { ProblemView } from '../../../shared/gateway/api'

/**
 * Why a gateway call failed, as the UI must treat it:
 * - `unreachable`: no answer at all (network down, gateway restarting, timeout). The outcome of a
 *   write is unknown; retrying with the same idempotency key is safe.
 * - `unauthenticated`: the session is gone (401); log in again.
 * - `rejected`: the gateway answered 4xx; retrying the same request will not help. `problem`
 *   carries the field errors (`invalidParams`) to show next to the fields.
 * - `failed`: the gateway answered 5xx (including 502/504 when the register is down); retrying
 *   with the same idempotency key is safe.
 */
export type GatewayErrorKind = 'unreachable' | 'unauthenticated' | 'rejected' | 'failed'

export class GatewayError extends Error {
  override readonly name = 'GatewayError'

  constructor(
    readonly kind: GatewayErrorKind,
    readonly status: number | undefined,
    readonly problem: ProblemView | undefined,
    message: string,
  ) {
    super(message)
  }

  /** Whether sending the same request again (same idempotency key) may succeed. */
  get retryable(): boolean {
    return this.kind === 'unreachable' || this.kind === 'failed' || this.status === 429
  }
}

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError
}
