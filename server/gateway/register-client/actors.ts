import type { Logger } from '../../lib/logger'
import type { AfdelingConfig, AgentConfig } from '../config/types'
import type { KlantinteractiesClient } from './client'
import type { Actor, Actoridentificator, Page } from './types'

/**
 * Agents and afdelingen as actors in the register, found or created, and their uuids cached.
 *
 * Identificators follow KISS, so KISS and this gateway see the same actors in one register:
 * - a medewerker: `{objectId: <e-mail>, codeObjecttype: "mdw", codeRegister: "msei",
 *   codeSoortObjectId: "email"}` (KISS Kiss.Bff PostKlantcontactenCustomProxy.cs);
 * - an afdeling: `{objectId: <afdeling id>, codeObjecttype: "afd", codeRegister: "obj",
 *   codeSoortObjectId: "idf"}`, soortActor organisatorische_eenheid (KISS-frontend contactverzoek
 *   `mapActorType`).
 *
 * One lookup per identity at a time (concurrent callers share it); a failed lookup is not cached,
 * so the next caller tries again. `forget` drops a uuid the register no longer knows.
 */
export class ActorRegistry {
  private readonly cache = new Map<string, Promise<string>>()
  private readonly keyOf = new Map<string, string>()

  constructor(
    private readonly client: KlantinteractiesClient,
    private readonly log: Logger,
  ) {}

  medewerker(agent: Pick<AgentConfig, 'email' | 'displayName'>): Promise<string> {
    return this.resolve(
      { objectId: agent.email, codeObjecttype: 'mdw', codeRegister: 'msei', codeSoortObjectId: 'email' },
      agent.displayName,
      'medewerker',
    )
  }

  afdeling(afdeling: Pick<AfdelingConfig, 'id' | 'naam'>): Promise<string> {
    return this.resolve(
      { objectId: afdeling.id, codeObjecttype: 'afd', codeRegister: 'obj', codeSoortObjectId: 'idf' },
      afdeling.naam,
      'organisatorische_eenheid',
    )
  }

  /** Forgets a cached uuid (the actor was deleted in the register); the next call looks it up. */
  forget(uuid: string): void {
    const key = this.keyOf.get(uuid)
    if (key !== undefined) {
      this.keyOf.delete(uuid)
      this.cache.delete(key)
    }
  }

  private resolve(
    identificator: Required<Actoridentificator>,
    naam: string,
    soortActor: 'medewerker' | 'organisatorische_eenheid',
  ): Promise<string> {
    const key = `${identificator.codeRegister}/${identificator.codeObjecttype}/${identificator.objectId}`
    let pending = this.cache.get(key)
    if (!pending) {
      pending = this.findOrCreate(identificator, naam, soortActor)
      this.cache.set(key, pending)
      pending.then(
        (uuid) => this.keyOf.set(uuid, key),
        () => this.cache.delete(key),
      )
    }
    return pending
  }

  private async findOrCreate(
    identificator: Required<Actoridentificator>,
    naam: string,
    soortActor: 'medewerker' | 'organisatorische_eenheid',
  ): Promise<string> {
    const found = await this.client.get<Page<Actor>>('actoren', {
      actoridentificatorObjectId: identificator.objectId,
      actoridentificatorCodeObjecttype: identificator.codeObjecttype,
      actoridentificatorCodeRegister: identificator.codeRegister,
    })
    const existing = found.results[0]
    if (existing) {
      return existing.uuid
    }
    const created = await this.client.post<Actor>('actoren', {
      naam,
      soortActor,
      indicatieActief: true,
      actoridentificator: identificator,
    })
    this.log.info({ actor: created.uuid, soortActor }, 'actor created in the register')
    return created.uuid
  }
}
