import type { Row } from '../../../lib/db/database'
import { validationError, type InvalidParam } from '../../../lib/http/problem'
import { EMAIL_REASON, isValidEmail } from '../../validation/email'
import { isValidPhoneNumber, PHONE_REASON } from '../../validation/phone'
import type { Json, ResourceContext } from '../common/context'
import type { ResourceDefinition, WriteMode, WriteResult } from '../common/definition'
import { digitaalAdresFilters } from './digitaal-adres-filters'
import { fkRef, ReferenceResolver, ref, referencedUuids } from '../common/references'
import { parent } from '../common/relations'
import { readBool, readDate, readText, writeBool } from '../common/values'

/**
 * DigitaalAdres (OAS `DigitaalAdres`; Open Klant models/digitaal_adres.py, api/serializers/
 * digitaal_adres.py): an e-mail address, phone number or other address, given by a partij for
 * future contact or by a betrokkene for the follow-up of one klantcontact.
 */
export async function serializeDigitaleAdressen(ctx: ResourceContext, rows: Row[]): Promise<Json[]> {
  const [betrokkenen, partijen] = await Promise.all([
    referencedUuids(ctx, 'betrokkene', rows, 'betrokkene_id'),
    referencedUuids(ctx, 'partij', rows, 'partij_id'),
  ])
  return rows.map((row) => ({
    uuid: row['uuid'],
    url: ref(ctx, 'digitaleadressen', row['uuid']).url,
    verstrektDoorBetrokkene: fkRef(ctx, 'betrokkenen', betrokkenen, row['betrokkene_id']),
    verstrektDoorPartij: fkRef(ctx, 'partijen', partijen, row['partij_id']),
    adres: readText(row['adres']),
    soortDigitaalAdres: row['soort_digitaal_adres'],
    isStandaardAdres: readBool(row['is_standaard_adres']),
    omschrijving: readText(row['omschrijving']),
    referentie: readText(row['referentie']),
    verificatieDatum: readDate(row['verificatie_datum']),
  }))
}

/**
 * `adres` must suit its soort (Open Klant `SoortDigitaalAdresValidator`): a phone number by the
 * rule in validation/phone.ts, an e-mail address as Django's EmailValidator; `overig` is free.
 * Open Klant checks only when `adres` is sent; a PATCH of `soortDigitaalAdres` alone would leave a
 * mismatching adres behind, so this provider checks whenever either changes.
 */
function adresError(soort: unknown, adres: unknown): InvalidParam | null {
  if (typeof adres !== 'string') {
    return null
  }
  if (soort === 'telefoonnummer' && !isValidPhoneNumber(adres)) {
    return { name: 'adres', code: 'invalid', reason: PHONE_REASON }
  }
  if (soort === 'email' && !isValidEmail(adres)) {
    return { name: 'adres', code: 'invalid', reason: EMAIL_REASON }
  }
  return null
}

/**
 * One standaard adres per partij and soort: marking one clears the others (Open Klant
 * `DigitaalAdres.save`; the OAS `isStandaardAdres` description says the same).
 */
export async function clearOtherStandaard(
  ctx: ResourceContext,
  partijId: number,
  soort: string,
  keepId: number,
): Promise<void> {
  await ctx.db
    .updateTable('digitaal_adres')
    .set({ is_standaard_adres: writeBool(ctx.engine, false) })
    .where('partij_id', '=', partijId)
    .where('soort_digitaal_adres', '=', soort)
    .where('id', '!=', keepId)
    .execute()
}

