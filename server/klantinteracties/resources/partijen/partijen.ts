import type { Row } from '../../../lib/db/database'
import { validationError, type InvalidParam } from '../../../lib/http/problem'
import { isLandcode, LANDCODE_REASON } from '../../validation/land'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, WriteMode, WriteResult } from '../common/definition'
import { partijFilters } from './partij-filters'
import { numberColumns, numberFieldErrors, type NumberFields } from '../common/number-fields'
import { assertNotParentOfOthers } from './partij-identificatoren'
import { applyNestedIdentificatoren, checkNestedIdentificatoren } from './partij-identificatoren-nested'
import { applyLinks, DIGITALE_ADRESSEN, linkColumns, planLinks, REKENINGNUMMERS } from './partij-links'
import { serializePartijen } from './partij-serializer'
import { ReferenceResolver } from '../common/references'
import { children } from '../common/relations'
import { ADRES_MEMBERS, CONTACTNAAM_MEMBERS, groupColumns, writeBool, writeGroup } from '../common/values'

/**
 * Partij (OAS `Partij`, polymorphic on soortPartij; Open Klant models/partijen.py,
 * api/serializers/partijen.py `PartijSerializer`): a persoon, organisatie or contactpersoon the
 * municipality has a relation with. The subtype data (`partijIdentificatie`) lives in columns of
 * the partij row: contactnaam (persoon, contactpersoon), organisatie_naam, werkte_voor_partij_id.
 */

const ADRESSEN = ['bezoekadres', 'correspondentieadres'] as const
/** `nummer` is deprecated and no longer generated (Open Klant 2.16), but still checked. */
const NUMMER: NumberFields = { table: 'partij', label: 'partij', fields: ['nummer'] }

async function writePartij(
  ctx: ResourceContext,
  body: Json,
  mode: WriteMode,
  existing?: Row,
): Promise<WriteResult> {
  const refs = new ReferenceResolver(ctx)
  const errors: InvalidParam[] = []
  const soort = String(body['soortPartij'] ?? existing?.['soort_partij'])

  errors.push(...(await numberFieldErrors(ctx, NUMMER, body, existing)))
  for (const field of ADRESSEN) {
    const land = (body[field] as Json | null | undefined)?.['land']
    // The OAS only says "2 characters"; Open Klant checks the code (openklant/utils/validators.py).
    if (typeof land === 'string' && land !== '' && !isLandcode(land)) {
      errors.push({ name: `${field}.land`, code: 'invalid', reason: LANDCODE_REASON })
    }
  }
  const identificatie = body['partijIdentificatie'] as Json | undefined
  const werkteVoorPartij = await checkWerkteVoorPartij(ctx, soort, identificatie, refs, errors)
  const digitaleAdressen = await planLinks(ctx, DIGITALE_ADRESSEN, body, mode, refs, errors, existing)
  const rekeningnummers = await planLinks(ctx, REKENINGNUMMERS, body, mode, refs, errors, existing)
  await checkNestedIdentificatoren(body, mode, refs, errors)
  if (refs.errors.length > 0 || errors.length > 0) {
    throw validationError([...refs.errors, ...errors])
  }

  const columns: Row = {
    ...linkColumns(digitaleAdressen),
    ...linkColumns(rekeningnummers),
    ...numberColumns(body, NUMMER),
  }
  for (const [field, column] of [
    ['interneNotitie', 'interne_notitie'],
    ['voorkeurstaal', 'voorkeurstaal'],
    ['soortPartij', 'soort_partij'],
  ] as const) {
    if (field in body) {
      columns[column] = body[field] ?? ''
    }
  }
  if ('indicatieGeheimhouding' in body) {
    columns['indicatie_geheimhouding'] = writeBool(
      ctx.engine,
      body['indicatieGeheimhouding'] as boolean | null,
    )
  }
  if ('indicatieActief' in body) {
    columns['indicatie_actief'] = writeBool(ctx.engine, body['indicatieActief'] as boolean)
  }
  for (const field of ADRESSEN) {
    Object.assign(columns, groupColumns(body, field, ADRES_MEMBERS))
  }
  Object.assign(columns, identificatieColumns(soort, identificatie, werkteVoorPartij, existing))

  return {
    columns,
    afterWrite: async (id) => {
      await applyLinks(ctx, id, digitaleAdressen)
      await applyLinks(ctx, id, rekeningnummers)
      await applyNestedIdentificatoren(ctx, id, body, mode)
    },
  }
}

