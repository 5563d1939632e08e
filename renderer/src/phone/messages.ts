import type { Catalog } from '../i18n/locale'

export const phoneMessages: Catalog<{
  title: string
  registration: {
    unregistered: string
    registering: string
    registered: string
    reconnecting: string
    failed: string
  }
  call: { idle: string; ringing: string; connecting: string; active: string; on_hold: string; ended: string }
  inbound: string
  outbound: string
  caller: string
  consultFor: string
  answer: string
  decline: string
  hangup: string
  hold: string
  resume: string
  mute: string
  unmute: string
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
}> = {
  nl: {
    title: 'Telefoon',
    registration: {
      unregistered: 'Telefoon uit',
      registering: 'Telefoon verbinden…',
      registered: 'Telefoon verbonden',
      reconnecting: 'Verbinding met de telefooncentrale verbroken; opnieuw verbinden…',
      failed: 'Aanmelden bij de telefooncentrale is mislukt',
    },
    call: {
      idle: 'Geen gesprek',
      ringing: 'Inkomend gesprek',
      connecting: 'Verbinden…',
      active: 'In gesprek',
      on_hold: 'In de wacht',
      ended: 'Gesprek beëindigd',
    },
    inbound: 'Inkomend',
    outbound: 'Uitgaand',
    caller: 'Beller',
    consultFor: 'Klantcontact {nummer}',
    answer: 'Opnemen',
    decline: 'Weigeren',
    hangup: 'Ophangen',
    hold: 'In de wacht zetten',
    resume: 'Terug uit de wacht',
    mute: 'Microfoon uit',
    unmute: 'Microfoon aan',
    keypad: 'Toetsen',
    keypadLabel: 'Toets {toon}',
    dialTitle: 'Bellen',
    dialTarget: 'Nummer',
    dialHint: 'Een telefoonnummer of toestelnummer.',
    dial: 'Bellen',
    colleague: 'Collega of afdeling',
    colleagueNone: 'Kies…',
    devices: 'Geluidsapparaten',
    microphone: 'Microfoon',
    speaker: 'Luidspreker',
    deviceDefault: 'Standaard',
    duration: 'Duur',
    actionFailed: 'Dat lukte niet: {reden}',
    invalidTarget: 'Vul een nummer in (cijfers, of een toestelnaam).',
  },
}
