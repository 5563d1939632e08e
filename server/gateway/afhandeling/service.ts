import { registerFieldsOf, type Afhandeling } from '../../../shared/klantcontact/afhandeling'
import { dayOf } from '../../../shared/live/counters'
import type { KlantcontactView } from '../../../shared/gateway/api'
import type { Logger } from '../../lib/logger'
import type { AgentIdentity } from '../auth/authenticator'
import { notFoundBecause, permissionDenied } from '../http/problems'
import type { Clock } from '../lib/clock'
import { KeyedQueue } from '../lib/single-flight'
import type { AccessPolicy } from '../register-client/access'
import { LinkRefused, linkActor } from '../register-client/actor-link'
import type { ActorRegistry } from '../register-client/actors'
import { UpstreamError, type KlantinteractiesClient } from '../register-client/client'
import type { KlantcontactReader } from '../register-client/reader'
import { problemFor } from '../register-client/upstream-errors'
import type { AfhandelingStore, RecordedAfhandeling } from './store'

/** Told of every afhandeling recorded (the live hub counts it for the supervisor). */
export type KlantcontactAfgehandeld = (event: {
  login: string
  afdeling: string
  afhandeling: Afhandeling
  /** What this recording replaces in today's counts of the same afdeling. */
  vervangt?: Afhandeling
}) => void | Promise<void>

export const NOT_INVOLVED =
  'Alleen een medewerker die bij dit klantcontact betrokken is of aan wie het is overgedragen, kan de afhandeling vastleggen.'

/**
 * Recording how a klantcontact ended (docs/provider.md, "Afhandeling"): what fits goes into the
 * register's klantcontact (`indicatieContactGelukt`, `verdereActieOndernomen`), the afhandeling
 * itself into the gateway's store, and the live hub hears of it for today's counters. Allowed to an
 * agent who may add to the klantcontact (access.ts: involved, or addressed by a live transfer); the
 * recording agent is linked as an actor, as answering links them, since ending the contact is
 * handling it. The last recording wins. One recording per klantcontact at a time in this process.
 */
export class AfhandelingService {
  private readonly queue = new KeyedQueue()

  constructor(
    private readonly deps: {
      client: KlantinteractiesClient
      reader: KlantcontactReader
      access: AccessPolicy
      actors: ActorRegistry
      store: AfhandelingStore
      clock: Clock
      afgehandeld: KlantcontactAfgehandeld
      log: Logger
    },
  ) {}

  async record(
    agent: AgentIdentity,
    nummer: string,
    afhandeling: Afhandeling,
  ): Promise<{ view: KlantcontactView; recorded: RecordedAfhandeling }> {
    const { client, reader, access, actors, store } = this.deps
    const found = await reader.byNummer(nummer)
    if (!found) {
      throw notFoundBecause('Er is geen klantcontact met dit nummer.')
    }
    const uuid = found.uuid
    return this.queue.run(uuid, async () => {
      if (!(await access.mayAddTo(agent, found))) {
        throw permissionDenied(NOT_INVOLVED)
      }
      try {
        await client.patch(`klantcontacten/${uuid}`, { ...registerFieldsOf(afhandeling) })
        await linkActor(client, await actors.medewerker(agent), uuid)
      } catch (error) {
        if (error instanceof LinkRefused) {
          throw problemFor(error.refusal)
        }
        throw error instanceof UpstreamError ? problemFor(error, () => 'afhandeling') : error
      }
      const { recorded, replaced } = await store.record({
        klantcontactUuid: uuid,
        afhandeling,
        login: agent.login,
        afdeling: agent.afdeling,
      })
      await this.tell(recorded, replaced)
      const updated = await reader.byUuid(uuid)
      if (!updated) {
        throw notFoundBecause('Er is geen klantcontact met dit nummer.')
      }
      const view = await reader.viewFor(agent, updated)
      return { view: { ...view, afhandeling }, recorded }
    })
  }

  /** The views with the afhandeling recorded for each (null when none was), in one read. */
  async withAfhandeling(views: readonly KlantcontactView[]): Promise<KlantcontactView[]> {
    const known = await this.deps.store.afhandelingenOf(views.map((v) => v.uuid))
    return views.map((v) => ({ ...v, afhandeling: known.get(v.uuid) ?? null }))
  }

  /** The view with the afhandeling recorded for it (null when none was). */
  async withAfhandelingOf(view: KlantcontactView): Promise<KlantcontactView> {
    return { ...view, afhandeling: await this.deps.store.of(view.uuid) }
  }

  /** For the supervisor's counters; the afhandeling is recorded whether or not the hub heard of it. */
  private async tell(
    recorded: RecordedAfhandeling,
    replaced: RecordedAfhandeling | undefined,
  ): Promise<void> {
    // Counted today for this afdeling already: the counters move it rather than count it twice.
    const sameCount =
      replaced !== undefined &&
      replaced.afdeling === recorded.afdeling &&
      dayOf(new Date(replaced.recordedAt).toISOString()) ===
        dayOf(new Date(recorded.recordedAt).toISOString())
    try {
      await this.deps.afgehandeld({
        login: recorded.login,
        afdeling: recorded.afdeling,
        afhandeling: recorded.afhandeling,
        ...(sameCount ? { vervangt: replaced.afhandeling } : {}),
      })
    } catch (error) {
      this.deps.log.warn({ err: (error as Error).message }, 'afhandeling not counted')
    }
  }
}
