import type { Catalog } from '../i18n/locale'

export const settingsMessages: Catalog<{
  title: string
  close: string
  openOnRing: string
  openOnRingHint: string
  bringToFront: string
}> = {
  nl: {
    title: 'Instellingen',
    close: 'Sluiten',
    openOnRing: 'Klantcontact openen zodra de telefoon overgaat',
    openOnRingHint:
      'Anders opent het klantcontact pas als u opneemt. Gaat de telefoon bij meer collega’s over, dan krijgt alleen wie opneemt het klantcontact.',
    bringToFront: 'Venster naar voren halen bij een inkomend gesprek',
  },
}
