/**
 * The header lines a transferee puts on the INVITE that follows a REFER (RFC 3515 §2.4.2): those a
 * blind transfer embedded in the Refer-To URI (RFC 3261 §19.1.1 "headers"), such as our
 * `X-KCC-Klantcontact` and `User-to-User`.
 *
 * sip.js follows a REFER with `Referral.makeInviter()`, which clears the URI's headers and adds back
 * only Replaces and Referred-By, so these would be lost. Replaces (RFC 3891) and Referred-By (RFC
 * 3892) stay sip.js' own business; `body` is not a header (RFC 3261 §19.1.1). The values arrive
 * percent-encoded (sip.js does not decode them) and are decoded here; a value that does not decode,
 * a name that is not a token (RFC 3261 §25.1), or a CR/LF (header injection) is dropped.
 *
 * Structural type, so this file needs neither sip.js nor the DOM: sip.js' `NameAddrHeader` fits.
 */
export interface ReferToLike {
  readonly uri: { readonly headers: Readonly<Record<string, readonly string[]>> }
}

const LEFT_TO_SIPJS = /^(replaces|referred-by|body)$/i
const TOKEN = /^[A-Za-z0-9.!%*_+`'~-]+$/

export function embeddedHeaders(referTo: ReferToLike): string[] {
  return Object.entries(referTo.uri.headers)
    .filter(([name]) => !LEFT_TO_SIPJS.test(name) && TOKEN.test(name))
    .flatMap(([name, values]) =>
      values.flatMap((value) => {
        const decoded = decode(value)
        return decoded === undefined || /[\r\n]/.test(decoded) ? [] : [`${name}: ${decoded}`]
      }),
    )
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}
