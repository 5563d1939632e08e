import type * as api from '../../shared/api/klantinteracties'

/**
 * The shapes of the provider's replies, as the integration suites read them. They are the OAS
 * schemas (shared/api/klantinteracties.ts) seen from the reply side: the OAS shares one schema
 * between request and response, so members a client may leave out are optional there, while a reply
 * always carries them.
 */

/** A reply carries every member of its schema: possibly `null`, but a list is never `null`. */
export type Served<T> = { [K in keyof T]-?: ServedValue<T[K]> }
type ServedValue<V> = [NonNullable<V>] extends [readonly unknown[]] ? NonNullable<V> : Exclude<V, undefined>

/** Gegevensgroepen are always serialised whole (empty members, never `null`). */
type WithGroups<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> }

/** A resource that offers `expand` carries `_expand` when a request asks for it. */
interface Expandable {
  _expand?: Record<string, unknown>
}

/** A relation as every resource serialises it (OAS `*ForeignKey`). */
export interface Ref {
  uuid: string
  url: string
}

/** A page of a list (OAS `Paginated*List`). */
export interface List<T> {
  count: number
  next: string | null
  previous: string | null
  results: T[]
}

/** One entry of a problem's `invalidParams` (vng_api_common `FieldValidationError`). */
export interface InvalidParam {
  name: string
  code: string
  reason: string
}

export type Klantcontact = Served<api.Klantcontact> & Expandable
export type Betrokkene = Served<
  WithGroups<api.Betrokkene, 'bezoekadres' | 'correspondentieadres' | 'contactnaam'>
> &
  Expandable
export type Actor = Served<api.Actor>
export type ActorKlantcontact = api.ActorKlantcontact
/** `toegewezenAanActor` stays optional: it is left out when no actor is assigned. */
export type InterneTaak = Served<Omit<api.InterneTaak, 'toegewezenAanActor'>> &
  Pick<api.InterneTaak, 'toegewezenAanActor'>
export type DigitaalAdres = Served<api.DigitaalAdres> & Expandable
export type Onderwerpobject = Served<WithGroups<api.Onderwerpobject, 'onderwerpobjectidentificator'>>
export type Bijlage = Served<WithGroups<api.Bijlage, 'bijlageidentificator'>>
export type Categorie = Served<api.Categorie>
export type CategorieRelatie = Served<api.CategorieRelatie>
export type Rekeningnummer = Served<api.Rekeningnummer>
export type Vertegenwoordiging = api.Vertegenwoordigden
export type Identificator = Served<api.PartijIdentificator>
export type Partij = Served<WithGroups<api.Partij, 'bezoekadres' | 'correspondentieadres'>> &
  Expandable & { partijIdentificatoren: Identificator[] }

/** The reply of `POST /maak-klantcontact`: the klantcontact, and the parts sent with it, linked to it. */
export interface MaakKlantcontact {
  klantcontact: Klantcontact
  betrokkene?: Betrokkene
  onderwerpobject?: Onderwerpobject & { klantcontact: Ref }
}
