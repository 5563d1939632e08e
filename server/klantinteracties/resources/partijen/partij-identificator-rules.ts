import { sql } from 'kysely'
import type { InvalidParam } from '../../../lib/http/problem'
import { identifierProblem, type CodeSoortObjectId } from '../../validation/identificatienummers'
import type { ResourceContext } from '../common/context'

/**
 * The rules Open Klant 2.18 puts on a partij-identificator, in its order:
 *
 * 1. the serializer's `validate` (openklant/components/klantinteracties/api/serializers/partijen.py
 *    `PartijIdentificatorSerializer.validate`): the register → objecttype → soort object ID
 *    hierarchy and the objectId format (models/validators.py `PartijIdentificatorTypesValidator`,
 *    which stops at the first failure), then `PartijIdentificatorUniquenessValidator`: a
 *    codeSoortObjectId may not change while other identificatoren are sub-identificator of this
 *    one, and a vestigingsnummer needs a `subIdentificatorVan` that is a kvk_nummer;
 * 2. the model's `full_clean` on save (models/partijen.py `PartijIdentificator`): not its own
 *    sub-identificator, and the three unique constraints — one identificator per codeSoortObjectId
 *    per partij, and the four values globally unique among identificatoren without a
 *    subIdentificatorVan, or among those under the same subIdentificatorVan.
 *
 * Errors are named as Open Klant names them (`partijIdentificatorCodeObjecttype`, the model field,
 * for the hierarchy; `subIdentificatorVan`; object-level errors, which Open Klant reports under
 * Django's `__all__`, as `nonFieldErrors` like every other object-level error of this API).
 * The caller prefixes the names for identificatoren nested in a partij.
 */
export interface IdentificatorGroep {
  codeObjecttype: string
  codeSoortObjectId: string
  objectId: string
  codeRegister: string
}

export interface IdentificatorState {
  /** The row being updated; absent on create. */
  id?: number
  /** codeSoortObjectId before this write (update only). */
  previousSoort?: string
  partijId: number | null
  subIdentificatorVanId: number | null
  groep: IdentificatorGroep
}

const OBJECTTYPES_PER_REGISTER: Record<string, readonly string[]> = {
  brp: ['natuurlijk_persoon'],
  hr: ['vestiging', 'niet_natuurlijk_persoon'],
}

const SOORTEN_PER_OBJECTTYPE: Record<string, readonly string[]> = {
  natuurlijk_persoon: ['bsn'],
  vestiging: ['vestigingsnummer'],
  niet_natuurlijk_persoon: ['rsin', 'kvk_nummer'],
}

/** The soorten whose objectId has a format (validation/identificatienummers.ts). */
const SOORTEN_BY_ID: Record<CodeSoortObjectId, true> = {
  bsn: true,
  rsin: true,
  kvk_nummer: true,
  vestigingsnummer: true,
}

const NOT_UNIQUE = '`PartijIdentificator` moet uniek zijn, er bestaat er al een met deze gegevenscombinatie.'

/** Python's repr of a list of strings, as Open Klant formats the allowed choices. */
const pyList = (values: readonly string[]): string => `[${values.map((v) => `'${v}'`).join(', ')}]`

/** Step 1a: the hierarchy and the objectId format; the first failure only. */
export function typeError(groep: IdentificatorGroep): InvalidParam | null {
  const { codeRegister, codeObjecttype, codeSoortObjectId, objectId } = groep
  const objecttypes = OBJECTTYPES_PER_REGISTER[codeRegister]
  if (codeObjecttype && objecttypes && !objecttypes.includes(codeObjecttype)) {
    return {
      name: 'partijIdentificatorCodeObjecttype',
      code: 'invalid',
      reason: `voor \`codeRegister\` ${codeRegister} zijn alleen deze waarden toegestaan: ${pyList(objecttypes)}`,
    }
  }
  const soorten = SOORTEN_PER_OBJECTTYPE[codeObjecttype] ?? []
  if (codeSoortObjectId && codeObjecttype && !soorten.includes(codeSoortObjectId)) {
    return {
      name: 'partijIdentificatorCodeSoortObjectId',
      code: 'invalid',
      reason: `voor \`codeObjecttype\` ${codeObjecttype} zijn alleen deze waarden toegestaan: ${pyList(soorten)}`,
    }
  }
  if (objectId && codeSoortObjectId in SOORTEN_BY_ID) {
    const problem = identifierProblem(codeSoortObjectId as CodeSoortObjectId, objectId)
    if (problem !== null) {
      return {
        name: 'partijIdentificatorObjectId',
        code: 'invalid',
        reason: `Deze waarde is ongeldig, reden: ${problem}`,
      }
    }
  }
  return null
}

