/**
 * Whether a CANCEL's Reason header (RFC 3326 §2) says the call was answered elsewhere: the protocol
 * `SIP` with `cause=200`, as a forking proxy sends to the branches it cancels after a 2xx (RFC 3261
 * §16.7 step 10). Several reasons may be listed, comma-separated; any such one counts.
 */
export function completedElsewhere(reason: string | undefined): boolean {
  if (reason === undefined) {
    return false
  }
  return reason.split(',').some((value) => /^\s*SIP\s*;(?:.*;)?\s*cause\s*=\s*200\s*(?:;|$)/i.test(value))
}
