import type { AgentConfig } from '../../../server/gateway/config/types'
import { medewerkerOf, type Medewerker, type Roster } from '../../../server/gateway/directory/roster'
import { RosterIndex } from '../../../server/gateway/directory/roster-index'

/**
 * A roster of configured agents only, without a database, for unit tests of the parts that ask a
 * roster. It cannot provision: single sign-on needs the gateway's stored roster.
 */
export function configuredRoster(agents: readonly AgentConfig[]): Roster {
  const index = new RosterIndex(agents.map(medewerkerOf))
  return {
    all: () => index.all,
    byLogin: (login) => index.byLogin(login),
    byEmail: (email) => index.byEmail(email),
    byExtension: (extension) => index.byExtension(extension),
    inAfdeling: (afdeling) => index.inAfdeling(afdeling),
    find: (login) => Promise.resolve(index.byLogin(login)),
    provision: (medewerker: Medewerker) =>
      Promise.reject(new Error(`cannot provision ${medewerker.login}: this roster has no database`)),
    refresh: () => Promise.resolve(),
  }
}
