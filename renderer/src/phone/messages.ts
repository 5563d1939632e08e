import type { Catalog } from '../i18n/locale'
import type { TransferStep } from '../softphone/transfer/transfer-states'
import type { CallFailureReason } from './call-failure'

export const phoneMessages: Catalog<{
  title: string
  registration: {
    unregistered: string
    registering: string
    registered: string
    reconnecting: string
    failed: string
  }
  call: {
    idle: string
    ringing: string
    connecting: string
    dialling: string
    active: string
    on_hold: string
    ended: string
  }
  consultFor: string
  answer: string
  decline: string
  hangup: string
  hold: string
  resume: string
  mute: string
  mutedNote: string
  transfer: string
  keypad: string
  keypadLabel: string
  dialTitle: string
  dialTarget: string
  dialHint: string
  dial: string
  colleague: string
  colleagueNone: string
  devices: string
  microphone: string
  speaker: string
  deviceDefault: string
  duration: string
  actionFailed: string
  invalidTarget: string
  close: string
  failure: string
  failureReasons: Record<CallFailureReason, string>
  consult: {
    customer: string
    customerHangup: string
    with: string
    steps: Record<TransferStep, string>
    hangup: string
    complete: string
    cancel: string
    confirmTitle: string
    confirmText: string
    confirmYes: string
    confirmNo: string
  }
}> = {
  nl: {
    title: 'Telefoon',
    registration: {
      unregistered: 'Telefoon uit',
      registering: 'Telefoon verbinden…',
      registered: 'Telefoon verbonden',
      reconnecting: 'Telefoon niet verbonden, opnieuw verbinden…',
      failed: 'Telefoon niet verbonden: aanmelden is mislukt. Log opnieuw in.',
    },
    call: {
      idle: 'Geen gesprek',
      ringing: 'Inkomend gesprek',
      connecting: 'Verbinden…',
      dialling: 'Bellen…',
      active: 'In gesprek',
      on_hold: 'In de wacht',
      ended: 'Gesprek beëindigd',
    },
    consultFor: 'Klantcontact {nummer}',
    answer: 'Opnemen',
    decline: 'Weigeren',
    hangup: 'Ophangen',
    hold: 'Wacht',
    resume: 'Hervatten',
    mute: 'Microfoon uit',
    mutedNote: 'De klant hoort u niet.',
    transfer: 'Doorverbinden',
    keypad: 'Toetsen',
    keypadLabel: 'Toets {toon}',
    dialTitle: 'Bellen',
    dialTarget: 'Nummer',
    dialHint: 'Een telefoonnummer of toestelnummer.',
    dial: 'Bel',
    colleague: 'Collega of afdeling',
    colleagueNone: 'Kies…',
    devices: 'Geluid',
    microphone: 'Microfoon',
    speaker: 'Luidspreker',
    deviceDefault: 'Standaard',
    duration: 'Duur',
    actionFailed: 'Dat lukte niet: {reden}',
    invalidTarget: 'Vul een nummer in (cijfers, of een toestelnaam).',
    close: 'Sluiten',
    failure: '{naam} niet bereikt: {reden}',
    failureReasons: {
      busy: 'In gesprek (bezet)',
      declined: 'Geweigerd',
      no_answer: 'Geen gehoor',
      not_found: 'Nummer onbekend',
      unavailable: 'Niet bereikbaar',
      network: 'Geen verbinding',
      other: 'Het gesprek kwam niet tot stand',
    },
    consult: {
      customer: 'Klant (in de wacht)',
      customerHangup: 'Klant ophangen',
      with: 'Overleg met {naam}',
      steps: {
        holding: 'de klant wordt in de wacht gezet…',
        dialling: 'gaat over',
        talking: 'in gesprek',
        referring: 'wordt doorverbonden…',
      },
      hangup: 'Overleg ophangen',
      complete: 'Doorverbinden voltooien',
      cancel: 'Annuleren',
      confirmTitle: 'Klant ophangen?',
      confirmText: 'De klant wordt dan ook verbroken. Weet u het zeker?',
      confirmYes: 'Ja, klant ophangen',
      confirmNo: 'Annuleren',
    },
  },
}
