import type { Db } from '../../../lib/db/database'
import type { Engine } from '../../../lib/db/dialect'
import type { NummerPolicy } from '../klantcontacten/nummer'

/** What a resource handler needs to read and write: the (transactional) database and where it lives. */
export interface ResourceContext {
  db: Db
  engine: Engine
  /** Absolute base of the API as the client reached it, e.g. `http://host/klantinteracties/api/v1`. */
  baseUrl: string
  nummer: NummerPolicy
}

export type Json = Record<string, unknown>
