import type { Roster } from '../directory/roster'
import type { AgentState, LiveHub } from '../live'
import type { Candidate } from './routing'

/**
 * The afdelingen's members (the roster: configured, and provisioned at single sign-on) as the live hub sees them now: who is Beschikbaar and
 * since when, who is logged in at all, and the state the queue sets for an agent who let an offer
 * ring out. With the PostgreSQL hub this is every gateway's view.
 */
export class Members {
  constructor(
    private readonly roster: Pick<Roster, 'byLogin' | 'inAfdeling'>,
    private readonly hub: LiveHub,
  ) {}

  /** Members of `afdeling` who are Beschikbaar, with the time they became so. */
  available(afdeling: string): Candidate[] {
    const candidates: Candidate[] = []
    for (const agent of this.roster.inAfdeling(afdeling)) {
      const status = this.hub.agent(agent.login)
      if (status?.state === 'beschikbaar') {
        candidates.push({ login: agent.login, idleSince: Date.parse(status.since) })
      }
    }
    return candidates
  }

  /** Whether any member of `afdeling` is logged in (any state but offline). */
  anyLoggedIn(afdeling: string): boolean {
    return this.roster.inAfdeling(afdeling).some((a) => this.stateOf(a.login) !== 'offline')
  }

  stateOf(login: string): AgentState {
    return this.hub.agent(login)?.state ?? 'offline'
  }

  since(login: string): string | undefined {
    return this.hub.agent(login)?.since
  }

  extensionOf(login: string): string {
    const agent = this.roster.byLogin(login)
    if (!agent) {
      throw new Error(`unknown agent ${login}`)
    }
    return agent.sipExtension
  }

  /**
   * Sets the state of an agent who let an offer ring out, as presence does for offline; their app
   * follows it. Only from Beschikbaar or ringing: an agent who went offline or took another call
   * meanwhile keeps that state.
   */
  async setState(login: string, state: AgentState): Promise<void> {
    const current = this.hub.agent(login)
    if (!current || (current.state !== 'beschikbaar' && current.state !== 'ringing')) {
      return
    }
    await this.hub.publish({ type: 'agent.state', login, afdeling: current.afdeling, state })
  }
}
