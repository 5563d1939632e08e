import type { AgentIdentity } from '../auth/authenticator'
import type { AccessPolicy } from './access'
import type { KlantinteractiesClient } from './client'
import { EXPAND_BETROKKENEN, type KlantcontactRecord, type Page } from './types'
import type { KlantcontactView, ViewBuilder } from './view'

/**
 * Reading klantcontacten for an agent: by nummer (a search that finds 0 or 1: a nummer is unique in
 * the register) or by uuid, always with the betrokkenen expanded and the actors embedded, so the
 * agent's screen needs one register call; and always through the vertrouwelijk rule (access.ts).
 */
export class KlantcontactReader {
  constructor(
    private readonly client: KlantinteractiesClient,
    private readonly access: AccessPolicy,
    private readonly views: ViewBuilder,
  ) {}

  async byNummer(nummer: string): Promise<KlantcontactRecord | null> {
    const page = await this.client.get<Page<KlantcontactRecord>>('klantcontacten', {
      nummer,
      ...EXPAND_BETROKKENEN,
    })
    return page.results[0] ?? null
  }

  byUuid(uuid: string): Promise<KlantcontactRecord | null> {
    return this.client.find<KlantcontactRecord>(`klantcontacten/${uuid}`, EXPAND_BETROKKENEN)
  }

  /** The view this agent may see: content withheld from a vertrouwelijk contact it has no part in. */
  async viewFor(agent: AgentIdentity, klantcontact: KlantcontactRecord): Promise<KlantcontactView> {
    const visible = await this.access.canSeeContent(agent, klantcontact)
    return this.views.build(klantcontact, { visible })
  }
}
