import type { Catalog } from '../i18n/locale'

export const alertMessages: Catalog<{
  title: string
  notificationTitle: string
  unknownCaller: string
}> = {
  nl: {
    title: '☎ Inkomend gesprek',
    notificationTitle: 'Inkomend gesprek van {nummer}',
    unknownCaller: 'een onbekend nummer',
  },
}
