import type { Catalog } from '../i18n/locale'

export const ringingMessages: Catalog<{
  title: string
  number: string
  unknownNumber: string
  caller: string
  looking: string
  unknownCaller: string
  colleague: string
  waiting: string
  via: string
  viaAfdeling: string
  direct: string
  answerHint: string
  noCaseYet: string
}> = {
  nl: {
    title: 'Inkomend gesprek',
    number: 'Nummer',
    unknownNumber: 'Nummer onbekend',
    caller: 'Beller',
    looking: 'Wordt opgezocht…',
    unknownCaller: 'Niet bekend bij dit nummer',
    colleague: 'Collega {naam}',
    waiting: 'Wacht al',
    via: 'Gebeld via',
    viaAfdeling: 'Afdeling {afdeling}',
    direct: 'Rechtstreeks naar u',
    answerHint: 'Opnemen',
    noCaseYet: 'Het klantcontact opent zodra u opneemt.',
  },
}
