import type {
  Actor,
  ActorKlantcontact,
  Betrokkene,
  InterneTaak,
  Klantcontact,
  components,
} from '../../../shared/api/klantinteracties'

/**
 * The register's resources as the gateway reads them: the generated OAS 0.9.0 types
 * (shared/api/klantinteracties.ts), plus `_expand` where the gateway asks for it.
 */
export type { Actor, ActorKlantcontact, Betrokkene, InterneTaak, Klantcontact }
export type Contactnaam = components['schemas']['Contactnaam']
export type Actoridentificator = components['schemas']['Actoridentificator']

/** A klantcontact read with `expand=hadBetrokkenen` (OAS ExpandKlantcontact). */
export type KlantcontactRecord = Klantcontact & { _expand?: { hadBetrokkenen?: Betrokkene[] } }

/** The reply of `POST /maak-klantcontact`. */
export interface MaakKlantcontactReply {
  klantcontact: Klantcontact
  betrokkene?: Betrokkene
}

/** A page of a list (OAS Paginated*List). */
export interface Page<T> {
  count: number
  next: string | null
  previous: string | null
  results: T[]
}

/** `expand=hadBetrokkenen`: the caller's name in the same call as the klantcontact (C0534 step 3B). */
export const EXPAND_BETROKKENEN = { expand: 'hadBetrokkenen' } as const
