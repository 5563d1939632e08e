import type { DirectoryView } from '../../../shared/gateway/api'
import type { GatewayConfig } from '../config/types'
import type { PresenceSource } from './presence'

/**
 * The directory an agent transfers to: afdelingen (with the group SIP address that rings every
 * available member) and colleagues (with their own extension), with live state. From the gateway's
 * configuration: the register knows actors, not extensions.
 */
export type { DirectoryView } from '../../../shared/gateway/api'

export function directoryOf(config: GatewayConfig, presence: PresenceSource): DirectoryView {
  const sip = (user: string): string => `sip:${user}@${config.sip.domain}`
  return {
    afdelingen: config.afdelingen.map((a) => ({
      id: a.id,
      naam: a.naam,
      groupAddress: sip(a.groupAddress),
      leden: config.agents.filter((m) => m.afdeling === a.id).map((m) => m.login),
    })),
    medewerkers: config.agents.map((m) => ({
      login: m.login,
      displayName: m.displayName,
      afdeling: m.afdeling,
      extension: m.sipExtension,
      sipAddress: sip(m.sipExtension),
      state: presence.stateOf(m.login),
    })),
  }
}
