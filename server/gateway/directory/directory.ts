import type { DirectoryView } from '../../../shared/gateway/api'
import type { GatewayConfig } from '../config/types'
import type { Roster } from './roster'
import type { PresenceSource } from './presence'

/**
 * The directory an agent transfers to: afdelingen (with the group SIP address that rings every
 * available member) and colleagues (with their own extension), with live state. From the gateway's
 * configuration and roster (configured agents, and medewerkers provisioned at single sign-on): the
 * register knows actors, not extensions.
 */
export type { DirectoryView } from '../../../shared/gateway/api'

export function directoryOf(
  config: Pick<GatewayConfig, 'afdelingen' | 'sip'>,
  roster: Pick<Roster, 'all' | 'inAfdeling'>,
  presence: PresenceSource,
): DirectoryView {
  const sip = (user: string): string => `sip:${user}@${config.sip.domain}`
  return {
    afdelingen: config.afdelingen.map((a) => ({
      id: a.id,
      naam: a.naam,
      groupAddress: sip(a.groupAddress),
      leden: roster.inAfdeling(a.id).map((m) => m.login),
    })),
    medewerkers: roster.all().map((m) => ({
      login: m.login,
      displayName: m.displayName,
      afdeling: m.afdeling,
      extension: m.sipExtension,
      sipAddress: sip(m.sipExtension),
      state: presence.stateOf(m.login),
    })),
  }
}
