import type { Catalog } from '../i18n/locale'

export const keyboardMessages: Catalog<{
  helpTitle: string
  helpIntro: string
  columnKey: string
  columnAction: string
  close: string
  openButton: string
}> = {
  nl: {
    helpTitle: 'Sneltoetsen',
    helpIntro: 'Deze toetsen werken overal in de werkplek, ook als u in een veld typt.',
    columnKey: 'Toets',
    columnAction: 'Wat het doet',
    close: 'Sluiten',
    openButton: 'Sneltoetsen',
  },
}
