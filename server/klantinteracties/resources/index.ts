import type { FastifyInstance } from 'fastify'
import type { RouteDeps } from '../http/resource-routes'
import { actoren } from './actoren'
import type { ResourceDefinition } from './definition'
import { klantcontacten } from './klantcontacten'

/** Every path pair of the OAS, by its URL segment. */
export const resources: readonly ResourceDefinition[] = [klantcontacten, actoren]

/** Paths outside the CRUD pattern (e.g. `POST /maak-klantcontact`). */
export const extraRoutes: ReadonlyArray<(app: FastifyInstance, deps: RouteDeps) => void> = []