async function writeDigitaalAdres(
  ctx: ResourceContext,
  body: Json,
  mode: WriteMode,
  existing?: Row,
): Promise<WriteResult> {
  const refs = new ReferenceResolver(ctx)
  const betrokkeneId = await refs.resolve(body, 'verstrektDoorBetrokkene', 'betrokkene', 'Betrokkene')
  const partijId = await refs.resolve(body, 'verstrektDoorPartij', 'partij', 'Partij')
  const errors: InvalidParam[] = [...refs.errors]

  const current = <T>(field: string, column: string, read: (v: unknown) => T): T =>
    field in body ? (body[field] as T) : read(existing?.[column])
  const soort = current('soortDigitaalAdres', 'soort_digitaal_adres', (v) => v)
  const adres = current('adres', 'adres', readText)
  const standaard = current('isStandaardAdres', 'is_standaard_adres', readBool) === true
  const referentie = current('referentie', 'referentie', readText)
  const effectivePartij = partijId !== undefined ? partijId : nullableId(existing?.['partij_id'])

  if ('adres' in body || 'soortDigitaalAdres' in body) {
    const problem = adresError(soort, adres)
    if (problem) {
      errors.push(problem)
    }
  }
  if (
    standaard &&
    effectivePartij === null &&
    !refs.errors.some((e) => e.name.startsWith('verstrektDoorPartij'))
  ) {
    errors.push({
      name: 'isStandaardAdres',
      code: 'invalid',
      reason: '`is_standaard_adres` kan alleen gezet worden als `verstrekt_door_partij` niet leeg is.',
    })
  }
  // Open Klant's model constraint `unique_referentie_per_partij_and_soort`: a referentie identifies
  // one adres of its soort within the partij.
  if (
    referentie !== '' &&
    effectivePartij !== null &&
    ('referentie' in body || partijId !== undefined || 'soortDigitaalAdres' in body)
  ) {
    const taken = await ctx.db
      .selectFrom('digitaal_adres')
      .select('id')
      .where('partij_id', '=', effectivePartij)
      .where('soort_digitaal_adres', '=', String(soort))
      .where('referentie', '=', referentie)
      .where('id', '!=', Number(existing?.['id'] ?? 0))
      .executeTakeFirst()
    if (taken) {
      errors.push({
        name: 'referentie',
        code: 'unique',
        reason:
          'Er bestaat al een digitaal adres met deze referentie voor deze partij en dit soort digitaal adres.',
      })
    }
  }
  if (errors.length > 0) {
    throw validationError(errors)
  }

  const columns: Row = {}
  if (betrokkeneId !== undefined) {
    columns['betrokkene_id'] = betrokkeneId
  }
  if (partijId !== undefined) {
    columns['partij_id'] = partijId
  }
  for (const [field, column] of [
    ['adres', 'adres'],
    ['soortDigitaalAdres', 'soort_digitaal_adres'],
    ['omschrijving', 'omschrijving'],
    ['referentie', 'referentie'],
  ] as const) {
    if (field in body) {
      columns[column] = body[field] ?? ''
    }
  }
  if ('isStandaardAdres' in body || mode === 'create') {
    columns['is_standaard_adres'] = writeBool(ctx.engine, standaard)
  }
  if ('verificatieDatum' in body) {
    columns['verificatie_datum'] = body['verificatieDatum'] ?? null
  }
  return {
    columns,
    afterWrite: async (id) => {
      if (standaard && effectivePartij !== null) {
        await clearOtherStandaard(ctx, effectivePartij, String(soort), id)
      }
      if (partijId !== undefined) {
        // A partij may prefer only an adres of its own (see partij-links.ts).
        let stale = ctx.db
          .updateTable('partij')
          .set({ voorkeurs_digitaal_adres_id: null })
          .where('voorkeurs_digitaal_adres_id', '=', id)
        if (partijId !== null) {
          stale = stale.where('id', '!=', partijId)
        }
        await stale.execute()
      }
    },
  }
}

function nullableId(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value)
}

export const digitaleAdressen: ResourceDefinition = {
  path: 'digitaleadressen',
  table: 'digitaal_adres',
  schemas: { write: 'DigitaalAdres', patch: 'PatchedDigitaalAdres' },
  filters: digitaalAdresFilters,
  expand: [
    'verstrektDoorBetrokkene',
    'verstrektDoorBetrokkene.hadKlantcontact',
    'verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken',
  ],
  relations: {
    // A digitaal adres without betrokkene expands to null (Open Klant #400 returned a 500 here).
    verstrektDoorBetrokkene: parent('betrokkenen', 'betrokkene', 'betrokkene_id'),
  },
  // Open Klant: DigitaalAdresViewSet queryset `.order_by("-pk")`.
  orderBy: [['id', 'desc']],
  serialize: serializeDigitaleAdressen,
  write: writeDigitaalAdres,
}
