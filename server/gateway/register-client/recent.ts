import type { AgentIdentity } from '../auth/authenticator'
import type { ActorRegistry } from './actors'
import type { KlantinteractiesClient } from './client'
import type { KlantcontactReader } from './reader'
import type { ActorKlantcontact, KlantcontactRecord, Page } from './types'
import type { KlantcontactView, ViewBuilder } from './view'

/**
 * The agent's recent klantcontacten. `/klantcontacten` cannot filter on actor, so:
 * the agent's newest actorklantcontacten (Open Klant orders them `-pk`, newest link first), then
 * those klantcontacten, a few at a time, newest `plaatsgevondenOp` first. The agent is an actor on
 * every one of them, so nothing is withheld.
 */
export const RECENT_LIMIT = 20
const PARALLEL = 5

export class RecentContacts {
  constructor(
    private readonly client: KlantinteractiesClient,
    private readonly actors: ActorRegistry,
    private readonly reader: KlantcontactReader,
    private readonly views: ViewBuilder,
  ) {}

  async of(agent: AgentIdentity): Promise<KlantcontactView[]> {
    const actor = await this.actors.medewerker(agent)
    const links = await this.client.get<Page<ActorKlantcontact>>('actorklantcontacten', {
      actor__uuid: actor,
      pageSize: RECENT_LIMIT,
    })
    const uuids = [...new Set(links.results.map((l) => l.klantcontact.uuid))]
    const found: KlantcontactRecord[] = []
    for (let i = 0; i < uuids.length; i += PARALLEL) {
      const batch = await Promise.all(uuids.slice(i, i + PARALLEL).map((uuid) => this.reader.byUuid(uuid)))
      found.push(...batch.filter((k): k is KlantcontactRecord => k !== null))
    }
    return found.sort((a, b) => time(b) - time(a)).map((k) => this.views.build(k, { visible: true }))
  }
}

const time = (k: KlantcontactRecord): number => Date.parse(k.plaatsgevondenOp ?? '') || 0
