import {
  upstreamRejected,
  upstreamUnavailable,
  validationError,
  type InvalidParam,
  type ProblemError,
} from '../http/problems'
import type { UpstreamError } from './client'

/**
 * What an agent is told when the register refuses or fails. A definite 400 with field errors
 * becomes the same field errors, renamed to the task API's fields (`klantcontact.onderwerp` →
 * `onderwerp`), so the app can put them next to the right input; anything else is the gateway's
 * problem, not the agent's: 502/504 with a generic text, details in the gateway's log.
 */
export function problemFor(error: UpstreamError, rename: (name: string) => string = (n) => n): ProblemError {
  if (error.ambiguous) {
    return upstreamUnavailable(error.kind === 'timeout')
  }
  const params = error.problem?.invalidParams
  if (error.status === 400 && params && params.length > 0) {
    return validationError(params.map((p): InvalidParam => ({ ...p, name: rename(p.name) })))
  }
  return upstreamRejected()
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
