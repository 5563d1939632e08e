/**
 * Who gets which waiting call, pure: the longest-waiting caller of an afdeling goes to the member
 * who has been Beschikbaar longest (idle since the `since` of their current `beschikbaar` state).
 * One call per agent: an agent whose offer still rings (reserved) is skipped. Agents who already
 * let this call ring out are tried again only when no other member is free, so a call is not stuck
 * while someone could take it, yet does not bounce between the same two phones.
 */
export interface Candidate {
  login: string
  /** Epoch ms the agent became Beschikbaar. */
  idleSince: number
}

export interface WaitingForAgent {
  id: string
  enteredAt: number
  tried: readonly string[]
}

export function chooseAgent(
  candidates: readonly Candidate[],
  reserved: ReadonlySet<string>,
  tried: readonly string[],
): Candidate | undefined {
  const free = candidates
    .filter((c) => !reserved.has(c.login))
    .sort((a, b) => a.idleSince - b.idleSince || a.login.localeCompare(b.login))
  return free.find((c) => !tried.includes(c.login)) ?? free[0]
}

/** Offers for an afdeling's waiting calls (oldest first), each to a different free agent. */
export function assign(
  waiting: readonly WaitingForAgent[],
  candidates: readonly Candidate[],
  reserved: ReadonlySet<string>,
): Array<{ callId: string; agent: string }> {
  const taken = new Set(reserved)
  const offers: Array<{ callId: string; agent: string }> = []
  const ordered = [...waiting].sort((a, b) => a.enteredAt - b.enteredAt || a.id.localeCompare(b.id))
  for (const call of ordered) {
    const agent = chooseAgent(candidates, taken, call.tried)
    if (!agent) {
      break
    }
    taken.add(agent.login)
    offers.push({ callId: call.id, agent: agent.login })
  }
  return offers
}
