import type { Afhandeling } from '../../../shared/klantcontact/afhandeling'
import type { Catalog } from './locale'

/**
 * How a klantcontact ended, as the agent chooses it and the supervisor's figures count it: one
 * catalog, so the case and the team overview say the same.
 */
export const afhandelingMessages: Catalog<Record<Afhandeling, string>> = {
  nl: {
    zelf_beantwoord: 'Zelf beantwoord',
    doorverbonden: 'Doorverbonden',
    contactverzoek: 'Contactverzoek gemaakt',
    terugbelverzoek: 'Terugbelverzoek',
    geen_contact: 'Geen contact',
  },
}
