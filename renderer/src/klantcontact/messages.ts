import type { Catalog } from '../i18n/locale'

/**
 * Texts of the klantcontact panel. The accessible names of the fields ("Naam klant", "Onderwerp",
 * …) are the terms the agents know, and the tests find the fields by them; change them only
 * together with the tests.
 */
export interface KlantcontactMessages {
  readonly panel: {
    readonly heading: string
    readonly nieuw: string
    readonly concepten: string
    readonly conceptZonderOnderwerp: string
    readonly conceptLabel: string
    readonly geenConcept: string
  }
  readonly form: {
    readonly headingCall: string
    readonly headingManual: string
    readonly naamKlant: string
    readonly onderwerp: string
    readonly inhoud: string
    readonly gegevens: string
    readonly kanaal: string
    readonly plaatsgevondenOp: string
    readonly datum: string
    readonly datumHint: string
    readonly tijd: string
    readonly tijdHint: string
    readonly datumFormaat: string
    readonly tijdFormaat: string
    readonly taal: string
    readonly vertrouwelijk: string
    readonly vertrouwelijkHint: string
    readonly opslaan: string
    readonly opslaanHint: string
    readonly counter: string
    readonly counterOver: string
    readonly verwijderen: string
    readonly verwijderenVraag: string
    readonly verwijderenBevestig: string
    readonly annuleren: string
  }
  readonly suggestion: {
    readonly offer: string
    readonly accept: string
    readonly linked: string
  }
  readonly status: {
    readonly sending: string
    readonly waiting: string
    readonly rejected: string
    readonly notSaved: string
    readonly gaveUp: string
  }
  readonly saved: {
    readonly heading: string
    readonly nummerLabel: string
    readonly geenNummer: string
    readonly onderwerp: string
    readonly kopieer: string
    readonly gekopieerd: string
    readonly kopierenMislukt: string
    readonly sluiten: string
    readonly onderwerpLabel: string
    readonly naamKlant: string
    readonly inhoud: string
    readonly kanaal: string
    readonly plaatsgevondenOp: string
    readonly leeg: string
    readonly nietBewaard: string
    readonly inhoudTonen: string
  }
  readonly aanvullen: {
    readonly heading: string
    readonly label: string
    readonly hint: string
    readonly nogRuimte: string
    readonly teVeel: string
    readonly opslaan: string
    readonly saving: string
    readonly saved: string
    readonly leeg: string
    readonly teLang: string
    readonly nietOpgeslagen: string
    readonly onbereikbaar: string
    readonly mislukt: string
    readonly geenNummer: string
  }
  readonly errors: {
    readonly onderwerpLeeg: string
    readonly teLang: string
    readonly kanaalLeeg: string
    readonly taalOngeldig: string
    readonly datumOngeldig: string
    readonly datumToekomst: string
    readonly naamDeelTeLang: string
    readonly naamDelen: {
      readonly voorletters: string
      readonly voornaam: string
      readonly voorvoegselAchternaam: string
      readonly achternaam: string
    }
    readonly onbekend: string
  }
  readonly kanalen: readonly string[]
  /** ISO 639-2/B codes (the OAS asks for the B form: `ger`, `fre`, not `deu`, `fra`). */
  readonly talen: ReadonlyArray<{ readonly code: string; readonly label: string }>
}

