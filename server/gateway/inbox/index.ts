import type { GatewayConfig } from '../config/types'
import type { GatewayDb } from '../db/tables'
import type { Roster } from '../directory/roster'
import type { ActorRegistry } from '../register-client/actors'
import type { KlantinteractiesClient } from '../register-client/client'
import type { SummaryBuilder } from '../register-client/summary'
import { InboxActors } from './actors'
import { InboxItems } from './items'
import { InboxService, type InboxChanged } from './service'
import { InboxStatusSource } from './status'
import { InterneTaken } from './taken'

/** The contactverzoek inbox's parts, made once per gateway (services.ts). */
export interface GatewayInbox {
  service: InboxService
  /** An afdeling's open count and oldest age, for the live hub (publisher.ts). */
  status: InboxStatusSource
  /** Tells the live hub these afdelingen' inboxes changed. */
  changed: InboxChanged
}

export type { InboxChanged } from './service'

export function createInbox(deps: {
  config: GatewayConfig
  roster: Roster
  client: KlantinteractiesClient
  actors: ActorRegistry
  summaries: SummaryBuilder
  db: GatewayDb
  changed: InboxChanged
}): GatewayInbox {
  const { config, roster, client, summaries, db, changed } = deps
  const actors = new InboxActors(client, deps.actors, config, roster)
  const taken = new InterneTaken(client)
  return {
    service: new InboxService({
      config,
      client,
      taken,
      actors,
      items: new InboxItems({ client, summaries, actors, db }),
      changed,
    }),
    status: new InboxStatusSource({ config, roster, actors, taken }),
    changed,
  }
}
