import type { Catalog } from '../i18n/locale'

export const wallboardMessages: Catalog<{
  title: string
  loginTitle: string
  alleenSupervisor: string
  uitloggen: string
  laden: string
  verbinding: string
  geenAfdelingen: string
  bijgewerkt: string
}> = {
  nl: {
    title: 'Wachtrijen',
    loginTitle: 'KCC Wallboard',
    alleenSupervisor: 'Het wallboard is alleen voor supervisors. Log in met een supervisoraccount.',
    uitloggen: 'Uitloggen',
    laden: 'Wallboard laden…',
    verbinding: 'De verbinding is verbroken: de cijfers zijn niet actueel. We proberen het opnieuw.',
    geenAfdelingen: 'Geen afdelingen.',
    bijgewerkt: 'Aantallen van vandaag',
  },
}
