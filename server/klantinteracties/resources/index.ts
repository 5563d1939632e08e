import type { FastifyInstance } from 'fastify'
import type { RouteDeps } from '../http/resource-routes'
import { actoren } from './actoren'
import { actorklantcontacten } from './actorklantcontacten'
import { betrokkenen } from './betrokkenen'
import { bijlagen } from './bijlagen'
import { categorieRelaties } from './categorie-relaties'
import { categorieen } from './categorieen'
import type { ResourceDefinition } from './definition'
import { digitaleAdressen } from './digitaleadressen'
import { internetaken } from './internetaken'
import { klantcontacten } from './klantcontacten'
import { registerMaakKlantcontact } from './maak-klantcontact'
import { registerOnderwerpobjectDelete } from './onderwerpobject-delete'
import { onderwerpobjecten } from './onderwerpobjecten'
import { partijIdentificatoren } from './partij-identificatoren'
import { partijen } from './partijen'
import { rekeningnummers } from './rekeningnummers'
import { vertegenwoordigingen } from './vertegenwoordigingen'

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
