import type {
  InboxDoorzettenInput,
  InboxItemView,
  InboxVerwerktInput,
  InboxView,
} from '../../../shared/gateway/inbox'
import type { AuditObject } from '../audit/types'
import type { AgentIdentity } from '../auth/authenticator'
import type { GatewayConfig } from '../config/types'
import { conflict, notFoundBecause, validationError } from '../http/problems'
import { KeyedQueue } from '../lib/single-flight'
import { UpstreamError, type KlantinteractiesClient } from '../register-client/client'
import type { InterneTaak, Klantcontact, Page } from '../register-client/types'
import { problemFor } from '../register-client/upstream-errors'
import type { InboxActors, InboxScope } from './actors'
import type { InboxItems } from './items'
import { assignedActors } from '../register-client/interne-taak'
import { byToegewezenOp, uniqueTaken, VERWERKT_MAX, type InterneTaken } from './taken'
import { appended, doorgezetNote, verwerktNote } from './toelichting'

/**
 * The contactverzoek inbox (docs/gateway.md, "Inbox"): the interne taken assigned to the agent's
 * medewerker actor and to their afdeling's organisatorische eenheid actor (a supervisor's inbox also
 * holds the afdelingen they supervise), and what the agent does with one: claim it, mark it
 * verwerkt, or pass it on to another afdeling.
 *
 * Authorisation: an action is allowed only on a taak in the agent's own inbox; any other uuid is a
 * 404, the same as an unknown one, so the inbox reveals nothing of other afdelingen. A taak another
 * medewerker claimed is theirs: claim, verwerkt and doorzetten on it are a 409 naming them.
 *
 * Changes of one taak are serialised within an instance (read, check, write). The register has no
 * conditional update, so two instances claiming one taak at the same moment could both succeed,
 * the later write winning (docs/gateway.md, "Not (yet) done").
 */
export type InboxChanged = (afdelingen: readonly string[]) => void

/** The open items an inbox answers with, oldest first; `open` counts them all. */
export const RESULTS_MAX = 100

export interface Disclosing<T> {
  value: T
  disclosed: AuditObject[]
}

export class InboxService {
  private readonly writes = new KeyedQueue()

  constructor(
    private readonly deps: {
      config: GatewayConfig
      client: KlantinteractiesClient
      taken: InterneTaken
      actors: InboxActors
      items: InboxItems
      changed: InboxChanged
    },
  ) {}

  async list(agent: AgentIdentity, status: 'open' | 'verwerkt'): Promise<Disclosing<InboxView>> {
    const { taken, actors, items } = this.deps
    const scope = await actors.scopeOf(agent)
    const uuids = actorsOf(scope)
    const open = uniqueTaken(await Promise.all(uuids.map((u) => taken.openFor(u)))).sort(byToegewezenOp)
    let shown: InterneTaak[]
    if (status === 'open') {
      shown = open.slice(0, RESULTS_MAX)
    } else {
      const done = uniqueTaken(await Promise.all(uuids.map((u) => taken.verwerktFor(u))))
      shown = done.sort((a, b) => byAfgehandeldOp(b, a)).slice(0, VERWERKT_MAX)
    }
    const built = await items.build(agent, shown)
    return { value: { results: built.items, open: open.length }, disclosed: built.disclosed }
  }

  claim(agent: AgentIdentity, uuid: string): Promise<Disclosing<InboxItemView>> {
    return this.change(agent, uuid, async (taak, me) => {
      const actors = assignedActors(taak)
      if (actors.includes(me)) {
        return null
      }
      return { toegewezenAanActoren: [...actors, me].map((a) => ({ uuid: a })) }
    })
  }

  verwerkt(
    agent: AgentIdentity,
    uuid: string,
    input: InboxVerwerktInput,
  ): Promise<Disclosing<InboxItemView>> {
    return this.change(agent, uuid, async (taak, me) => {
      const aanleiding = taak.aanleidinggevendKlantcontact.uuid
      const terugbelcontact = input.klantcontactUuid
        ? await this.linkedCallBack(input.klantcontactUuid, aanleiding)
        : null
      const note = verwerktNote(agent.displayName, input.resultaat, terugbelcontact)
      const actors = assignedActors(taak)
      return {
        status: 'verwerkt',
        toelichting: appended(taak.toelichting ?? '', note, 'resultaat'),
        // Who handled it stays on it, as after a claim.
        toegewezenAanActoren: (actors.includes(me) ? actors : [...actors, me]).map((a) => ({ uuid: a })),
      }
    })
  }

  doorzetten(
    agent: AgentIdentity,
    uuid: string,
    input: InboxDoorzettenInput,
  ): Promise<Disclosing<InboxItemView>> {
    const afdeling = this.deps.config.afdelingen.find((a) => a.id === input.afdeling)
    if (!afdeling) {
      throw validationError([{ name: 'afdeling', code: 'does_not_exist', reason: 'Onbekende afdeling.' }])
    }
    return this.change(agent, uuid, async (taak) => {
      const note = doorgezetNote(agent.displayName, afdeling.naam, input.toelichting)
      return {
        toelichting: appended(taak.toelichting ?? '', note, 'toelichting'),
        toegewezenAanActoren: [{ uuid: await this.deps.actors.afdelingActor(afdeling) }],
      }
    })
  }

