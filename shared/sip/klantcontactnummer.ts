import {
  assertKlantcontactnummer,
  KLANTCONTACTNUMMER_MAX_DIGITS,
  parseKlantcontactnummer,
  type Klantcontactnummer,
} from '../klantcontact/klantcontactnummer'

/**
 * The klantcontactnummer as it travels with a call (the number is passed on so the colleague opens
 * the klantcontact). It goes in two SIP headers on the consult INVITE:
 *
 * - `X-KCC-Klantcontact: 26000042`, our own header, simplest to read;
 * - `User-to-User: 043236303030303432;encoding=hex;purpose=isdn-uui;content=isdn-uui`
 *   (RFC 7433 §4: hex-encoded user-to-user information; the first octet, 0x04, is the ISDN
 *   protocol discriminator for IA5 characters, Q.931 §4.5.30), which PBXs and SBCs are more
 *   likely to pass on unchanged.
 *
 * Nothing from a form or from the network reaches or leaves a header unchecked: a nummer is what
 * shared/klantcontact/klantcontactnummer.ts says (1 to 10 ASCII digits), nothing else. sip.js
 * writes extra headers verbatim, so a CR/LF in a value would inject headers; `encode*` refuses
 * anything but a nummer, and `decode*` answers `undefined` for anything but a well-formed value.
 */

export const KLANTCONTACT_HEADER = 'X-KCC-Klantcontact'
export const USER_TO_USER_HEADER = 'User-to-User'

const IA5_DISCRIMINATOR = '04'
const UUI_PARAMS = 'encoding=hex;purpose=isdn-uui;content=isdn-uui'
/** The discriminator octet and one octet per digit, each as two hex digits. */
const UUI_DATA = new RegExp(`^(?:[0-9a-fA-F]{2}){2,${KLANTCONTACTNUMMER_MAX_DIGITS + 1}}$`)

/** The two header lines for a consult INVITE (sip.js `extraHeaders`). Throws on anything but digits. */
export function klantcontactHeaders(value: string): string[] {
  const nummer = assertKlantcontactnummer(value)
  return [`${KLANTCONTACT_HEADER}: ${nummer}`, `${USER_TO_USER_HEADER}: ${encodeUserToUser(nummer)}`]
}

/** RFC 7433 value: hex of the IA5 discriminator and the digits, with its parameters. */
export function encodeUserToUser(value: string): string {
  const nummer = assertKlantcontactnummer(value)
  const hex = [...nummer].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')
  return `${IA5_DISCRIMINATOR}${hex};${UUI_PARAMS}`
}

/**
 * The nummer in a User-to-User header value, or undefined. Only `encoding=hex` (the RFC 7433
 * default when absent) with the IA5 discriminator and digits is accepted.
 */
export function decodeUserToUser(header: string | undefined): Klantcontactnummer | undefined {
  if (header === undefined || header.length > 200) {
    return undefined
  }
  const [data, ...params] = header.split(';').map((part) => part.trim())
  const encoding = params.find((p) => p.toLowerCase().startsWith('encoding='))
  if (encoding && encoding.toLowerCase() !== 'encoding=hex') {
    return undefined
  }
  if (!data || !UUI_DATA.test(data) || data.slice(0, 2) !== IA5_DISCRIMINATOR) {
    return undefined
  }
  const text = (data.slice(2).match(/../g) ?? []).map((h) => String.fromCharCode(parseInt(h, 16))).join('')
  return parseKlantcontactnummer(text)
}

/**
 * The nummer a received INVITE carries: `X-KCC-Klantcontact` first, else `User-to-User`. A header
 * that is present but malformed yields undefined rather than falling back, so a tampered value is
 * never silently replaced by the other one.
 */
export function klantcontactnummerFromHeaders(
  getHeader: (name: string) => string | undefined,
): Klantcontactnummer | undefined {
  const own = getHeader(KLANTCONTACT_HEADER)
  if (own !== undefined) {
    return parseKlantcontactnummer(own.trim())
  }
  return decodeUserToUser(getHeader(USER_TO_USER_HEADER))
}
