import type { GatewayConfig } from '../../server/gateway/config/types'
import type { KamailioCredentialsInput } from './generate-credentials'

/**
 * The Kamailio data for the agents and afdelingen of the gateway's own configuration, so the PBX
 * and the gateway cannot drift apart: every agent's SIP extension and password, and every
 * afdeling's group address with all its members. (Kamailio rings every registered member of a
 * group; it does not know who is on a break. The embedded SIP server asks the live state instead.)
 */
export function kamailioInputFromGatewayConfig(config: GatewayConfig): KamailioCredentialsInput {
  return {
    domain: config.sip.domain,
    agents: config.agents.map((agent) => ({ extension: agent.sipExtension, password: agent.sipPassword })),
    groups: config.afdelingen.map((afdeling) => ({
      user: afdeling.groupAddress,
      members: config.agents
        .filter((agent) => agent.afdeling === afdeling.id)
        .map((agent) => agent.sipExtension),
    })),
  }
}
