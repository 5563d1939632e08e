import type { Binding, Registrar } from './registrar'
import type { AgentSet, SipGroup } from './types'

/**
 * Group addresses (afdelingen): `sip:vergunningen@<domain>` rings every available member's every
 * registered contact at once. Availability comes from the group's members() (live, from the
 * gateway later); registration decides whether a member can actually be reached.
 */
export interface Groups {
  has(user: string): boolean
  /** Bindings to ring for a call to the group, without the caller's own. */
  targets(user: string, caller: string | undefined): Binding[]
}

export function createGroups(groups: SipGroup[], agents: AgentSet, registrar: Registrar): Groups {
  const byUser = new Map<string, SipGroup>()
  for (const group of groups) {
    if (agents.has(group.user)) {
      throw new Error(`sip server: group ${group.user} has the name of an account`)
    }
    if (byUser.has(group.user)) {
      throw new Error(`sip server: group ${group.user} is defined twice`)
    }
    byUser.set(group.user, group)
  }
  return {
    has: (user) => byUser.has(user),
    targets(user, caller) {
      const group = byUser.get(user)
      if (!group) {
        return []
      }
      const members = new Set(group.members().filter((m) => agents.has(m) && m !== caller))
      return [...members].flatMap((member) => registrar.bindings(member))
    },
  }
}
