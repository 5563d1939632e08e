import type { InboxStatus } from '../../../shared/live/inbox'
import type { GatewayConfig } from '../config/types'
import type { Roster } from '../directory/roster'
import type { InboxActors } from './actors'
import { byToegewezenOp, uniqueTaken, type InterneTaken } from './taken'

/**
 * An afdeling's inbox as the live hub shows it (shared/live/inbox.ts): how many interne taken are
 * open for the afdeling's organisatorische eenheid actor or for one of its members' medewerker
 * actors (each taak once), and since when the oldest waits (its `toegewezenOp`). Read from the
 * register, so it also counts what KISS or another system assigned. Bounded as the inbox
 * (taken.ts, `OPEN_MAX` per actor).
 */
export class InboxStatusSource {
  constructor(
    private readonly deps: {
      config: Pick<GatewayConfig, 'afdelingen'>
      roster: Pick<Roster, 'inAfdeling'>
      actors: InboxActors
      taken: InterneTaken
    },
  ) {}

  async statusOf(afdelingId: string): Promise<InboxStatus | null> {
    const { config, roster, actors, taken } = this.deps
    const afdeling = config.afdelingen.find((a) => a.id === afdelingId)
    if (!afdeling) {
      return null
    }
    const members = roster.inAfdeling(afdelingId)
    // Found, never created: an actor the register does not have has nothing assigned to it.
    const found = await Promise.all([
      actors.findAfdeling(afdeling),
      ...members.map((m) => actors.findMedewerker(m)),
    ])
    const uuids = found.filter((u): u is string => u !== null)
    const open = uniqueTaken(await Promise.all(uuids.map((u) => taken.openFor(u)))).sort(byToegewezenOp)
    const oldest = open[0]?.toegewezenOp
    return { afdeling: afdelingId, open: open.length, ...(oldest ? { oldestSince: oldest } : {}) }
  }
}
