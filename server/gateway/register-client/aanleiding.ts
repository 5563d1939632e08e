import type { AgentIdentity } from '../auth/authenticator'
import type { GatewayConfig } from '../config/types'
import type { AccessPolicy } from './access'
import type { ActorRegistry } from './actors'
import type { KlantinteractiesClient } from './client'
import type { InterneTaak, KlantcontactRecord, Page } from './types'

/**
 * May a new klantcontact be linked to an earlier one as its aanleiding (a call-back from the inbox,
 * register.ts)? Only when the agent may read the earlier one: it exists, and its content is visible
 * to the agent (access.ts: not vertrouwelijk, or the agent is involved), or an interne taak about it
 * is assigned to the agent or their afdeling (the inbox hands them the task of calling back, which
 * is the need to know).
 */
export class AanleidingCheck {
  constructor(
    private readonly deps: {
      client: KlantinteractiesClient
      access: AccessPolicy
      actors: ActorRegistry
      config: GatewayConfig
    },
  ) {}

  /** Null when it may be linked; otherwise why not, as a log code. */
  async refusal(agent: AgentIdentity, uuid: string): Promise<'bestaat-niet' | 'geen-toegang' | null> {
    const { client, access } = this.deps
    const klantcontact = await client.find<KlantcontactRecord>(`klantcontacten/${uuid}`)
    if (!klantcontact) {
      return 'bestaat-niet'
    }
    if (await access.canSeeContent(agent, klantcontact)) {
      return null
    }
    return (await this.assignedToAgent(agent, uuid)) ? null : 'geen-toegang'
  }

  private async assignedToAgent(agent: AgentIdentity, klantcontact: string): Promise<boolean> {
    const { client, actors, config } = this.deps
    const taken = await client.get<Page<InterneTaak>>('internetaken', {
      aanleidinggevendKlantcontact__uuid: klantcontact,
    })
    if (taken.count === 0) {
      return false
    }
    const afdeling = config.afdelingen.find((a) => a.id === agent.afdeling)
    const mine = new Set([
      await actors.medewerker(agent),
      ...(afdeling ? [await actors.afdeling(afdeling)] : []),
    ])
    return taken.results.some((t) => (t.toegewezenAanActoren ?? []).some((a) => mine.has(a.uuid)))
  }
}
