import { URI } from 'sip.js'
import { assertKlantcontactnummer } from '../../../../shared/klantcontact/klantcontactnummer'
import {
  encodeUserToUser,
  KLANTCONTACT_HEADER,
  USER_TO_USER_HEADER,
} from '../../../../shared/sip/klantcontactnummer'

/**
 * The Refer-To of a blind transfer (RFC 3515 §2.1, RFC 5589 §6) that carries the klantcontactnummer
 * as embedded URI headers (RFC 3261 §19.1.1), for a transferee that copies them onto its INVITE:
 *
 * ```text
 * <sip:medewerker2@kcc.test?X-KCC-Klantcontact=26000001&User-to-User=0432...%3Bencoding%3Dhex%3B...>
 * ```
 *
 * Two sip.js 0.21 behaviours make this a class of its own: `Session.refer(uri)`
 * writes `Refer-To: ${uri.toString()}` without angle brackets, which RFC 3261 §20 requires once the
 * URI has `?headers` (a sip.js transferee fails to parse the REFER and drops it); and
 * `URI.toString()` writes header values unescaped, while the User-to-User value (RFC 7433) holds `;`
 * and `=`, which an hvalue must escape (RFC 3261 §25.1). So the string is built here once, escaped,
 * in name-addr form, and `toString()` returns it.
 */
class EmbeddedHeadersReferTo extends URI {
  constructor(
    base: URI,
    private readonly text: string,
  ) {
    super(base.scheme, base.user ?? '', base.host, base.port, { ...base.parameters })
  }

  override toString(): string {
    return this.text
  }
}

/**
 * The Refer-To for a blind transfer to `target`, with the nummer embedded when given. Headers
 * already in `target` (a typed `sip:` URI could bring `?Replaces=…`) are dropped: only ours go out.
 * Throws a RangeError, before anything is built, for anything but a klantcontactnummer.
 */
export function blindReferTo(target: URI, klantcontactnummer?: string): URI {
  const headers: Array<[string, string]> = []
  if (klantcontactnummer !== undefined) {
    const nummer = assertKlantcontactnummer(klantcontactnummer)
    headers.push([KLANTCONTACT_HEADER, nummer], [USER_TO_USER_HEADER, encodeUserToUser(nummer)])
  }
  const bare = target.clone()
  bare.clearHeaders()
  // encodeURIComponent leaves only RFC 3261 `unreserved` characters, a subset of what an hvalue allows.
  const query = headers.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&')
  return new EmbeddedHeadersReferTo(bare, `<${bare.toString()}${query ? `?${query}` : ''}>`)
}
