import type { Catalog } from '../i18n/locale'
import type { OpenedMessages } from '../incoming-transfer/messages'

/** Texts of the afhandeling at the end of a case (AfhandelingControl). */
export interface AfhandelingMessages {
  readonly legend: string
  readonly uitleg: string
  readonly vastleggen: string
  readonly wijzigen: string
  readonly bezig: string
  readonly vastgelegd: string
  readonly nietVastgelegd: string
  readonly errors: OpenedMessages['errors']
}

export const afhandelingControlMessages: Catalog<AfhandelingMessages> = {
  nl: {
    legend: 'Afhandeling',
    uitleg: 'Hoe is dit klantcontact afgehandeld? Kies en leg het vast.',
    vastleggen: 'Afhandeling vastleggen',
    wijzigen: 'Afhandeling wijzigen',
    bezig: 'Bezig met vastleggen…',
    vastgelegd: 'Vastgelegd: {afhandeling}.',
    nietVastgelegd: 'Nog niet vastgelegd.',
    errors: {
      empty: 'Kies een afhandeling.',
      too_long: 'Kies een afhandeling.',
      invalid: 'Kies een van de afhandelingen.',
      not_found: 'Dit klantcontact staat niet (meer) in het klantcontactregister.',
      not_found_transfer: 'Dit klantcontact staat niet (meer) in het klantcontactregister.',
      forbidden: 'U kunt de afhandeling van dit klantcontact niet vastleggen.',
      rejected: 'De server weigerde de afhandeling.',
      unreachable: 'De server is niet bereikbaar. Uw keuze blijft staan; probeer het zo opnieuw.',
      failed:
        'Er ging iets mis bij de server of het klantcontactregister. Uw keuze blijft staan; probeer het zo opnieuw.',
    },
  },
}