/**
 * A contactpersoon works for an organisatie (Open Klant `PartijPolymorphicSerializer`,
 * api/validators.py `partij_is_organisatie`). Returns the partij id, null, or undefined when absent.
 */
async function checkWerkteVoorPartij(
  ctx: ResourceContext,
  soort: string,
  identificatie: Json | undefined,
  refs: ReferenceResolver,
  errors: InvalidParam[],
): Promise<number | null | undefined> {
  if (soort !== 'contactpersoon' || !identificatie) {
    return undefined
  }
  const name = 'partijIdentificatie.werkteVoorPartij'
  const id = await refs.resolve(identificatie, 'werkteVoorPartij', 'partij', 'Partij', name)
  if (typeof id === 'number') {
    const werkgever = await ctx.db
      .selectFrom('partij')
      .select('soort_partij')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    if (werkgever['soort_partij'] !== 'organisatie') {
      errors.push({
        name: `${name}.uuid`,
        code: 'invalid',
        reason: "Partij object moet het soort 'organisatie' hebben.",
      })
    }
  }
  return id
}

/**
 * `partijIdentificatie` replaces the subtype data as a whole (Open Klant deletes the Persoon/
 * Organisatie/Contactpersoon row and creates a new one); a change of soortPartij without new data
 * clears the old soort's data too, so it cannot resurface after a later change back.
 */
function identificatieColumns(
  soort: string,
  identificatie: Json | undefined,
  werkteVoorPartij: number | null | undefined,
  existing?: Row,
): Row {
  const soortChanged = existing !== undefined && existing['soort_partij'] !== soort
  if (!identificatie && !soortChanged) {
    return {}
  }
  const data = identificatie ?? {}
  const contactnaam = soort === 'organisatie' ? null : (data['contactnaam'] as Json | null | undefined)
  return {
    ...writeGroup(contactnaam, 'contactnaam', CONTACTNAAM_MEMBERS),
    organisatie_naam: soort === 'organisatie' ? (data['naam'] ?? '') : '',
    werkte_voor_partij_id: soort === 'contactpersoon' ? (werkteVoorPartij ?? null) : null,
  }
}

export const partijen: ResourceDefinition = {
  path: 'partijen',
  table: 'partij',
  schemas: { write: 'Partij', patch: 'PatchedPartij' },
  filters: partijFilters,
  expand: ['betrokkenen', 'betrokkenen.hadKlantcontact', 'categorieRelaties', 'digitaleAdressen'],
  relations: {
    betrokkenen: children('betrokkenen', 'betrokkene', 'partij_id'),
    categorieRelaties: children('categorie-relaties', 'categorie_relatie', 'partij_id'),
    digitaleAdressen: children('digitaleadressen', 'digitaal_adres', 'partij_id'),
  },
  // Open Klant: PartijViewSet queryset `.order_by("-pk")`.
  orderBy: [['id', 'desc']],
  serialize: serializePartijen,
  write: writePartij,
  // The partij's identificatoren go with it (cascade), unless another identificator hangs under one
  // of them: Open Klant protects a subIdentificatorVan (on_delete=PROTECT).
  async beforeDelete(ctx, row) {
    const own = await ctx.db
      .selectFrom('partij_identificator')
      .select('id')
      .where('partij_id', '=', Number(row['id']))
      .execute()
    await assertNotParentOfOthers(
      ctx,
      own.map((r) => Number(r['id'])),
    )
  },
}
