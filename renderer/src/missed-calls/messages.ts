import type { Catalog } from '../i18n/locale'

export const missedCallsMessages: Catalog<{
  title: string
  titleWithCount: string
  empty: string
  unknownNumber: string
  callBack: string
  callBackLabel: string
  callBackBusy: string
  remove: string
  removeLabel: string
  callBackFailed: string
}> = {
  nl: {
    title: 'Gemiste oproepen',
    titleWithCount: 'Gemiste oproepen ({aantal})',
    empty: 'Geen gemiste oproepen.',
    unknownNumber: 'Nummer onbekend',
    callBack: 'Terugbellen',
    callBackLabel: 'Terugbellen: {beller}',
    callBackBusy: 'Terugbellen kan na het huidige gesprek.',
    remove: 'Verwijderen',
    removeLabel: 'Verwijderen uit gemiste oproepen: {beller}',
    callBackFailed: 'Terugbellen is niet gelukt. Probeer het opnieuw.',
  },
}
