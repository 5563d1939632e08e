import { KLANTCONTACTNUMMER_MAX_DIGITS } from '../../../shared/klantcontact/klantcontactnummer'
import type { Catalog } from '../i18n/locale'
import type { SearchProblem } from './search-query'

export interface SearchMessages {
  readonly title: string
  readonly formLabel: string
  readonly nummer: string
  readonly telefoonnummer: string
  readonly naam: string
  readonly naamHint: string
  readonly onderwerp: string
  readonly van: string
  readonly tot: string
  readonly datumHint: string
  readonly zoeken: string
  readonly wissen: string
  readonly mijnRecente: string
  readonly vernieuwen: string
  /** The results' heading for "Mijn recente", and for a search. */
  readonly recentTitle: string
  readonly resultsTitle: string
  readonly laden: string
  readonly geenRecente: string
  readonly geenResultaten: string
  readonly mislukt: string
  readonly kolomNummer: string
  readonly kolomOnderwerp: string
  readonly afgeschermd: string
  readonly alleenLezen: string
  readonly openen: string
  readonly vorige: string
  readonly volgende: string
  readonly pagina: string
  readonly paginering: string
  readonly fouten: Readonly<Record<SearchProblem, string>>
}

export const searchMessages: Catalog<SearchMessages> = {
  nl: {
    title: 'Klantcontacten zoeken',
    formLabel: 'Zoeken in klantcontacten',
    nummer: 'Klantcontactnummer',
    telefoonnummer: 'Telefoonnummer klant',
    naam: 'Achternaam of organisatie',
    naamHint: 'De volledige achternaam, zoals de klant die opgaf, bijvoorbeeld de Vries.',
    onderwerp: 'Onderwerp bevat',
    van: 'Van',
    tot: 'Tot en met',
    datumHint: 'dd-mm-jjjj',
    zoeken: 'Zoeken',
    wissen: 'Wissen',
    mijnRecente: 'Mijn recente',
    vernieuwen: 'Vernieuwen',
    recentTitle: 'Recente klantcontacten',
    resultsTitle: 'Zoekresultaten',
    laden: 'Klantcontacten worden opgehaald…',
    geenRecente: 'Nog geen klantcontacten.',
    geenResultaten: 'Geen klantcontacten gevonden.',
    mislukt: 'De klantcontacten konden niet worden opgehaald. Probeer het opnieuw.',
    kolomNummer: 'Nummer',
    kolomOnderwerp: 'Onderwerp',
    afgeschermd: 'Vertrouwelijk',
    alleenLezen: 'Alleen lezen',
    openen: 'Klantcontact {nummer} openen',
    vorige: 'Vorige',
    volgende: 'Volgende',
    pagina: 'Pagina {page}',
    paginering: 'Pagina’s',
    fouten: {
      nummer: `Een klantcontactnummer bestaat uit 1 tot ${KLANTCONTACTNUMMER_MAX_DIGITS} cijfers.`,
      telefoonnummer:
        'Een telefoonnummer bestaat uit cijfers, eventueel met +, spaties, haakjes of streepjes.',
      datum: 'Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 02-03-2026.',
      periode: 'De datum Tot en met ligt vóór de datum Van.',
      leeg: 'Vul een nummer, telefoonnummer, naam of onderwerp in. Een periode alleen is niet genoeg.',
    },
  },
}
