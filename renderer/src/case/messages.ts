import type { Catalog } from '../i18n/locale'

/** Texts of the case column: its heading per case, "Nieuw klantcontact" and the list of the others. */
export interface CaseMessages {
  readonly heading: {
    readonly ringing: string
    readonly call: string
    readonly manual: string
    readonly saved: string
    readonly savedZonderNummer: string
    readonly transfer: string
    readonly opened: string
    readonly none: string
  }
  readonly nieuw: string
  readonly geenKlantcontact: string
  readonly anderen: string
  readonly conceptLabel: string
  readonly zonderOnderwerp: string
  readonly geopend: string
  readonly geopendZonderNummer: string
}

export const caseMessages: Catalog<CaseMessages> = {
  nl: {
    heading: {
      ringing: 'Klantcontact bij het binnenkomende gesprek',
      call: 'Klantcontact bij gesprek',
      manual: 'Nieuw klantcontact',
      saved: 'Klantcontact {nummer}',
      savedZonderNummer: 'Klantcontact opgeslagen',
      transfer: 'Klantcontact van een collega',
      opened: 'Opgezocht klantcontact',
      none: 'Klantcontact',
    },
    nieuw: 'Nieuw klantcontact',
    geenKlantcontact: 'Er is geen klantcontact open.',
    anderen: 'Andere open klantcontacten',
    conceptLabel: '{onderwerp} ({tijd})',
    zonderOnderwerp: 'Zonder onderwerp',
    geopend: 'Klantcontact {nummer}',
    geopendZonderNummer: 'Geopend klantcontact',
  },
}
