import type { Row } from '../../../lib/db/database'
import { validationError } from '../../../lib/http/problem'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, WriteMode, WriteResult } from '../common/definition'
import { exact } from '../common/filters'
import { choice } from '../common/filter-values'
import { identificatorErrors, type IdentificatorGroep } from './partij-identificator-rules'
import { fkRef, ReferenceResolver, ref, referencedUuids } from '../common/references'
import { IDENTIFICATOR_MEMBERS, readGroup, readText, writeGroup } from '../common/values'

/**
 * PartijIdentificator (OAS `PartijIdentificator`; Open Klant models/partijen.py, serializer
 * `PartijIdentificatorSerializer`): a partij's key in an external register (BSN in the BRP, KvK- or
 * RSIN-nummer or vestigingsnummer in the HR). Writable here and nested in POST/PUT/PATCH /partijen
 * (partij-identificatoren-nested.ts); both paths share `writeIdentificator`.
 */
const GROUP = 'partij_identificator'
const PATH = 'partij-identificatoren'

/** The OAS enums (CodeObjecttypeEnum, CodeRegisterEnum, CodeSoortObjectIdEnum). */
const CODE_OBJECTTYPES = ['natuurlijk_persoon', 'niet_natuurlijk_persoon', 'vestiging'] as const
const CODE_REGISTERS = ['brp', 'hr'] as const
const CODE_SOORT_OBJECT_IDS = ['bsn', 'vestigingsnummer', 'kvk_nummer', 'rsin'] as const

export async function serializePartijIdentificatoren(ctx: ResourceContext, rows: Row[]): Promise<Json[]> {
  const [partijen, parents] = await Promise.all([
    referencedUuids(ctx, 'partij', rows, 'partij_id'),
    referencedUuids(ctx, 'partij_identificator', rows, 'sub_identificator_van_id'),
  ])
  return rows.map((row) => ({
    uuid: row['uuid'],
    url: ref(ctx, PATH, row['uuid']).url,
    identificeerdePartij: fkRef(ctx, 'partijen', partijen, row['partij_id']),
    anderePartijIdentificator: readText(row['andere_partij_identificator']),
    partijIdentificator: readGroup(row, GROUP, IDENTIFICATOR_MEMBERS),
    subIdentificatorVan: fkRef(ctx, PATH, parents, row['sub_identificator_van_id']),
  }))
}

export interface IdentificatorWriteOptions {
  /** Prefix of error names, e.g. `partijIdentificatoren.0.` for one nested in a partij. */
  prefix: string
  /** The owning partij when the caller decides it (nested: always the partij being written). */
  partijId?: number
}

/**
 * Checks a PartijIdentificator body and maps it to columns. A supplied `uuid` is not written: the
 * server chooses uuids (nested in a partij, `uuid` selects the row to update instead).
 */
export async function writeIdentificator(
  ctx: ResourceContext,
  body: Json,
  existing: Row | undefined,
  options: IdentificatorWriteOptions,
): Promise<WriteResult> {
  const name = (field: string): string => `${options.prefix}${field}`
  const refs = new ReferenceResolver(ctx)
  const bodyPartijId = await refs.resolve(
    body,
    'identificeerdePartij',
    'partij',
    'Partij',
    name('identificeerdePartij'),
  )
  const subId = await refs.resolve(
    body,
    'subIdentificatorVan',
    'partij_identificator',
    'PartijIdentificator',
    name('subIdentificatorVan'),
  )
  if (refs.errors.length > 0) {
    throw validationError(refs.errors)
  }
  const partijId = options.partijId ?? bodyPartijId
  const groep = (body['partijIdentificator'] ??
    readGroup(existing ?? {}, GROUP, IDENTIFICATOR_MEMBERS)) as IdentificatorGroep
  const errors = await identificatorErrors(ctx, {
    ...(existing
      ? { id: Number(existing['id']), previousSoort: readText(existing[`${GROUP}_code_soort_object_id`]) }
      : {}),
    partijId: partijId !== undefined ? partijId : nullableId(existing?.['partij_id']),
    subIdentificatorVanId: subId !== undefined ? subId : nullableId(existing?.['sub_identificator_van_id']),
    groep,
  })
  if (errors.length > 0) {
    throw validationError(errors.map((e) => ({ ...e, name: name(e.name) })))
  }

  const columns: Row = {}
  if (partijId !== undefined) {
    columns['partij_id'] = partijId
  }
  if (subId !== undefined) {
    columns['sub_identificator_van_id'] = subId
  }
  if ('anderePartijIdentificator' in body) {
    columns['andere_partij_identificator'] = body['anderePartijIdentificator'] ?? ''
  }
  if ('partijIdentificator' in body) {
    Object.assign(columns, writeGroup(groep as unknown as Json, GROUP, IDENTIFICATOR_MEMBERS))
  }
  return { columns }
}

function nullableId(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value)
}

/**
 * Open Klant protects a sub-identificator's parent (`on_delete=PROTECT`): deleting a kvk_nummer
 * that vestigingsnummers hang under is a 400 (Django's ProtectedError, reported on nonFieldErrors).
 */
export async function assertNotParentOfOthers(ctx: ResourceContext, ids: number[]): Promise<void> {
  if (ids.length === 0) {
    return
  }
  const child = await ctx.db
    .selectFrom('partij_identificator')
    .select('id')
    .where('sub_identificator_van_id', 'in', ids)
    .where('id', 'not in', ids)
    .executeTakeFirst()
  if (child) {
    throw validationError([
      {
        name: 'nonFieldErrors',
        code: 'invalid',
        reason:
          'Deze PartijIdentificator kan niet verwijderd worden, omdat andere PartijIdentificatoren ' +
          'ernaar verwijzen via subIdentificatorVan.',
      },
    ])
  }
}

export const partijIdentificatoren: ResourceDefinition = {
  path: PATH,
  table: 'partij_identificator',
  schemas: { write: 'PartijIdentificator', patch: 'PatchedPartijIdentificator' },
  filters: {
    anderePartijIdentificator: exact('partij_identificator.andere_partij_identificator'),
    partijIdentificatorCodeObjecttype: choice(
      'partij_identificator.partij_identificator_code_objecttype',
      'partijIdentificatorCodeObjecttype',
      CODE_OBJECTTYPES,
    ),
    partijIdentificatorCodeRegister: choice(
      'partij_identificator.partij_identificator_code_register',
      'partijIdentificatorCodeRegister',
      CODE_REGISTERS,
    ),
    partijIdentificatorCodeSoortObjectId: choice(
      'partij_identificator.partij_identificator_code_soort_object_id',
      'partijIdentificatorCodeSoortObjectId',
      CODE_SOORT_OBJECT_IDS,
    ),
    partijIdentificatorObjectId: exact('partij_identificator.partij_identificator_object_id'),
  },
  // Open Klant: PartijIdentificatorViewSet queryset `.order_by("-pk")`.
  orderBy: [['id', 'desc']],
  serialize: serializePartijIdentificatoren,
  write: (ctx, body, _mode: WriteMode, existing) => writeIdentificator(ctx, body, existing, { prefix: '' }),
  beforeDelete: (ctx, row) => assertNotParentOfOthers(ctx, [Number(row['id'])]),
}
