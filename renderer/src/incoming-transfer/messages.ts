import {
  KLANTCONTACTNUMMER_MAX_DIGITS,
  KLANTCONTACTNUMMER_REASON,
} from '../../../shared/klantcontact/klantcontactnummer'
import type { Catalog } from '../i18n/locale'

/**
 * Texts of the opened klantcontact, "Klantcontact openen" and the contactverzoek. The field names
 * are the ones the agents know (Onderwerp, Inhoud, Naam klant, Plaatsgevonden op) and the
 * Klantinteracties standard's (gevraagde handeling, toelichting); the accessible names are tested.
 */
export interface OpenedMessages {
  readonly view: {
    readonly heading: string
    readonly headingZonderNummer: string
    readonly viaOverdracht: string
    readonly loading: string
    readonly onderwerp: string
    readonly inhoud: string
    readonly reactie: string
    readonly naamKlant: string
    readonly geregistreerdDoor: string
    readonly plaatsgevondenOp: string
    readonly leeg: string
    readonly afgeschermd: string
    readonly alleenLezen: string
    readonly sluiten: string
    readonly opnieuw: string
    readonly openenMislukt: string
  }
  readonly answer: {
    readonly heading: string
    readonly label: string
    readonly hintInhoud: string
    readonly hintReactie: string
    readonly nogRuimte: string
    readonly teVeel: string
    readonly opslaan: string
    readonly saving: string
    readonly saved: string
    readonly nietOpgeslagen: string
  }
  readonly openen: {
    readonly heading: string
    readonly label: string
    readonly hint: string
    readonly button: string
    readonly leeg: string
    readonly ongeldig: string
  }
  readonly contactverzoek: {
    readonly heading: string
    readonly toegewezenAan: string
    readonly afdeling: string
    readonly medewerker: string
    readonly gevraagdeHandeling: string
    readonly gevraagdeHandelingVoorstel: string
    readonly gevraagdeHandelingZonderOnderwerp: string
    readonly gevraagdeHandelingLeeg: string
    readonly teLang: string
    readonly toelichting: string
    readonly toelichtingMislukt: string
    readonly toelichtingOnderwerp: string
    readonly toelichtingTelefoon: string
    readonly button: string
    readonly sending: string
    readonly created: string
    readonly nietGemaakt: string
  }
  readonly errors: {
    readonly empty: string
    readonly too_long: string
    readonly invalid: string
    readonly not_found: string
    readonly not_found_transfer: string
    readonly forbidden: string
    readonly rejected: string
    readonly unreachable: string
    readonly failed: string
  }
}

export const openedMessages: Catalog<OpenedMessages> = {
  nl: {
    view: {
      heading: 'Klantcontact {nummer}',
      headingZonderNummer: 'Klantcontact',
      viaOverdracht: 'Doorverbonden door een collega, bij dit gesprek.',
      loading: 'Klantcontact {nummer} wordt geopend…',
      onderwerp: 'Onderwerp',
      inhoud: 'Inhoud',
      reactie: 'Reactie',
      naamKlant: 'Naam klant',
      geregistreerdDoor: 'Geregistreerd door',
      plaatsgevondenOp: 'Plaatsgevonden op',
      leeg: 'Niet ingevuld',
      afgeschermd:
        'Dit klantcontact is vertrouwelijk. Onderwerp, inhoud en naam klant zijn afgeschermd: alleen ' +
        'medewerkers die erbij betrokken zijn, zien ze.',
      alleenLezen:
        'Alleen lezen: dit klantcontact is niet door u behandeld en niet aan u doorgegeven, dus u kunt er niets aan toevoegen.',
      sluiten: 'Sluiten',
      opnieuw: 'Opnieuw proberen',
      openenMislukt: 'Klantcontact {nummer} kon niet worden geopend.',
    },
    answer: {
      heading: 'Beantwoorden',
      label: 'Antwoord',
      hintInhoud: 'Het antwoord komt onder de vraag in de inhoud; de vraag blijft staan.',
      hintReactie: 'Het antwoord wordt in de reactie van het klantcontact vastgelegd.',
      nogRuimte: 'Nog {count} tekens beschikbaar',
      teVeel: '{over} tekens te veel',
      opslaan: 'Antwoord opslaan',
      saving: 'Antwoord wordt opgeslagen…',
      saved: 'Antwoord opgeslagen',
      nietOpgeslagen: 'Het antwoord is niet opgeslagen.',
    },
    openen: {
      heading: 'Klantcontact openen',
      label: 'Klantcontactnummer',
      hint: `1 tot ${KLANTCONTACTNUMMER_MAX_DIGITS} cijfers, bijvoorbeeld 26 000 001.`,
      button: 'Openen',
      leeg: 'Vul een klantcontactnummer in.',
      ongeldig: `Een klantcontactnummer bestaat uit 1 tot ${KLANTCONTACTNUMMER_MAX_DIGITS} cijfers, zonder letters of andere tekens.`,
    },
    contactverzoek: {
      heading: 'Contactverzoek voor {naam}',
      toegewezenAan: 'Toegewezen aan',
      afdeling: '{naam} (afdeling)',
      medewerker: '{naam} (medewerker)',
      gevraagdeHandeling: 'Gevraagde handeling',
      gevraagdeHandelingVoorstel: 'Klant terugbellen over: {onderwerp}',
      gevraagdeHandelingZonderOnderwerp: 'Klant terugbellen',
      gevraagdeHandelingLeeg: 'Vul in wat er moet gebeuren.',
      teLang: 'Dit is {count} tekens lang; maximaal {max}.',
      toelichting: 'Toelichting',
      toelichtingMislukt: 'Doorverbinden met {naam} is niet gelukt.',
      toelichtingOnderwerp: 'Onderwerp: {onderwerp}',
      toelichtingTelefoon: 'Telefoonnummer klant: {nummer}',
      button: 'Contactverzoek maken',
      sending: 'Contactverzoek wordt gemaakt…',
      created: 'Contactverzoek gemaakt',
      nietGemaakt: 'Het contactverzoek is niet gemaakt.',
    },
    errors: {
      empty: 'Vul een antwoord in.',
      too_long: 'Het antwoord past niet meer in het klantcontact. Maak het korter.',
      invalid: KLANTCONTACTNUMMER_REASON,
      not_found: 'Geen klantcontact met dit nummer.',
      not_found_transfer: 'Er is geen overdracht van dit klantcontact aan u (meer).',
      forbidden: 'U hebt geen toegang tot dit klantcontact.',
      rejected: 'De server weigerde het verzoek.',
      unreachable: 'De server is niet bereikbaar. Probeer het zo opnieuw.',
      failed: 'Er ging iets mis bij de server of het klantcontactregister. Probeer het zo opnieuw.',
    },
  },
}
