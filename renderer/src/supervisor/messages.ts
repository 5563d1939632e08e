import type { Catalog } from '../i18n/locale'

export const supervisorMessages: Catalog<{
  title: string
  medewerker: string
  status: string
  sinds: string
  gesprek: string
  geenGesprek: string
  inkomend: string
  uitgaand: string
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
    klantcontact: 'Klantcontact {nummer}',
    vertrouwelijk: 'Onderwerp afgeschermd (vertrouwelijk)',
    geenOnderwerp: 'Nog geen onderwerp',
    overdrachten: 'Lopende overdrachten',
    geenOverdrachten: 'Geen lopende overdrachten.',
    overdracht: '{van} → {naar}: klantcontact {nummer}, {duur}',
    geenMedewerkers: 'Geen medewerkers.',
    verbinding: 'Het teamoverzicht is niet actueel: geen verbinding met de gateway.',
    vandaag: 'Vandaag per afdeling',
    afdeling: 'Afdeling',
    beantwoord: 'Beantwoord',
    opgehangen: 'Opgehangen tijdens wachten',
    gemiddeld: 'Gemiddelde gesprekstijd',
    doorverbonden: 'Doorverbonden',
    contactverzoeken: 'Contactverzoeken',
  },
}
