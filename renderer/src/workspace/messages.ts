import type { Catalog } from '../i18n/locale'
import type { AgentState } from '../../../shared/live/protocol'

export const workspaceMessages: Catalog<{
  loading: string
  starting: string
  logout: string
  myState: string
  states: Record<AgentState, string>
  live: { connecting: string; open: string; closed: string; unauthenticated: string }
  status: {
    choose: string
    after: string
    pauseReasons: string
    pauseWithReason: string
    noConnection: string
    connecting: string
    connectionLost: string
    nawerkLeft: string
  }
  skipToCase: string
  afgeschermd: string
  softphoneUnavailable: string
  monitored: { listen: string; whisper: string; barge: string }
  afgemeld: string
  stateSetByGateway: { pauze: string; offline: string; other: string }
  wachtenden: { geen: string; een: string; meer: string; langste: string }
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
      connecting: 'Verbinden met de server…',
      open: 'Verbonden met de server',
      closed: 'Geen verbinding met de server',
      unauthenticated: 'Uw sessie is verlopen',
    },
    status: {
      choose: 'Kies uw status',
      after: 'daarna: {status}',
      pauseReasons: 'Pauze met een reden',
      pauseWithReason: 'Pauze: {reden}',
      noConnection: 'Geen verbinding met de server',
      connecting: 'Verbinden met de server…',
      connectionLost: 'geen verbinding met de server',
      nawerkLeft: 'nog {tijd}',
    },
    skipToCase: 'Naar het klantcontact',
    afgeschermd: 'Vertrouwelijk',
    softphoneUnavailable: 'De telefoon kon niet worden gestart: {reden}',
    monitored: {
      listen: '{naam} luistert mee met dit gesprek.',
      whisper: '{naam} luistert mee en kan tegen u fluisteren; de klant hoort dat niet.',
      barge: '{naam} neemt deel aan dit gesprek; de klant hoort {naam} ook.',
    },
    afgemeld: 'Afgemeld',
    stateSetByGateway: {
      pauze: 'U hebt een gesprek laten overgaan; uw status is nu Pauze.',
      offline:
        'Het systeem heeft u afgemeld; uw status is nu Afgemeld. Kies Beschikbaar om weer gesprekken te krijgen.',
      other: 'Het systeem heeft uw status gewijzigd; uw status is nu {status}.',
    },
    wachtenden: {
      geen: 'Geen wachtenden voor {afdeling}',
      een: '1 wachtende voor {afdeling}',
      meer: '{aantal} wachtenden voor {afdeling}',
      langste: 'langste wachttijd {duur}',
    },
  },
}
