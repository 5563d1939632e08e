import { randomBytes } from 'node:crypto'
import type { GatewayConfig } from '../../server/gateway/config/types'
import type { KamailioCredentialsInput } from './generate-credentials'

/**
 * The Kamailio data for the agents and afdelingen of the gateway's own configuration, so the PBX
 * and the gateway cannot drift apart: the secret the gateway issues the agents' ephemeral SIP
 * credentials with (`sip.credentials.secret`, which Kamailio checks them with), every agent's
 * extension, and every afdeling's group address with all its members. (Kamailio rings every registered member of a
 * group; it does not know who is on a break. The embedded SIP server asks the live state instead.)
 * The configured guests (`sip.guests`, the demo caller page) become caller accounts, with the
 * password `guestPassword` gives each (default: a fresh random one, read back from the answer).
 */
export function kamailioInputFromGatewayConfig(
  config: GatewayConfig,
  guestPassword: (user: string) => string = randomPassword,
): KamailioCredentialsInput {
  const secret = config.sip.credentials?.secret
  if (secret === undefined) {
    throw new Error(
      "the gateway configuration has no sip.credentials.secret (or secretFile, KCC_SIP_SECRET_FILE): Kamailio needs it to check the agents' credentials",
    )
  }
  return {
    domain: config.sip.domain,
    secret,
    agents: config.agents.map((agent) => ({ extension: agent.sipExtension })),
    groups: config.afdelingen.map((afdeling) => ({
      user: afdeling.groupAddress,
      members: config.agents
        .filter((agent) => agent.afdeling === afdeling.id)
        .map((agent) => agent.sipExtension),
    })),
    // The embedded server lets guests call without any credentials; Kamailio authenticates every
    // request, so here a guest is an account that may only call (kamailio.cfg route[AUTH]).
    guests: config.sip.guests.map((user) => ({ user, password: guestPassword(user) })),
    // The agent app's pages come from the gateway (or where the configuration says); no others.
    allowedOrigins: [`http://${config.host}:${config.port}`, ...(config.sip.allowedOrigins ?? [])],
  }
}

/** 144 random bits, URL-safe (it goes into the caller page's query string). */
const randomPassword = (): string => randomBytes(18).toString('base64url')