/** Every rule, staged as Open Klant stages them: serializer errors first, model errors after. */
export async function identificatorErrors(
  ctx: ResourceContext,
  state: IdentificatorState,
): Promise<InvalidParam[]> {
  const first = typeError(state.groep)
  if (first) {
    return [first]
  }
  const serializerErrors = await hierarchyErrors(ctx, state)
  if (serializerErrors.length > 0) {
    return serializerErrors
  }
  return modelErrors(ctx, state)
}

/** Step 1b (`PartijIdentificatorUniquenessValidator`); stops at the first failure, as it raises. */
async function hierarchyErrors(ctx: ResourceContext, state: IdentificatorState): Promise<InvalidParam[]> {
  const soort = state.groep.codeSoortObjectId
  if (state.id !== undefined && state.previousSoort !== undefined && state.previousSoort !== soort) {
    const child = await ctx.db
      .selectFrom('partij_identificator')
      .select('id')
      .where('sub_identificator_van_id', '=', state.id)
      .executeTakeFirst()
    if (child) {
      return [
        {
          name: 'partijIdentificatorCodeSoortObjectId',
          code: 'invalid',
          reason:
            'Het is niet mogelijk om de codeSoortObjectId van deze PartijIdentificator te wijzigen, ' +
            'omdat er andere PartijIdentificatoren aan gekoppeld zijn.',
        },
      ]
    }
  }
  if (soort === 'vestigingsnummer') {
    if (state.subIdentificatorVanId === null) {
      return [
        {
          name: 'subIdentificatorVan',
          code: 'invalid',
          reason:
            'Voor een PartijIdentificator met codeSoortObjectId = `vestigingsnummer` is het verplicht om' +
            ' een `sub_identifier_van` met codeSoortObjectId = `kvk_nummer` te kiezen.',
        },
      ]
    }
    const parent = await ctx.db
      .selectFrom('partij_identificator')
      .select('partij_identificator_code_soort_object_id as soort')
      .where('id', '=', state.subIdentificatorVanId)
      .executeTakeFirst()
    if (parent?.['soort'] !== 'kvk_nummer') {
      return [
        {
          name: 'subIdentificatorVan',
          code: 'invalid',
          reason:
            'Het is alleen mogelijk om een subIdentifierVan te selecteren met codeSoortObjectId = `kvk_nummer`.',
        },
      ]
    }
  }
  return []
}

/** Step 2 (`full_clean`): all model errors together. */
async function modelErrors(ctx: ResourceContext, state: IdentificatorState): Promise<InvalidParam[]> {
  const errors: InvalidParam[] = []
  if (state.id !== undefined && state.subIdentificatorVanId === state.id) {
    errors.push({
      name: 'subIdentificatorVan',
      code: 'invalid',
      reason: 'Een `Partijidentificator` kan geen `subIdentificatorVan` zijn van zichzelf.',
    })
  }
  // Row ids start at 1, so 0 excludes nothing on create.
  const others = () => ctx.db.selectFrom('partij_identificator').where('id', '!=', state.id ?? 0)
  const { groep } = state
  if (state.partijId !== null) {
    const sameSoort = await others()
      .select(sql<number>`1`.as('one'))
      .where('partij_id', '=', state.partijId)
      .where('partij_identificator_code_soort_object_id', '=', groep.codeSoortObjectId)
      .executeTakeFirst()
    if (sameSoort) {
      errors.push({
        name: 'nonFieldErrors',
        code: 'unique_together',
        reason: 'Partij identificator met deze Partij en Soort object ID bestaat al.',
      })
    }
  }
  const sameValues = await others()
    .select(sql<number>`1`.as('one'))
    .where('partij_identificator_code_objecttype', '=', groep.codeObjecttype)
    .where('partij_identificator_code_soort_object_id', '=', groep.codeSoortObjectId)
    .where('partij_identificator_object_id', '=', groep.objectId)
    .where('partij_identificator_code_register', '=', groep.codeRegister)
    .where(
      'sub_identificator_van_id',
      state.subIdentificatorVanId === null ? 'is' : '=',
      state.subIdentificatorVanId,
    )
    .executeTakeFirst()
  if (sameValues) {
    errors.push({ name: 'nonFieldErrors', code: 'invalid', reason: NOT_UNIQUE })
  }
  return errors
}
