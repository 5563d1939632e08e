import type { InvalidParam } from '../../../lib/http/problem'
import { isLandcode, LANDCODE_REASON } from '../../validation/land'
import type { Json } from '../common/context'

/**
 * Checks on an adres gegevensgroep (bezoekadres, correspondentieadres) beyond the OAS.
 *
 * Open Klant validates the members in its model (openklant/components/utils/mixins.py
 * `create_prefixed_mixin`, validators in openklant/utils/validators.py). The OAS already carries the
 * `postcode` pattern (`^[1-9][0-9]{3} [A-Z]{2}$`), the `nummeraanduidingId` pattern (16 digits) and
 * the `huisnummer` range, so the request schema refuses those; what it cannot say is that `land`
 * must be an ISO 3166 code (it only has length 2).
 */
export function adresErrors(body: Json, field: string, name: string): InvalidParam[] {
  const adres = body[field]
  if (typeof adres !== 'object' || adres === null) {
    return []
  }
  const land = (adres as Json)['land']
  if (typeof land === 'string' && land !== '' && !isLandcode(land)) {
    return [
      {
        name: `${name}.land`,
        code: 'invalid',
        reason: LANDCODE_REASON,
      },
    ]
  }
  return []
}
