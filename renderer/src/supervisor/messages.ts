import type { Catalog } from '../i18n/locale'

/** The queue's texts, shared by the team overview and the wallboard. */
export interface QueueTexts {
  titel: string
  afdeling: string
  wachtend: string
  langste: string
  aangenomen: string
  opgehangen: string
  niemand: string
  servicelevel: string
  terugbelverzoeken: string
  uitleg: string
}

export const supervisorMessages: Catalog<{
  title: string
  medewerker: string
  status: string
  sinds: string
  gesprek: string
  geenGesprek: string
  inkomend: string
  uitgaand: string
  gaatOver: string
  klantcontact: string
  vertrouwelijk: string
  geenOnderwerp: string
  overdrachten: string
  geenOverdrachten: string
  overdracht: string
  geenMedewerkers: string
  verbinding: string
  vandaag: string
  afdeling: string
  beantwoord: string
  opgehangen: string
  gemiddeld: string
  doorverbonden: string
  contactverzoeken: string
  afgehandeld: string
  meeluisteren: string
  acties: string
  mode: { listen: string; whisper: string; barge: string }
  modeHint: { listen: string; whisper: string; barge: string }
  sessie: string
  bezig: string
  actief: { listen: string; whisper: string; barge: string }
  verbinden: string
  stoppen: string
  monitorFailed: string
  monitorGeweigerd: string
  monitorGeenGesprek: string
  meegeluisterd: string
  wachtrij: QueueTexts
}> = {
  nl: {
    title: 'Teamoverzicht',
    medewerker: 'Medewerker',
    status: 'Status',
    sinds: 'Sinds',
    gesprek: 'Gesprek',
    geenGesprek: '–',
    inkomend: 'Inkomend',
    uitgaand: 'Uitgaand',
    gaatOver: 'gaat over',
    klantcontact: 'Klantcontact {nummer}',
    vertrouwelijk: 'Onderwerp afgeschermd (vertrouwelijk)',
    geenOnderwerp: 'Nog geen onderwerp',
    overdrachten: 'Lopende overdrachten',
    geenOverdrachten: 'Geen lopende overdrachten.',
    overdracht: '{van} → {naar}: klantcontact {nummer}, {duur}',
    geenMedewerkers: 'Geen medewerkers.',
    verbinding: 'Het teamoverzicht is niet actueel: de verbinding is verbroken. We proberen het opnieuw.',
    vandaag: 'Vandaag per afdeling',
    afdeling: 'Afdeling',
    beantwoord: 'Beantwoord',
    opgehangen: 'Opgehangen tijdens wachten',
    gemiddeld: 'Gemiddelde gesprekstijd',
    doorverbonden: 'Doorverbonden',
    contactverzoeken: 'Contactverzoeken',
    afgehandeld: 'Afgehandeld: {afhandeling}',
    meeluisteren: 'Meeluisteren',
    acties: 'Meeluisteren met {naam}',
    mode: { listen: 'Meeluisteren', whisper: 'Fluisteren', barge: 'Inbreken' },
    modeHint: {
      listen: 'Stil meeluisteren: niemand hoort u.',
      whisper: 'Alleen de medewerker hoort u, de klant niet.',
      barge: 'Deelnemen aan het gesprek: de medewerker en de klant horen u.',
    },
    sessie: 'Meeluistersessie',
    bezig: 'Verbinden met het gesprek van {naam}…',
    actief: {
      listen: 'U luistert mee met {naam}.',
      whisper: 'U fluistert tegen {naam}; de klant hoort u niet.',
      barge: 'U neemt deel aan het gesprek van {naam}; de klant hoort u.',
    },
    verbinden: 'Het gesprek komt binnen…',
    stoppen: 'Stoppen',
    monitorFailed: 'Meeluisteren is niet gelukt. Probeer het opnieuw.',
    monitorGeweigerd: 'U mag niet meeluisteren met deze medewerker.',
    monitorGeenGesprek: 'Deze medewerker is nu niet in gesprek.',
    meegeluisterd: 'Meegeluisterd door {naam}',
    wachtrij: {
      titel: 'Wachtrij',
      afdeling: 'Afdeling',
      wachtend: 'Wachtend',
      langste: 'Langste wachttijd',
      aangenomen: 'Aangenomen',
      opgehangen: 'Opgehangen',
      niemand: 'Niemand beschikbaar',
      servicelevel: 'Servicelevel',
      terugbelverzoeken: 'Terugbelverzoeken',
      uitleg:
        'Aantallen van vandaag. Opgehangen telt ook de bellers voor wie niemand beschikbaar was. ' +
        'Servicelevel: het deel van de bellers dat binnen de servicetijd van de afdeling is aangenomen.',
    },
  },
}
