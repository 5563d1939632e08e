import type { Row } from '../../../lib/db/database'
import type { InvalidParam } from '../../../lib/http/problem'
import type { Json, ResourceContext } from '../common/context'
import type { WriteMode } from '../common/definition'
import { clearOtherStandaard } from './digitaleadressen'
import type { ReferenceResolver } from '../common/references'
import { readBool } from '../common/values'

/**
 * A partij's writable reverse lists `digitaleAdressen` and `rekeningnummers` and its preferred one of
 * each (Open Klant api/serializers/partijen.py `PartijSerializer.create`/`update`): the listed rows
 * get this partij (taking them from another partij), rows no longer listed lose it, and the
 * voorkeurs… reference must point at a row of this partij after the write.
 *
 * Open Klant leaves a voorkeurs… reference behind when its row is unlinked; this provider clears
 * it, so a partij never prefers an adres or rekeningnummer it does not have.
 */
export interface LinkSpec {
  field: 'digitaleAdressen' | 'rekeningnummers'
  table: 'digitaal_adres' | 'rekeningnummer'
  label: string
  voorkeursField: string
  voorkeursColumn: string
  notLinked: string
  emptyList: string
}

export const DIGITALE_ADRESSEN: LinkSpec = {
  field: 'digitaleAdressen',
  table: 'digitaal_adres',
  label: 'DigitaalAdres',
  voorkeursField: 'voorkeursDigitaalAdres',
  voorkeursColumn: 'voorkeurs_digitaal_adres_id',
  notLinked: 'Het voorkeurs adres moet een gelinkte digitaal adres zijn.',
  emptyList: 'voorkeursDigitaalAdres mag niet meegegeven worden als digitaleAdressen leeg is.',
}

export const REKENINGNUMMERS: LinkSpec = {
  field: 'rekeningnummers',
  table: 'rekeningnummer',
  label: 'Rekeningnummer',
  voorkeursField: 'voorkeursRekeningnummer',
  voorkeursColumn: 'voorkeurs_rekeningnummer_id',
  notLinked: 'Het voorkeurs rekeningnummer moet een gelinkte rekeningnummer zijn.',
  emptyList: 'voorkeursRekeningnummer mag niet meegegeven worden als rekeningnummers leeg is.',
}

export interface LinkPlan {
  spec: LinkSpec
  /** The new list when the body has one (`null` counts as empty); absent: links stay as they are. */
  listed?: number[]
  /** New value of the voorkeurs… column; absent: unchanged. */
  voorkeurs?: number | null
}

/** Resolves the references and checks the voorkeurs… rule; errors go into `errors`/`refs`. */
export async function planLinks(
  ctx: ResourceContext,
  spec: LinkSpec,
  body: Json,
  mode: WriteMode,
  refs: ReferenceResolver,
  errors: InvalidParam[],
  existing?: Row,
): Promise<LinkPlan> {
  const plan: LinkPlan = { spec }
  if (spec.field in body) {
    const value = body[spec.field]
    const listed: number[] = []
    for (const [i, item] of (Array.isArray(value) ? value : []).entries()) {
      const id = await refs.resolveValue(item, spec.table, spec.label, `${spec.field}.${i}`)
      if (id !== undefined) {
        listed.push(id)
      }
    }
    plan.listed = listed
  }
  const linked =
    plan.listed ??
    (existing
      ? (
          await ctx.db
            .selectFrom(spec.table)
            .select('id')
            .where('partij_id', '=', Number(existing['id']))
            .execute()
        ).map((r) => Number(r['id']))
      : [])

  if (spec.voorkeursField in body) {
    const voorkeurs = await refs.resolve(body, spec.voorkeursField, spec.table, spec.label)
    if (typeof voorkeurs === 'number') {
      const reason =
        mode === 'update' && plan.listed?.length === 0
          ? spec.emptyList
          : linked.includes(voorkeurs)
            ? null
            : spec.notLinked
      if (reason) {
        errors.push({ name: spec.voorkeursField, code: 'invalid', reason })
      }
    }
    if (voorkeurs !== undefined) {
      plan.voorkeurs = voorkeurs
    }
  } else {
    const current = existing?.[spec.voorkeursColumn]
    if (plan.listed && current !== null && current !== undefined && !plan.listed.includes(Number(current))) {
      plan.voorkeurs = null
    }
  }
  return plan
}

export function linkColumns(plan: LinkPlan): Row {
  return plan.voorkeurs === undefined ? {} : { [plan.spec.voorkeursColumn]: plan.voorkeurs }
}

/** Runs after the partij row is written, in the same transaction. */
export async function applyLinks(ctx: ResourceContext, partijId: number, plan: LinkPlan): Promise<void> {
  const { spec, listed } = plan
  if (listed === undefined) {
    return
  }
  let unlink = ctx.db.updateTable(spec.table).set({ partij_id: null }).where('partij_id', '=', partijId)
  if (listed.length > 0) {
    unlink = unlink.where('id', 'not in', listed)
  }
  await unlink.execute()
  if (listed.length === 0) {
    return
  }
  // Rows taken from another partij can no longer be that partij's voorkeur.
  await ctx.db
    .updateTable('partij')
    .set({ [spec.voorkeursColumn]: null })
    .where(spec.voorkeursColumn, 'in', listed)
    .where('id', '!=', partijId)
    .execute()
  await ctx.db.updateTable(spec.table).set({ partij_id: partijId }).where('id', 'in', listed).execute()
  if (spec.table === 'digitaal_adres') {
    await keepOneStandaard(ctx, partijId, listed)
  }
}

/**
 * Open Klant links each adres with `DigitaalAdres.save()`, which clears the other standaard
 * adressen of the same soort: of the listed standaard adressen, the last of each soort wins.
 */
async function keepOneStandaard(ctx: ResourceContext, partijId: number, listed: number[]): Promise<void> {
  const rows = await ctx.db
    .selectFrom('digitaal_adres')
    .select(['id', 'soort_digitaal_adres', 'is_standaard_adres'])
    .where('id', 'in', listed)
    .execute()
  const winners = new Map<string, number>()
  const standaard = new Set(rows.filter((r) => readBool(r['is_standaard_adres'])).map((r) => Number(r['id'])))
  const soortOf = new Map(rows.map((r) => [Number(r['id']), String(r['soort_digitaal_adres'])]))
  for (const id of listed) {
    if (standaard.has(id)) {
      winners.set(soortOf.get(id)!, id)
    }
  }
  for (const [soort, id] of winners) {
    await clearOtherStandaard(ctx, partijId, soort, id)
  }
}
