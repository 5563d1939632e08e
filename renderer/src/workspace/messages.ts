import type { Catalog } from '../i18n/locale'
import type { AgentState } from '../../../shared/live/protocol'

export const workspaceMessages: Catalog<{
  loading: string
  starting: string
  logout: string
  myState: string
  states: Record<AgentState, string>
  live: { connecting: string; open: string; closed: string; unauthenticated: string }
  recentTitle: string
  recentEmpty: string
  recentRefresh: string
  recentFailed: string
  recentNummer: string
  recentOnderwerp: string
  recentWhen: string
  afgeschermd: string
  softphoneUnavailable: string
  monitored: { listen: string; whisper: string; barge: string }
}> = {
  nl: {
    loading: 'Laden…',
    starting: 'Werkplek starten…',
    logout: 'Uitloggen',
    myState: 'Mijn status',
    states: {
      offline: 'Afgemeld',
      beschikbaar: 'Beschikbaar',
      pauze: 'Pauze',
      ringing: 'Gaat over',
      in_gesprek: 'In gesprek',
      on_hold: 'Klant in de wacht',
      consulting: 'In overleg',
      nawerk: 'Nawerk',
    },
    live: {
      connecting: 'Verbinden met de gateway…',
      open: 'Verbonden met de gateway',
      closed: 'Niet verbonden met de gateway',
      unauthenticated: 'Sessie verlopen',
    },
    recentTitle: 'Recente klantcontacten',
    recentEmpty: 'Nog geen klantcontacten.',
    recentRefresh: 'Vernieuwen',
    recentFailed: 'De recente klantcontacten konden niet worden opgehaald.',
    recentNummer: 'Nummer',
    recentOnderwerp: 'Onderwerp',
    recentWhen: 'Plaatsgevonden op',
    afgeschermd: 'Vertrouwelijk',
    softphoneUnavailable: 'De telefoon kon niet worden gestart: {reden}',
    monitored: {
      listen: '{naam} luistert mee met dit gesprek.',
      whisper: '{naam} luistert mee en kan tegen je fluisteren; de klant hoort dat niet.',
      barge: '{naam} neemt deel aan dit gesprek; de klant hoort {naam} ook.',
    },
  },
}
