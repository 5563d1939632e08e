import type { AgentIdentity } from '../auth/authenticator'
import type { TransferStore } from '../transfers/store'
import type { ActorRegistry } from './actors'
import type { IdempotencyStore } from './idempotency'
import type { Klantcontact } from './types'
import { actorUuids } from './view'

/**
 * Who may see the content of a klantcontact (docs/gateway.md, "Vertrouwelijk").
 *
 * The register stores `vertrouwelijk` but attaches no behaviour to it (its consequences, in VNG's
 * words, are still "nog in beeld gebracht"), and its token cannot tell agents apart; so the gateway
 * enforces need-to-know (BIO2 8.03.02): the content of a vertrouwelijk klantcontact is visible only
 * to an agent who is involved in it (an actor on it, or who registered it through the gateway) or
 * to whom (or whose afdeling) a live transfer record addresses it. Roles grant nothing extra: a
 * supervisor is no exception (the supervisor coaches the conversation and needs no vertrouwelijk
 * content).
 */
export class AccessPolicy {
  constructor(
    private readonly actors: ActorRegistry,
    private readonly registrations: IdempotencyStore,
    private readonly transfers: TransferStore,
  ) {}

  /** An actor on the klantcontact, or its registrant through the gateway. */
  async isInvolved(agent: AgentIdentity, klantcontact: Klantcontact): Promise<boolean> {
    const uuids = actorUuids(klantcontact)
    if (uuids.length > 0 && uuids.includes(await this.actors.medewerker(agent))) {
      return true
    }
    return this.registrations.registeredBy(agent.login, klantcontact.uuid)
  }

  async canSeeContent(agent: AgentIdentity, klantcontact: Klantcontact): Promise<boolean> {
    if (!klantcontact.vertrouwelijk) {
      return true
    }
    return this.mayAddTo(agent, klantcontact)
  }

  /**
   * Who may answer a klantcontact, vertrouwelijk or not: an agent already involved, or one to whom
   * (or to whose afdeling) a live transfer record addresses it, the same right that opens it through
   * a transfer. Reading a non-vertrouwelijk contact is not enough: answering links the agent as an
   * actor, and being an actor is what `isInvolved` (and so announcing a transfer, and reading it
   * once it is made vertrouwelijk) rests on; anyone could otherwise make themselves involved.
   */
  async mayAddTo(agent: AgentIdentity, klantcontact: Klantcontact): Promise<boolean> {
    return (
      (await this.isInvolved(agent, klantcontact)) ||
      (await this.transfers.addresses(klantcontact.uuid, agent.login, agent.afdeling))
    )
  }
}
