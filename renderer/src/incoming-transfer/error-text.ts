import { missingCaseError } from '../lib/missing-case'
import type { OpenedMessages } from './messages'
import type { OpenedError, OpenedSource } from './state'

/**
 * The Dutch text for a failure. The gateway's own reason (already Dutch) says more than ours for a
 * refusal (a 400's field error: by how many characters an answer is too long; a 403's "vertrouwelijk"
 * explanation), so it is shown instead when there is one.
 */
export function errorText(
  t: OpenedMessages['errors'],
  error: OpenedError,
  source: OpenedSource = 'manual',
): string {
  switch (error.kind) {
    case 'rejected':
    case 'forbidden':
      return error.detail ?? t[error.kind]
    case 'not_found':
      // For a transfer the gateway answers 404 alike for an unknown nummer and for "no record for
      // you" (docs/gateway.md, Transfers), so the text says the latter.
      return source === 'transfer' ? t.not_found_transfer : t.not_found
    case 'empty':
    case 'too_long':
    case 'invalid':
    case 'unreachable':
    case 'failed':
      return t[error.kind]
    default:
      throw missingCaseError(error.kind)
  }
}
