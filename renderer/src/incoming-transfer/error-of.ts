import { isGatewayError } from '../api/errors'
import { missingCaseError } from '../lib/missing-case'
import type { OpenedError } from './state'

/**
 * A failed gateway call as the opened klantcontact shows it. The gateway's reasons are Dutch
 * already (docs/gateway.md: problem+json with Dutch `detail` and `invalidParams[].reason`), so a
 * 400's field errors and a 403's explanation are kept as `detail` and shown as they come.
 */
export function openedErrorOf(error: unknown): OpenedError {
  if (!isGatewayError(error)) {
    return { kind: 'failed' }
  }
  switch (error.kind) {
    case 'unreachable':
      return { kind: 'unreachable' }
    case 'failed':
    case 'unauthenticated':
      // 401 has already sent the app back to the login screen; nothing to add here.
      return { kind: 'failed' }
    case 'rejected':
      return rejected(error.status, reasonOf(error.problem))
    default:
      throw missingCaseError(error.kind)
  }
}

function rejected(status: number | undefined, detail: string | undefined): OpenedError {
  const kind = status === 404 ? 'not_found' : status === 403 ? 'forbidden' : 'rejected'
  return detail !== undefined ? { kind, detail } : { kind }
}

function reasonOf(problem: { detail?: string; invalidParams?: Array<{ reason: string }> } | undefined) {
  const reasons = (problem?.invalidParams ?? []).map((param) => param.reason)
  return reasons.length > 0 ? reasons.join(' ') : problem?.detail
}
