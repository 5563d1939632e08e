import type { Catalog } from '../i18n/locale'
import type { TransferFailureReason } from '../softphone/transfer/transfer-states'
import type { TransferRefusal } from './state'

export const transferMessages: Catalog<{
  title: string
  search: string
  searchHint: string
  naar: string
  geenResultaten: string
  afdelingLabel: string
  afdelingLeeg: string
  medewerkerLabel: string
  soort: string
  warm: string
  blind: string
  button: string
  kiesDoel: string
  zonderKlantcontact: string
  phases: { saving: string; announcing: string; dialling: string }
  consultRinging: string
  consultActive: string
  klantInDeWacht: string
  voltooien: string
  annuleren: string
  completing: string
  completed: string
  completedKlantcontact: string
  blindCompleting: string
  failed: string
  terugBijKlant: string
  cancelled: string
  sluiten: string
  dialogSluiten: string
  nummerOnbekend: string
  reasons: Record<TransferFailureReason, string>
  refusals: Record<TransferRefusal, string>
}> = {
  nl: {
    title: 'Doorverbinden',
    search: 'Zoek afdeling of collega',
    searchHint: 'Op naam, afdeling of toestelnummer.',
    naar: 'Doorverbinden naar',
    geenResultaten: 'Geen afdeling of collega gevonden.',
    afdelingLabel: '{naam} · {beschikbaar} van {leden} beschikbaar',
    afdelingLeeg: '{naam} · Niemand anders in deze afdeling',
    medewerkerLabel: '{naam} · {afdeling} · {status}',
    soort: 'Manier',
    warm: 'Eerst overleggen (de klant wacht)',
    blind: 'Direct doorverbinden, zonder overleg',
    button: 'Doorverbinden',
    kiesDoel: 'Kies een afdeling of collega.',
    zonderKlantcontact: 'Er is geen klantcontact bij dit gesprek; er gaat geen klantcontactnummer mee.',
    phases: {
      saving: 'Het klantcontact wordt eerst opgeslagen…',
      announcing: 'De overdracht wordt vastgelegd…',
      dialling: '{naam} wordt gebeld…',
    },
    consultRinging: '{naam} wordt gebeld…',
    consultActive: 'In overleg met {naam}.',
    klantInDeWacht: 'De klant staat in de wacht.',
    voltooien: 'Doorverbinden voltooien',
    annuleren: 'Annuleren',
    completing: 'De klant wordt doorverbonden met {naam}…',
    completed: 'De klant is doorverbonden met {naam}.',
    completedKlantcontact: 'Klantcontact {nummer} is meegegeven.',
    blindCompleting: 'De klant wordt direct doorverbonden met {naam}…',
    failed: 'Doorverbinden met {naam} is niet gelukt: {reden}.',
    terugBijKlant: 'U bent weer in gesprek met de klant.',
    cancelled: 'Overleg met {naam} geannuleerd. U bent weer in gesprek met de klant.',
    sluiten: 'Sluiten',
    dialogSluiten: 'Doorverbinden sluiten',
    nummerOnbekend: 'onbekend',
    reasons: {
      busy: 'in gesprek (bezet)',
      declined: 'geweigerd',
      no_answer: 'er wordt niet opgenomen',
      unavailable: 'niet bereikbaar',
      target_hung_up: 'de collega heeft opgehangen',
      customer_hung_up: 'de klant heeft opgehangen',
      failed: 'er ging iets mis met de verbinding',
    },
    refusals: {
      klantcontact_invalid:
        'Het klantcontact is nog niet volledig. Vul de gemarkeerde velden in; daarna kunt u doorverbinden.',
      klantcontact_not_saved:
        'Het klantcontact kon nog niet worden opgeslagen, dus er is niet doorverbonden. Het klantcontact blijft bewaard en wordt opgeslagen zodra de verbinding terug is.',
      announce_refused: 'De overdracht werd geweigerd.',
      announce_failed:
        'De overdracht kon niet worden vastgelegd door een storing; er is niet doorverbonden. Probeer het zo opnieuw.',
      unreachable: 'Er is geen verbinding met de server; er is niet doorverbonden. Probeer het zo opnieuw.',
      dial_failed: 'Het gesprek kon niet worden doorverbonden.',
      cancelled: 'Doorverbinden geannuleerd. U bent in gesprek met de klant.',
    },
  },
}
