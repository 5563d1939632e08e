import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder } from 'kysely'
import type { Engine } from '../../../lib/db/dialect'

/**
 * Column helpers shared by the migrations. They hide the few places where SQLite and PostgreSQL
 * spell a type differently, so each migration reads as one schema for both engines.
 */
export type Table = CreateTableBuilder<string, string>

export function withId(table: Table, engine: Engine): Table {
  const withPk =
    engine === 'postgres'
      ? table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  // `uuid` is the public identity (OAS: readOnly, server generated); `created_at` is the moment the
  // provider registered the row ("Geregistreerd op" in the VNG case documents), kept for audit and
  // tracing although OAS 0.9.0 has no field for it.
  return withPk
    .addColumn('uuid', engine === 'postgres' ? 'uuid' : 'text', (c) => c.notNull().unique())
    .addColumn('created_at', timestampType(engine), (c) => c.notNull())
    .addColumn('updated_at', timestampType(engine), (c) => c.notNull())
}

export function timestampType(engine: Engine): 'timestamptz' | 'text' {
  return engine === 'postgres' ? 'timestamptz' : 'text'
}

export function dateType(engine: Engine): 'date' | 'text' {
  return engine === 'postgres' ? 'date' : 'text'
}

/** Foreign keys reference the integer pk; `onDelete` mirrors Open Klant's Django `on_delete`. */
export function fk(
  target: string,
  onDelete: 'cascade' | 'set null' | 'restrict',
): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return (c) => c.references(`${target}.id`).onDelete(onDelete)
}

export const textNotNull = (c: ColumnDefinitionBuilder): ColumnDefinitionBuilder => c.notNull().defaultTo('')

/** A gegevensgroep stored as flat columns `<prefix>_<member>`, as Open Klant stores them. */
export function withAdres(table: Table, prefix: string): Table {
  return table
    .addColumn(`${prefix}_nummeraanduiding_id`, 'text', textNotNull)
    .addColumn(`${prefix}_straatnaam`, 'text', textNotNull)
    .addColumn(`${prefix}_huisnummer`, 'integer')
    .addColumn(`${prefix}_huisnummertoevoeging`, 'text', textNotNull)
    .addColumn(`${prefix}_postcode`, 'text', textNotNull)
    .addColumn(`${prefix}_stad`, 'text', textNotNull)
    .addColumn(`${prefix}_adresregel1`, 'text', textNotNull)
    .addColumn(`${prefix}_adresregel2`, 'text', textNotNull)
    .addColumn(`${prefix}_adresregel3`, 'text', textNotNull)
    .addColumn(`${prefix}_land`, 'text', textNotNull)
}

export function withContactnaam(table: Table, prefix: string): Table {
  return table
    .addColumn(`${prefix}_voorletters`, 'text', textNotNull)
    .addColumn(`${prefix}_voornaam`, 'text', textNotNull)
    .addColumn(`${prefix}_voorvoegsel_achternaam`, 'text', textNotNull)
    .addColumn(`${prefix}_achternaam`, 'text', textNotNull)
}

/** objectId/codeObjecttype/codeRegister/codeSoortObjectId, the identificator shape used four times. */
export function withIdentificator(table: Table, prefix: string): Table {
  return table
    .addColumn(`${prefix}_object_id`, 'text', textNotNull)
    .addColumn(`${prefix}_code_objecttype`, 'text', textNotNull)
    .addColumn(`${prefix}_code_register`, 'text', textNotNull)
    .addColumn(`${prefix}_code_soort_object_id`, 'text', textNotNull)
}

export const now = sql`CURRENT_TIMESTAMP`