  /**
   * Reads the taak, checks it is in the agent's inbox, open and not someone else's, asks `patchOf`
   * what to write (null: nothing, it is already so), writes it, and tells the live hub which
   * afdelingen' inboxes changed.
   */
  private change(
    agent: AgentIdentity,
    uuid: string,
    patchOf: (taak: InterneTaak, me: string) => Promise<Record<string, unknown> | null>,
  ): Promise<Disclosing<InboxItemView>> {
    return this.writes.run(uuid, async () => {
      const { taken, items } = this.deps
      const scope = await this.deps.actors.scopeOf(agent)
      const taak = await taken.get(uuid)
      if (!taak || !inScope(taak, scope)) {
        throw notFoundBecause('Deze taak staat niet in je inbox.')
      }
      // Claiming or handling it puts the agent on it: their medewerker actor is made if need be.
      const me = scope.medewerker ?? (await this.deps.actors.medewerker(agent))
      if (taak.status === 'verwerkt') {
        throw conflict('al_verwerkt', 'Deze taak is al verwerkt.')
      }
      const other = await this.claimedByOther(taak, me)
      if (other !== null) {
        throw conflict('al_opgepakt', `Deze taak is al opgepakt door ${other}.`)
      }
      const patch = await patchOf(taak, me)
      let result = taak
      if (patch) {
        try {
          result = await taken.patch(uuid, patch)
        } catch (error) {
          throw error instanceof UpstreamError ? problemFor(error) : error
        }
        this.deps.changed(await this.afdelingenOf([...assignedActors(taak), ...assignedActors(result)]))
      }
      const built = await items.build(agent, [result])
      return { value: built.items[0]!, disclosed: built.disclosed }
    })
  }

  /** The name of another medewerker the taak is assigned to, or null. */
  private async claimedByOther(taak: InterneTaak, me: string): Promise<string | null> {
    for (const uuid of assignedActors(taak)) {
      if (uuid === me) {
        continue
      }
      const owner = await this.deps.actors.ownerOf(uuid)
      if (owner.kind === 'medewerker') {
        return owner.agent.displayName
      }
      if (owner.kind === 'other' && owner.soortActor === 'medewerker') {
        return owner.naam || 'een collega'
      }
    }
    return null
  }

  /**
   * The nummer of the call-back klantcontact, after checking that it exists and that its
   * onderwerpobject names the aanleiding as `wasKlantcontact` (OAS Onderwerpobject: the call-back
   * `klantcontact` "ging over" the onderwerpobject that "was" the earlier klantcontact).
   */
  private async linkedCallBack(callBack: string, aanleiding: string): Promise<string> {
    const { client } = this.deps
    const [klantcontact, links] = await Promise.all([
      client.find<Klantcontact>(`klantcontacten/${callBack}`),
      client.get<Page<unknown>>('onderwerpobjecten', {
        klantcontact__uuid: callBack,
        wasKlantcontact__uuid: aanleiding,
      }),
    ])
    if (!klantcontact) {
      throw validationError([
        { name: 'klantcontactUuid', code: 'does_not_exist', reason: 'Dit klantcontact bestaat niet.' },
      ])
    }
    if (links.count === 0) {
      throw validationError([
        {
          name: 'klantcontactUuid',
          code: 'invalid',
          reason:
            'Dit klantcontact is niet vastgelegd als terugbelcontact bij deze taak: het verwijst niet naar het klantcontact dat de aanleiding was.',
        },
      ])
    }
    return klantcontact.nummer ?? klantcontact.uuid
  }

  private async afdelingenOf(actors: readonly string[]): Promise<string[]> {
    const ids = new Set<string>()
    for (const uuid of new Set(actors)) {
      const owner = await this.deps.actors.ownerOf(uuid)
      if (owner.kind === 'afdeling') {
        ids.add(owner.afdeling.id)
      } else if (owner.kind === 'medewerker') {
        ids.add(owner.agent.afdeling)
      }
    }
    return [...ids]
  }
}

function actorsOf(scope: InboxScope): string[] {
  return [...(scope.medewerker ? [scope.medewerker] : []), ...scope.afdelingen.values()]
}

function inScope(taak: InterneTaak, scope: InboxScope): boolean {
  const mine = new Set(actorsOf(scope))
  return assignedActors(taak).some((a) => mine.has(a))
}

function byAfgehandeldOp(a: InterneTaak, b: InterneTaak): number {
  const left = a.afgehandeldOp ?? ''
  const right = b.afgehandeldOp ?? ''
  return left < right ? -1 : left > right ? 1 : byToegewezenOp(a, b)
}
