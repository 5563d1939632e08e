import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { Row, Tables } from '../../../lib/db/database'
import type { Json, ResourceContext } from './context'

export interface SerializeOptions {
  justCreated?: boolean
}

/** The operations a path offers, named as DRF's viewset actions. */
export type Operation = 'list' | 'create' | 'retrieve' | 'update' | 'partial_update' | 'destroy'

export const ALL_OPERATIONS: readonly Operation[] = [
  'list',
  'create',
  'retrieve',
  'update',
  'partial_update',
  'destroy',
]

/** How a write reached us: POST, PUT (all write-required fields) or PATCH (any subset). */
export type WriteMode = 'create' | 'update' | 'partial'

/** A filter turns one query-parameter value into a condition on the resource's table. */
export type Filter = (
  eb: ExpressionBuilder<Tables, string>,
  value: string,
  ctx: ResourceContext,
) => Expression<SqlBool>

/**
 * A relation that `expand` can follow: for a batch of rows, the related rows of resource `target`
 * (a list per row when `many`, else one row or null).
 */
export type Relation =
  | { target: string; many: true; load(ctx: ResourceContext, rows: Row[]): Promise<Row[][]> }
  | { target: string; many: false; load(ctx: ResourceContext, rows: Row[]): Promise<Array<Row | null>> }

export interface WriteResult {
  columns: Row
  /** Runs in the same transaction after the row is written (link tables, nested records). */
  afterWrite?: (id: number) => Promise<void>
}

/**
 * A resource of the Klantinteracties API: one path pair (`/x`, `/x/{uuid}`) over one table.
 * The generic router does authentication, validation against the OAS, pagination, unknown
 * parameter checks, transactions and errors; the definition says what is specific.
 */
export interface ResourceDefinition {
  /** URL segment, exactly as the OAS: `klantcontacten`. */
  path: string
  table: string
  /** OAS component schemas for request bodies (POST/PUT and PATCH). */
  schemas: { write: string; patch: string }
  operations?: readonly Operation[]
  filters: Record<string, Filter>
  /** Allowed `expand` values (dotted paths, OAS `Expand*`); absent where the OAS has no expand. */
  expand?: readonly string[]
  /** Relations `expand` may follow from this resource, also as the inner step of a dotted path. */
  relations?: Record<string, Relation>
  /** Deterministic order, ending with a tiebreaker. */
  orderBy: ReadonlyArray<readonly [column: string, direction: 'asc' | 'desc']>
  /**
   * Serialises a batch of rows; loads related data per batch, never per row. `justCreated` says
   * the rows were inserted in this transaction, so read-only reverse lists are known to be empty.
   */
  serialize(ctx: ResourceContext, rows: Row[], options?: SerializeOptions): Promise<Json[]>
  /** Checks what JSON schema cannot (references exist, uniqueness, cross-field rules) and maps to columns. */
  write(ctx: ResourceContext, body: Json, mode: WriteMode, existing?: Row): Promise<WriteResult>
  /** Extra work in the deleting transaction before the row goes (cascades the database does not do). */
  beforeDelete?(ctx: ResourceContext, row: Row): Promise<void>
}
