import { parseKlantcontactnummer, type Klantcontactnummer } from '../../../shared/sip/klantcontactnummer'

/**
 * A klantcontactnummer handed to the softphone (from a form, or the register), as the checked
 * brand the call records carry; a RangeError for anything but 1 to 10 digits, before anything is
 * sent or put on hold.
 */
export function checkedNummer(value: string | undefined): Klantcontactnummer | undefined {
  if (value === undefined) {
    return undefined
  }
  const nummer = parseKlantcontactnummer(value)
  if (nummer === undefined) {
    throw new RangeError('a klantcontactnummer is 1 to 10 digits')
  }
  return nummer
}
