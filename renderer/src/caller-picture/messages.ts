import type { Catalog } from '../i18n/locale'

export interface CallerPictureMessages {
  readonly title: string
  readonly loading: string
  readonly failed: string
  readonly partijen: string
  readonly geenPartij: string
  readonly eerdereContacten: string
  readonly geenContacten: string
  readonly openVerzoeken: string
  readonly geenVerzoeken: string
  readonly vertrouwelijk: string
  readonly geenOnderwerp: string
  readonly gelukt: string
  readonly nietGelukt: string
  readonly onbekendMedewerker: string
  readonly openen: string
  readonly openenBeschrijving: string
  readonly toegewezenAan: string
  readonly bijKlantcontact: string
  readonly dialog: {
    readonly title: string
    readonly loading: string
    readonly failed: string
    readonly notFound: string
    readonly sluiten: string
    readonly kanaal: string
    readonly plaatsgevondenOp: string
    readonly onderwerp: string
    readonly inhoud: string
    readonly klant: string
    readonly medewerkers: string
    readonly afhandeling: string
    readonly vertrouwelijkUitleg: string
  }
}

export const callerPictureMessages: Catalog<CallerPictureMessages> = {
  nl: {
    title: 'Klantbeeld',
    loading: 'Klantbeeld wordt opgehaald…',
    failed: 'Het klantbeeld kon niet worden opgehaald.',
    partijen: 'Bekend bij dit nummer',
    geenPartij: 'Geen bekende klant bij dit nummer.',
    eerdereContacten: 'Eerdere contacten',
    geenContacten: 'Geen eerdere contacten bij dit nummer.',
    openVerzoeken: 'Open contactverzoeken',
    geenVerzoeken: 'Geen open contactverzoeken.',
    vertrouwelijk: 'Vertrouwelijk',
    geenOnderwerp: 'Geen onderwerp',
    gelukt: 'Contact gelukt',
    nietGelukt: 'Geen contact',
    onbekendMedewerker: 'onbekende medewerker',
    openen: 'Openen',
    openenBeschrijving: 'Klantcontact {nummer} openen',
    toegewezenAan: 'Bij {naam}',
    bijKlantcontact: 'Klantcontact {nummer}',
    dialog: {
      title: 'Klantcontact {nummer}',
      loading: 'Wordt opgehaald…',
      failed: 'Het klantcontact kon niet worden opgehaald.',
      notFound: 'Dit klantcontact bestaat niet meer.',
      sluiten: 'Sluiten',
      kanaal: 'Kanaal',
      plaatsgevondenOp: 'Datum',
      onderwerp: 'Onderwerp',
      inhoud: 'Inhoud',
      klant: 'Klant',
      medewerkers: 'Medewerker',
      afhandeling: 'Afhandeling',
      vertrouwelijkUitleg: 'Vertrouwelijk: u ziet alleen dat dit contact er is.',
    },
  },
}