export const klantcontactMessages: Catalog<KlantcontactMessages> = {
  nl: {
    panel: {
      heading: 'Klantcontact',
      nieuw: 'Nieuw klantcontact',
      concepten: 'Open klantcontacten',
      conceptZonderOnderwerp: 'Zonder onderwerp',
      conceptLabel: '{onderwerp} ({tijd})',
      geenConcept: 'Er is geen klantcontact open.',
    },
    form: {
      headingCall: 'Klantcontact bij gesprek',
      headingManual: 'Nieuw klantcontact',
      naamKlant: 'Naam klant',
      onderwerp: 'Onderwerp',
      inhoud: 'Inhoud',
      gegevens: 'Gegevens van het contact',
      kanaal: 'Kanaal',
      plaatsgevondenOp: 'Plaatsgevonden op',
      datum: 'Datum',
      datumHint: 'dd-mm-jjjj, bijvoorbeeld 02-03-2026',
      tijd: 'Tijd',
      tijdHint: 'uu:mm, 24 uur, bijvoorbeeld 14:05',
      datumFormaat: 'Vul de datum in als dd-mm-jjjj, bijvoorbeeld 02-03-2026.',
      tijdFormaat: 'Vul de tijd in als uu:mm, bijvoorbeeld 14:05.',
      taal: 'Taal',
      vertrouwelijk: 'Vertrouwelijk',
      vertrouwelijkHint: 'Alleen wie bij dit contact betrokken is, ziet onderwerp, inhoud en naam.',
      opslaan: 'Opslaan',
      opslaanHint: 'Sneltoets: Ctrl+S',
      counter: '{count}/{max}',
      counterOver: '{count}/{max}: {over} tekens te veel',
      verwijderen: 'Concept verwijderen',
      verwijderenVraag: 'Dit concept verwijderen? Wat u hebt ingevuld, gaat verloren.',
      verwijderenBevestig: 'Ja, verwijderen',
      annuleren: 'Annuleren',
    },
    suggestion: {
      offer: 'Bekende klant bij dit nummer: {naam}',
      accept: 'Naam overnemen',
      linked: 'Gekoppeld aan de bekende klant bij dit nummer.',
    },
    status: {
      sending: 'Wordt opgeslagen…',
      waiting: 'Wacht op verbinding met de server; wordt automatisch opnieuw verstuurd.',
      rejected: 'Het klantcontact is niet opgeslagen. Pas de gemarkeerde velden aan en sla opnieuw op.',
      notSaved: 'Het klantcontact is niet opgeslagen.',
      gaveUp:
        'Na {count} pogingen gaf de server nog steeds een fout; het automatisch opnieuw versturen is gestopt. Uw concept is bewaard. Controleer de tekst en sla opnieuw op. Blijft dit gebeuren, meld het dan aan de beheerder.',
    },
    saved: {
      heading: 'Klantcontact opgeslagen',
      nummerLabel: 'Klantcontactnummer',
      geenNummer: 'Opgeslagen, maar het register gaf geen klantcontactnummer.',
      onderwerp: 'Onderwerp: {onderwerp}',
      kopieer: 'Kopieer nummer',
      gekopieerd: 'Gekopieerd',
      kopierenMislukt: 'Kopiëren is niet gelukt; lees het nummer hierboven.',
      sluiten: 'Sluiten',
      onderwerpLabel: 'Onderwerp',
      naamKlant: 'Naam klant',
      inhoud: 'Inhoud',
      kanaal: 'Kanaal',
      plaatsgevondenOp: 'Plaatsgevonden op',
      leeg: 'Niet ingevuld',
      nietBewaard:
        'De inhoud staat in het klantcontactregister; deze werkplek bewaart na het opslaan alleen het nummer.',
      inhoudTonen: 'Inhoud tonen',
    },
    aanvullen: {
      heading: 'Aanvullen',
      label: 'Aanvulling',
      hint: 'De aanvulling komt onder de inhoud; wat er al staat, blijft staan.',
      nogRuimte: 'Nog {count} tekens beschikbaar',
      teVeel: '{over} tekens te veel',
      opslaan: 'Aanvulling opslaan',
      saving: 'Aanvulling wordt opgeslagen…',
      saved: 'Aanvulling opgeslagen',
      leeg: 'Vul een aanvulling in.',
      teLang: 'De aanvulling past niet meer in de inhoud. Maak haar korter.',
      nietOpgeslagen: 'De aanvulling is niet opgeslagen.',
      onbereikbaar: 'Er is nu geen verbinding met het register. Probeer het zo opnieuw.',
      mislukt: 'Er ging iets mis bij het opslaan. Probeer het zo opnieuw.',
      geenNummer: 'Zonder klantcontactnummer kan dit klantcontact hier niet worden aangevuld.',
    },
    errors: {
      onderwerpLeeg: 'Vul een onderwerp in.',
      teLang: 'Dit is {count} tekens lang; maximaal {max}.',
      kanaalLeeg: 'Kies een kanaal.',
      taalOngeldig: 'Kies een taal.',
      datumOngeldig: 'Vul een geldige datum en tijd in.',
      datumToekomst: 'Dit tijdstip ligt in de toekomst.',
      naamDeelTeLang:
        'Deze naam past niet in het register: {deel} "{waarde}" mag maximaal {max} tekens hebben.',
      naamDelen: {
        voorletters: 'de voorletters',
        voornaam: 'de voornaam',
        voorvoegselAchternaam: 'het voorvoegsel',
        achternaam: 'de achternaam',
      },
      onbekend: 'Het klantcontact is niet opgeslagen.',
    },
    kanalen: ['Telefoon', 'E-mail', 'Balie', 'Brief', 'Chat', 'Contactformulier', 'Social media'],
    talen: [
      { code: 'nld', label: 'Nederlands' },
      { code: 'eng', label: 'Engels' },
      { code: 'ger', label: 'Duits' },
      { code: 'fre', label: 'Frans' },
      { code: 'spa', label: 'Spaans' },
      { code: 'pol', label: 'Pools' },
      { code: 'tur', label: 'Turks' },
      { code: 'ara', label: 'Arabisch' },
      { code: 'pap', label: 'Papiaments' },
      { code: 'fry', label: 'Fries' },
    ],
  },
}
