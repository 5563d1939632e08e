import type { AgentIdentity } from '../auth/authenticator'
import type { AfdelingConfig, GatewayConfig } from '../config/types'
import type { Medewerker, Roster } from '../directory/roster'
import type { ActorRegistry } from '../register-client/actors'
import type { KlantinteractiesClient } from '../register-client/client'
import type { Actor, Page } from '../register-client/types'

/**
 * Who the actors on an interne taak are, in this gateway's terms: an afdeling (organisatorische
 * eenheid actor, register-client/actors.ts), a medewerker of the roster (medewerker actor, by e-mail), or
 * someone the gateway does not know (an actor KISS or another system made).
 *
 * Actors this gateway resolved itself are known at once; any other is read once from the register
 * and remembered (an actor's identificator does not change).
 */
export type ActorOwner =
  | { kind: 'afdeling'; afdeling: AfdelingConfig }
  | { kind: 'medewerker'; agent: Medewerker }
  | { kind: 'other'; naam: string; soortActor: string }

/** The actors whose interne taken make up an agent's inbox (null: the register has none yet). */
export interface InboxScope {
  medewerker: string | null
  /** The agent's afdeling, and for a supervisor the afdelingen they supervise: id → actor uuid. */
  afdelingen: Map<string, string>
}

export class InboxActors {
  private readonly owners = new Map<string, Promise<ActorOwner>>()
  /** Actors found (never created) by identificator; only found ones are remembered. */
  private readonly found = new Map<string, string>()

  constructor(
    private readonly client: KlantinteractiesClient,
    private readonly actors: ActorRegistry,
    private readonly config: Pick<GatewayConfig, 'afdelingen'>,
    private readonly roster: Pick<Roster, 'byLogin' | 'byEmail'>,
  ) {}

  /**
   * Reading an inbox creates no actor: an afdeling or agent without one in the register has nothing
   * assigned to it yet.
   */
  async scopeOf(agent: AgentIdentity): Promise<InboxScope> {
    const config = this.agentConfig(agent.login)
    const ids = new Set([agent.afdeling, ...(config?.supervises ?? [])])
    const afdelingen = new Map<string, string>()
    const [medewerker] = await Promise.all([
      config ? this.findMedewerker(config) : Promise.resolve(null),
      ...this.config.afdelingen
        .filter((a) => ids.has(a.id))
        .map(async (a) => {
          const uuid = await this.findAfdeling(a)
          if (uuid) {
            afdelingen.set(a.id, uuid)
          }
        }),
    ])
    return { medewerker, afdelingen }
  }

  findAfdeling(afdeling: AfdelingConfig): Promise<string | null> {
    return this.find(
      { objectId: afdeling.id, codeObjecttype: 'afd', codeRegister: 'obj' },
      { kind: 'afdeling', afdeling },
    )
  }

  findMedewerker(agent: Medewerker): Promise<string | null> {
    return this.find(
      { objectId: agent.email, codeObjecttype: 'mdw', codeRegister: 'msei' },
      { kind: 'medewerker', agent },
    )
  }

  async afdelingActor(afdeling: AfdelingConfig): Promise<string> {
    const uuid = await this.actors.afdeling(afdeling)
    this.owners.set(uuid, Promise.resolve({ kind: 'afdeling', afdeling }))
    return uuid
  }

  /** The agent's medewerker actor, made if the register has none (the agent is about to be on a taak). */
  async medewerker(agent: AgentIdentity): Promise<string> {
    const uuid = await this.actors.medewerker(agent)
    const config = this.agentConfig(agent.login)
    if (config) {
      this.owners.set(uuid, Promise.resolve({ kind: 'medewerker', agent: config }))
    }
    return uuid
  }

  /** Who `uuid` is; one register read for an actor not seen before. */
  ownerOf(uuid: string): Promise<ActorOwner> {
    let owner = this.owners.get(uuid)
    if (!owner) {
      owner = this.read(uuid)
      this.owners.set(uuid, owner)
      owner.catch(() => this.owners.delete(uuid))
    }
    return owner
  }

  agentConfig(login: string): Medewerker | undefined {
    return this.roster.byLogin(login)
  }

  private async find(
    id: { objectId: string; codeObjecttype: string; codeRegister: string },
    owner: ActorOwner,
  ): Promise<string | null> {
    const key = `${id.codeRegister}/${id.codeObjecttype}/${id.objectId}`
    const known = this.found.get(key)
    if (known) {
      return known
    }
    const page = await this.client.get<Page<Actor>>('actoren', {
      actoridentificatorObjectId: id.objectId,
      actoridentificatorCodeObjecttype: id.codeObjecttype,
      actoridentificatorCodeRegister: id.codeRegister,
    })
    const uuid = page.results[0]?.uuid ?? null
    if (uuid) {
      this.found.set(key, uuid)
      this.owners.set(uuid, Promise.resolve(owner))
    }
    return uuid
  }

  private async read(uuid: string): Promise<ActorOwner> {
    const actor = await this.client.find<Actor>(`actoren/${uuid}`)
    if (!actor) {
      return { kind: 'other', naam: '', soortActor: 'onbekend' }
    }
    const id = actor.actoridentificator
    if (actor.soortActor === 'organisatorische_eenheid' && id?.codeObjecttype === 'afd') {
      const afdeling = this.config.afdelingen.find((a) => a.id === id.objectId)
      if (afdeling) {
        return { kind: 'afdeling', afdeling }
      }
    }
    if (actor.soortActor === 'medewerker' && id?.objectId) {
      const agent = this.roster.byEmail(id.objectId)
      if (agent) {
        return { kind: 'medewerker', agent }
      }
    }
    return { kind: 'other', naam: actor.naam, soortActor: actor.soortActor }
  }
}
