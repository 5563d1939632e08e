import type { Kysely } from 'kysely'
import type { Engine } from '../../../lib/db/dialect'
import {
  dateType,
  fk,
  textNotNull,
  timestampType,
  withAdres,
  withContactnaam,
  withId,
  withIdentificator,
} from './columns'

/**
 * The Klantinteracties register as Open Klant 2.18 models it (openklant/components/klantinteracties
 * /models). Column names are the OAS field names in snake_case; gegevensgroepen are flat columns;
 * `on delete` follows Open Klant so DELETE cascades the same way. Booleans are `boolean` on both
 * engines (SQLite stores them as 0/1, the repositories convert).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const ts = timestampType(engine)
  const date = dateType(engine)

  await withId(db.schema.createTable('klantcontact'), engine)
    .addColumn('nummer', 'text', (c) => c.unique())
    .addColumn('referentienummer', 'text', (c) => c.unique())
    .addColumn('kanaal', 'text', (c) => c.notNull())
    .addColumn('onderwerp', 'text', (c) => c.notNull())
    .addColumn('inhoud', 'text', textNotNull)
    .addColumn('reactie', 'text', textNotNull)
    .addColumn('indicatie_contact_gelukt', 'boolean')
    .addColumn('hoofd_onderwerp_type', 'text', textNotNull)
    .addColumn('verdere_actie_ondernomen', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('taal', 'text', (c) => c.notNull())
    .addColumn('vertrouwelijk', 'boolean', (c) => c.notNull())
    .addColumn('plaatsgevonden_op', ts, (c) => c.notNull())
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute()
  await db.schema
    .createIndex('klantcontact_order')
    .on('klantcontact')
    .columns(['plaatsgevonden_op', 'id'])
    .execute()

  await withId(db.schema.createTable('partij'), engine)
    .addColumn('nummer', 'text', (c) => c.unique())
    .addColumn('soort_partij', 'text', (c) => c.notNull())
    .addColumn('interne_notitie', 'text', textNotNull)
    .addColumn('indicatie_geheimhouding', 'boolean')
    .addColumn('voorkeurstaal', 'text', textNotNull)
    .addColumn('indicatie_actief', 'boolean', (c) => c.notNull())
    .$call((t) => withAdres(t, 'bezoekadres'))
    .$call((t) => withAdres(t, 'correspondentieadres'))
    // partijIdentificatie: persoon and contactpersoon have a contactnaam, organisatie a naam,
    // contactpersoon also the partij it worked for.
    .$call((t) => withContactnaam(t, 'contactnaam'))
    .addColumn('organisatie_naam', 'text', textNotNull)
    .addColumn('werkte_voor_partij_id', 'integer', fk('partij', 'set null'))
    .execute()

  await withId(db.schema.createTable('betrokkene'), engine)
    .addColumn('klantcontact_id', 'integer', (c) => fk('klantcontact', 'cascade')(c).notNull())
    .addColumn('partij_id', 'integer', fk('partij', 'set null'))
    .$call((t) => withAdres(t, 'bezoekadres'))
    .$call((t) => withAdres(t, 'correspondentieadres'))
    .$call((t) => withContactnaam(t, 'contactnaam'))
    .addColumn('rol', 'text', (c) => c.notNull())
    .addColumn('organisatienaam', 'text', textNotNull)
    .addColumn('initiator', 'boolean', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('betrokkene_klantcontact').on('betrokkene').column('klantcontact_id').execute()
  await db.schema.createIndex('betrokkene_partij').on('betrokkene').column('partij_id').execute()

  await withId(db.schema.createTable('actor'), engine)
    .addColumn('naam', 'text', (c) => c.notNull())
    .addColumn('soort_actor', 'text', (c) => c.notNull())
    .addColumn('indicatie_actief', 'boolean', (c) => c.notNull().defaultTo(true))
    .$call((t) => withIdentificator(t, 'actoridentificator'))
    // actorIdentificatie differs per soortActor (medewerker, organisatorische_eenheid,
    // geautomatiseerde_actor); nothing filters on it, so one JSON document holds it.
    .addColumn('actor_identificatie', 'text')
    .execute()
  await db.schema
    .createIndex('actor_identificator')
    .on('actor')
    .column('actoridentificator_object_id')
    .execute()

  await withId(db.schema.createTable('actorklantcontact'), engine)
    .addColumn('actor_id', 'integer', (c) => fk('actor', 'cascade')(c).notNull())
    .addColumn('klantcontact_id', 'integer', (c) => fk('klantcontact', 'cascade')(c).notNull())
    .addUniqueConstraint('actorklantcontact_unique', ['actor_id', 'klantcontact_id'])
    .execute()
  await db.schema
    .createIndex('actorklantcontact_klantcontact')
    .on('actorklantcontact')
    .column('klantcontact_id')
    .execute()

  await withId(db.schema.createTable('interne_taak'), engine)
    .addColumn('nummer', 'text', (c) => c.unique())
    .addColumn('referentienummer', 'text', (c) => c.unique())
    .addColumn('gevraagde_handeling', 'text', (c) => c.notNull())
    .addColumn('klantcontact_id', 'integer', (c) => fk('klantcontact', 'cascade')(c).notNull())
    .addColumn('toelichting', 'text', textNotNull)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('toegewezen_op', ts, (c) => c.notNull())
    .addColumn('afgehandeld_op', ts)
    .execute()
  await db.schema
    .createIndex('interne_taak_klantcontact')
    .on('interne_taak')
    .column('klantcontact_id')
    .execute()

  await db.schema
    .createTable('interne_taak_actor')
    .addColumn('interne_taak_id', 'integer', (c) => fk('interne_taak', 'cascade')(c).notNull())
    .addColumn('actor_id', 'integer', (c) => fk('actor', 'cascade')(c).notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('interne_taak_actor_pk', ['interne_taak_id', 'actor_id'])
    .execute()

  await withId(db.schema.createTable('onderwerpobject'), engine)
    .addColumn('klantcontact_id', 'integer', fk('klantcontact', 'cascade'))
    .addColumn('was_klantcontact_id', 'integer', fk('klantcontact', 'cascade'))
    .$call((t) => withIdentificator(t, 'onderwerpobjectidentificator'))
    .execute()

  await withId(db.schema.createTable('bijlage'), engine)
    .addColumn('klantcontact_id', 'integer', fk('klantcontact', 'cascade'))
    .$call((t) => withIdentificator(t, 'bijlageidentificator'))
    .execute()

  await withId(db.schema.createTable('digitaal_adres'), engine)
    .addColumn('betrokkene_id', 'integer', fk('betrokkene', 'set null'))
    .addColumn('partij_id', 'integer', fk('partij', 'cascade'))
    .addColumn('adres', 'text', (c) => c.notNull())
    .addColumn('soort_digitaal_adres', 'text', (c) => c.notNull())
    .addColumn('is_standaard_adres', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('omschrijving', 'text', textNotNull)
    .addColumn('referentie', 'text', textNotNull)
    .addColumn('verificatie_datum', date)
    .execute()
  await db.schema.createIndex('digitaal_adres_adres').on('digitaal_adres').column('adres').execute()

  await withId(db.schema.createTable('rekeningnummer'), engine)
    .addColumn('partij_id', 'integer', fk('partij', 'cascade'))
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('bic', 'text', textNotNull)
    .execute()

  // Partij's preferred digitaal adres and rekeningnummer point at tables created after it.
  await db.schema
    .alterTable('partij')
    .addColumn('voorkeurs_digitaal_adres_id', 'integer', fk('digitaal_adres', 'set null'))
    .execute()
  await db.schema
    .alterTable('partij')
    .addColumn('voorkeurs_rekeningnummer_id', 'integer', fk('rekeningnummer', 'set null'))
    .execute()

  await withId(db.schema.createTable('partij_identificator'), engine)
    .addColumn('partij_id', 'integer', fk('partij', 'cascade'))
    .addColumn('andere_partij_identificator', 'text', textNotNull)
    .$call((t) => withIdentificator(t, 'partij_identificator'))
    .addColumn('sub_identificator_van_id', 'integer', fk('partij_identificator', 'cascade'))
    .execute()

  await withId(db.schema.createTable('vertegenwoordiging'), engine)
    .addColumn('vertegenwoordigende_partij_id', 'integer', (c) => fk('partij', 'cascade')(c).notNull())
    .addColumn('vertegenwoordigde_partij_id', 'integer', (c) => fk('partij', 'cascade')(c).notNull())
    .execute()

  await withId(db.schema.createTable('categorie'), engine).addColumn('naam', 'text', textNotNull).execute()

  await withId(db.schema.createTable('categorie_relatie'), engine)
    .addColumn('partij_id', 'integer', fk('partij', 'cascade'))
    .addColumn('categorie_id', 'integer', fk('categorie', 'cascade'))
    .addColumn('begin_datum', date)
    .addColumn('eind_datum', date)
    .execute()

  // Counters behind generated klantcontactnummers: one row per scope (e.g. "klantcontact:26"),
  // incremented with an upsert inside the inserting transaction, never max()+1.
  await db.schema
    .createTable('nummer_counter')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute()
}
