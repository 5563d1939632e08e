/**
 * Types of the Klantinteracties API 0.9.0, generated from the vendored OAS by
 * `npm run generate:api` (openapi-typescript). Import the named schemas from here rather than
 * from the generated file, so a regeneration that renames something breaks in one place.
 */
import type { components, paths } from './klantinteracties.generated'

export type { components, paths }

type Schemas = components['schemas']

export type Klantcontact = Schemas['Klantcontact']
export type Betrokkene = Schemas['Betrokkene']
export type Actor = Schemas['Actor']
export type ActorKlantcontact = Schemas['ActorKlantcontact']
export type InterneTaak = Schemas['InterneTaak']
export type DigitaalAdres = Schemas['DigitaalAdres']
export type Partij = Schemas['Partij']
export type Onderwerpobject = Schemas['Onderwerpobject']
export type MaakKlantcontact = Schemas['MaakKlantcontact']
export type Bijlage = Schemas['Bijlage']
export type Categorie = Schemas['Categorie']
export type CategorieRelatie = Schemas['CategorieRelatie']
export type Rekeningnummer = Schemas['Rekeningnummer']
export type Vertegenwoordigden = Schemas['Vertegenwoordigden']
export type PartijIdentificator = Schemas['PartijIdentificator']
