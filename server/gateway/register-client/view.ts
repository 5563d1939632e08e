import type { Roster } from '../directory/roster'
import type { ActorView, KlantcontactView } from '../../../shared/gateway/api'
import { naamAlsGetypt } from '../../../shared/klantcontact/contactnaam'
import type { Actor, Betrokkene, Klantcontact, KlantcontactRecord } from './types'

/**
 * What the agent app sees of a klantcontact: the register's fields it needs, the betrokkenen with
 * their names and the actors with theirs (C0534 step 3B: one screen, one call), flattened so the app
 * does not need to know the register's `_expand` mechanics.
 *
 * `afgeschermd` (vertrouwelijk, docs/gateway.md): onderwerp, inhoud, reactie and the betrokkenen's
 * names are withheld; the agent sees that the contact exists, when, and through which kanaal.
 */
export type { ActorView, BetrokkeneView, KlantcontactView } from '../../../shared/gateway/api'

export class ViewBuilder {
  constructor(private readonly roster: Pick<Roster, 'byEmail'>) {}

  /**
   * `betrokkenen` defaults to the expanded ones; `extraActors` adds actors the register's copy does
   * not list yet (the one just linked).
   */
  build(
    klantcontact: KlantcontactRecord,
    options: { visible: boolean; betrokkenen?: Betrokkene[]; extraActors?: ActorView[] },
  ): KlantcontactView {
    const visible = options.visible
    const betrokkenen = options.betrokkenen ?? klantcontact._expand?.hadBetrokkenen ?? []
    const actors = (klantcontact.hadBetrokkenActoren ?? []).map((a) => this.actor(a))
    for (const extra of options.extraActors ?? []) {
      if (!actors.some((a) => a.uuid === extra.uuid)) {
        actors.push(extra)
      }
    }
    return {
      uuid: klantcontact.uuid,
      nummer: klantcontact.nummer ?? null,
      referentienummer: klantcontact.referentienummer ?? null,
      kanaal: klantcontact.kanaal,
      onderwerp: visible ? klantcontact.onderwerp : null,
      inhoud: visible ? (klantcontact.inhoud ?? '') : null,
      reactie: visible ? (klantcontact.reactie ?? '') : null,
      taal: klantcontact.taal,
      vertrouwelijk: klantcontact.vertrouwelijk,
      indicatieContactGelukt: klantcontact.indicatieContactGelukt ?? null,
      plaatsgevondenOp: klantcontact.plaatsgevondenOp ?? null,
      betrokkenen: betrokkenen.map((b) => ({
        uuid: b.uuid,
        rol: b.rol,
        initiator: b.initiator,
        // As typed: the register's volledigeNaam drops the voorletters ("P. Jansen" → "Jansen").
        volledigeNaam: visible ? (naamAlsGetypt(b.contactnaam) ?? b.volledigeNaam) : null,
      })),
      actoren: actors,
      afgeschermd: !visible,
    }
  }

  private actor(actor: Actor): ActorView {
    const id = actor.actoridentificator
    const login =
      actor.soortActor === 'medewerker' && id?.objectId
        ? (this.roster.byEmail(id.objectId)?.login ?? null)
        : null
    return { uuid: actor.uuid, naam: actor.naam, soortActor: actor.soortActor, login }
  }
}

/** The actor uuids on a klantcontact (OAS: hadBetrokkenActoren are full actors). */
export function actorUuids(klantcontact: Klantcontact): string[] {
  return (klantcontact.hadBetrokkenActoren ?? []).map((a) => a.uuid)
}
