import type { Catalog } from '../i18n/locale'

export const desktopMessages: Catalog<{
  title: string
  startAtLogin: string
  keepInTray: string
  keepInTrayHint: string
  confirmDial: string
  shortcutsEnabled: string
  shortcutsByPolicy: string
  shortcutsHint: string
  answer: string
  hangup: string
  mute: string
  front: string
  invalidShortcut: string
  unavailableShortcut: string
  notSaved: string
}> = {
  nl: {
    title: 'Bureaubladapp',
    startAtLogin: 'Starten bij aanmelden op de computer',
    keepInTray: 'Bij sluiten in het systeemvak houden zonder te vragen',
    keepInTrayHint:
      'Anders vraagt de KCC Werkplek het eerst als u het venster sluit terwijl u bent aangemeld.',
    confirmDial: 'Vragen voordat een telefoonlink wordt gebeld',
    shortcutsEnabled: 'Sneltoetsen ook vanuit andere programma’s',
    shortcutsByPolicy: 'Uw organisatie heeft sneltoetsen vanuit andere programma’s uitgezet.',
    shortcutsHint: 'Met Ctrl, Alt of de Windows-toets, bijvoorbeeld Control+Alt+Shift+O.',
    answer: 'Opnemen',
    hangup: 'Ophangen',
    mute: 'Microfoon',
    front: 'Werkplek naar voren',
    invalidShortcut: 'Deze toetscombinatie kan niet: gebruik Ctrl, Alt of de Windows-toets met één toets.',
    unavailableShortcut: 'Een ander programma gebruikt deze toetscombinatie al.',
    notSaved: 'De instelling is niet opgeslagen. Probeer het opnieuw.',
  },
}
