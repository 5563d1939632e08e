import type { Catalog } from '../i18n/locale'

/** The inbox's texts: the panel, the count in the status bar and the call-back's origin. */
export interface InboxMessages {
  title: string
  titleWithCount: string
  laden: string
  ladenMislukt: string
  opnieuw: string
  leeg: string
  lijst: string
  count: { geen: string; een: string; meer: string }
  terugbelverzoek: string
  klantOnbekend: string
  nummerOnbekend: string
  leeftijd: { net: string; minuten: string; uren: string; dag: string; dagen: string }
  ontvangen: string
  voorAfdeling: string
  opgepaktDoor: string
  opgepaktDoorU: string
  aanleiding: string
  afgeschermd: string
  oppakken: string
  terugbellen: string
  terugbellenBezig: string
  verwerkt: string
  doorzetten: string
  actieLabel: string
  resultaat: string
  resultaatLeeg: string
  verwerktOpslaan: string
  naarAfdeling: string
  kiesAfdeling: string
  afdelingLeeg: string
  toelichting: string
  toelichtingKop: string
  doorzettenOpslaan: string
  annuleren: string
  bezig: string
  gelukt: { oppakken: string; verwerkt: string; doorzetten: string; terugbellen: string }
  mislukt: {
    onbereikbaar: string
    algemeen: string
    geenNummer: string
    bellen: string
  }
  verwerktTonen: string
  verwerktVerbergen: string
  verwerktTitel: string
  verwerktLeeg: string
  verwerktOp: string
  origin: {
    titel: string
    contactverzoek: string
    klantcontact: string
    klantcontactZonderNummer: string
    laden: string
    ladenMislukt: string
    onderwerp: string
    inhoud: string
    datum: string
    naamKlant: string
    nietIngevuld: string
    eerstOpslaan: string
    verwerktMelden: string
    standaardResultaat: string
    isVerwerkt: string
  }
  /** How long the oldest one has waited, as the supervisor's figures say it. */
  duur: { net: string; minuten: string; uren: string; dag: string; dagen: string }
  supervisor: { open: string; oudste: string; uitleg: string }
}

export const inboxMessages: Catalog<InboxMessages> = {
  nl: {
    title: 'Contactverzoeken',
    titleWithCount: 'Contactverzoeken ({aantal} open)',
    laden: 'Contactverzoeken laden…',
    ladenMislukt: 'De contactverzoeken konden niet worden geladen.',
    opnieuw: 'Opnieuw laden',
    leeg: 'Geen open contactverzoeken.',
    lijst: 'Open contactverzoeken, oudste eerst',
    count: {
      geen: 'Geen open contactverzoeken',
      een: '1 open contactverzoek',
      meer: '{aantal} open contactverzoeken',
    },
    terugbelverzoek: 'Terugbelverzoek',
    klantOnbekend: 'Klant onbekend',
    nummerOnbekend: 'geen telefoonnummer bekend',
    leeftijd: {
      net: 'net binnen',
      minuten: '{aantal} min geleden',
      uren: '{aantal} uur geleden',
      dag: '1 dag geleden',
      dagen: '{aantal} dagen geleden',
    },
    ontvangen: 'Ontvangen',
    voorAfdeling: 'Voor {afdeling}',
    opgepaktDoor: 'Opgepakt door {naam}',
    opgepaktDoorU: 'Opgepakt door u',
    aanleiding: 'Aanleiding: klantcontact {nummer}',
    afgeschermd: 'Onderwerp afgeschermd (vertrouwelijk)',
    oppakken: 'Oppakken',
    terugbellen: 'Terugbellen',
    terugbellenBezig: 'Terugbellen kan na het huidige gesprek.',
    verwerkt: 'Verwerkt',
    doorzetten: 'Doorzetten',
    actieLabel: '{actie}: {handeling}, {wie}',
    resultaat: 'Resultaat',
    resultaatLeeg: 'Vul in wat er met het contactverzoek is gedaan.',
    verwerktOpslaan: 'Verwerkt melden',
    naarAfdeling: 'Naar afdeling',
    kiesAfdeling: 'Kies een afdeling',
    afdelingLeeg: 'Kies de afdeling die het contactverzoek overneemt.',
    toelichting: 'Toelichting (niet verplicht)',
    toelichtingKop: 'Toelichting',
    doorzettenOpslaan: 'Doorzetten',
    annuleren: 'Annuleren',
    bezig: 'Bezig…',
    gelukt: {
      oppakken: 'U hebt het contactverzoek opgepakt.',
      verwerkt: 'Het contactverzoek is verwerkt.',
      doorzetten: 'Het contactverzoek is doorgezet naar {afdeling}.',
      terugbellen: 'Het nummer wordt gebeld. Het klantcontact van dit gesprek staat open.',
    },
    mislukt: {
      onbereikbaar: 'De server is niet bereikbaar. Probeer het opnieuw.',
      algemeen: 'Dat is niet gelukt. Probeer het opnieuw.',
      geenNummer: 'Er is geen telefoonnummer bekend om terug te bellen.',
      bellen: 'Bellen is niet gelukt. Probeer het opnieuw.',
    },
    verwerktTonen: 'Recent verwerkt tonen',
    verwerktVerbergen: 'Recent verwerkt verbergen',
    verwerktTitel: 'Recent verwerkt',
    verwerktLeeg: 'Nog geen verwerkte contactverzoeken.',
    verwerktOp: 'Verwerkt op {datum}',
    origin: {
      titel: 'Terugbellen voor contactverzoek',
      contactverzoek: 'Contactverzoek',
      klantcontact: 'Eerder klantcontact {nummer}',
      klantcontactZonderNummer: 'Eerder klantcontact',
      laden: 'Het eerdere klantcontact wordt geladen…',
      ladenMislukt: 'Het eerdere klantcontact kon niet worden geladen.',
      onderwerp: 'Onderwerp',
      inhoud: 'Inhoud',
      datum: 'Datum',
      naamKlant: 'Naam klant',
      nietIngevuld: 'Niet ingevuld',
      eerstOpslaan: 'Sla eerst dit klantcontact op; daarna meldt u het contactverzoek als verwerkt.',
      verwerktMelden: 'Contactverzoek verwerkt melden',
      standaardResultaat: 'Klant teruggebeld.',
      isVerwerkt: 'Het contactverzoek is verwerkt.',
    },
    duur: {
      net: 'minder dan 1 min',
      minuten: '{aantal} min',
      uren: '{aantal} uur',
      dag: '1 dag',
      dagen: '{aantal} dagen',
    },
    supervisor: {
      open: 'Open contactverzoeken',
      oudste: 'Oudste contactverzoek',
      uitleg:
        'Open contactverzoeken: nu open voor de afdeling of een van haar medewerkers, ' +
        'terugbelverzoeken uit de wachtrij meegeteld. Oudste contactverzoek: hoe lang het oudste al wacht.',
    },
  },
}
