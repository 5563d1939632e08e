import {
  ProblemError,
  upstreamRejected,
  upstreamUnavailable,
  validationError,
  type InvalidParam,
} from '../http/problems'
import type { UpstreamError } from './client'

/**
 * What an agent is told when the register refuses or fails:
 * - a lost answer (timeout, reset, 5xx) is 502/504 "try again": the outcome is unknown and the
 *   same Idempotency-Key settles it;
 * - a definite 400 with field errors becomes the same field errors, renamed to the task API's
 *   fields (`klantcontact.onderwerp` → `onderwerp`), so the app puts them next to the right input;
 * - any other definite refusal of the request (4xx) is a 422 `register_refused`, with the
 *   register's field errors when it gave some: sending the same request again gets the same
 *   refusal, so it must never read as "try again" (the app would retry it for ever);
 * - a refusal of the gateway itself (401/403: its token; 429: its rate) is the gateway's problem,
 *   not the agent's: 502 with a generic text, details in the gateway's log.
 */
export function problemFor(error: UpstreamError, rename: (name: string) => string = (n) => n): ProblemError {
  if (error.ambiguous) {
    return upstreamUnavailable(error.kind === 'timeout')
  }
  const status = error.status ?? 0
  if (status === 401 || status === 403 || status === 407 || status === 429) {
    return upstreamRejected()
  }
  const params = (error.problem?.invalidParams ?? []).map((p): InvalidParam => ({
    name: rename(p.name),
    code: p.code,
    reason: p.reason,
  }))
  if (status === 400 && params.length > 0) {
    return validationError(params)
  }
  return registerRefused(params)
}

function registerRefused(params: InvalidParam[]): ProblemError {
  return new ProblemError(
    422,
    'register_refused',
    'Het klantcontactregister weigerde de gegevens.',
    'Het klantcontactregister weigerde deze gegevens; opnieuw versturen helpt niet. Pas de gegevens aan, of meld het aan de beheerder als dat niet helpt.',
    'RegisterRefused',
    params.length > 0 ? params : undefined,
  )
}

/** Register field names of `POST /maak-klantcontact` as the task API names them. */
export function registrationField(name: string): string {
  if (name.startsWith('klantcontact.')) {
    return name.slice('klantcontact.'.length)
  }
  if (name === 'betrokkene.wasPartij' || name.startsWith('betrokkene.wasPartij.')) {
    return 'partijUuid'
  }
  if (name.startsWith('betrokkene.')) {
    return name.slice('betrokkene.'.length)
  }
  return name
}
