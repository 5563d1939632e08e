import type { FastifyInstance } from 'fastify'
import type { RouteDeps } from '../http/resource-routes'
import { actoren } from './actoren/actoren'
import { actorklantcontacten } from './klantcontacten/actorklantcontacten'
import { betrokkenen } from './klantcontacten/betrokkenen'
import { bijlagen } from './klantcontacten/bijlagen'
import { categorieRelaties } from './partijen/categorie-relaties'
import { categorieen } from './partijen/categorieen'
import type { ResourceDefinition } from './common/definition'
import { digitaleAdressen } from './partijen/digitaleadressen'
import { internetaken } from './internetaken/internetaken'
import { klantcontacten } from './klantcontacten/klantcontacten'
import { registerMaakKlantcontact } from './klantcontacten/maak-klantcontact'
import { registerOnderwerpobjectDelete } from './klantcontacten/onderwerpobject-delete'
import { onderwerpobjecten } from './klantcontacten/onderwerpobjecten'
import { partijIdentificatoren } from './partijen/partij-identificatoren'
import { partijen } from './partijen/partijen'
import { rekeningnummers } from './partijen/rekeningnummers'
import { vertegenwoordigingen } from './partijen/vertegenwoordigingen'

/** Every path pair of the OAS, by its URL segment. */
export const resources: readonly ResourceDefinition[] = [
  klantcontacten,
  actoren,
  betrokkenen,
  actorklantcontacten,
  internetaken,
  onderwerpobjecten,
  bijlagen,
  partijen,
  partijIdentificatoren,
  vertegenwoordigingen,
  rekeningnummers,
  categorieen,
  categorieRelaties,
  digitaleAdressen,
]

/** Paths outside the CRUD pattern (e.g. `POST /maak-klantcontact`). */
export const extraRoutes: ReadonlyArray<(app: FastifyInstance, deps: RouteDeps) => void> = [
  registerOnderwerpobjectDelete,
  registerMaakKlantcontact,
]
