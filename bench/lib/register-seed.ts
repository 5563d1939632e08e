import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { ensureSchema, openStorage, type Db } from '../../server/lib/db/database'
import type { Engine } from '../../server/lib/db/dialect'
import { migrateToLatest } from '../../server/klantinteracties/db/migrate'
import { insertAll, type Values } from './register-insert'
import {
  AFDELING_NAMEN,
  AFDELINGEN,
  callersNumbersGiven,
  contactFacts,
  interneTaken,
  isActief,
  MEDEWERKERS,
  mobielnummer,
  naamOf,
  NummerSequence,
  partijOfContact,
  plaatsgevondenOp,
  SALT,
  seededUuid,
  storedSpelling,
  taakFacts,
  type RegisterSize,
} from './register-seed-data'

/**
 * Fills a fresh provider database with the big register of register-seed-data.ts, directly through
 * the provider's own storage layer (openStorage, its migrations, Kysely): over HTTP a million
 * klantcontacten would take hours and measure nothing the figures need. Every index the migrations
 * make is in place while loading, so the database is the one production would have.
 *
 * Transactions of 50,000 rows: on SQLite multi-row inserts (as many rows per statement as its
 * parameter limit allows), on PostgreSQL one `unnest` insert each (register-insert.ts). Rows carry
 * explicit ids (row i of a table has id i), so the foreign keys are known without reading anything
 * back; on PostgreSQL the identity columns are then moved past them, or the provider's next insert
 * would collide.
 */
export interface SeedLocation {
  sqliteFile: string
  databaseUrl?: string | undefined
  schema?: string | undefined
}

export interface SeedResult {
  engine: Engine
  seconds: number
  rows: Record<string, number>
}

export type SeedProgress = (message: string) => void

export async function seedRegister(
  location: SeedLocation,
  size: RegisterSize,
  progress: SeedProgress,
): Promise<SeedResult> {
  const started = performance.now()
  const storage = openStorage({
    databaseUrl: location.databaseUrl,
    schema: location.schema,
    sqliteFile: location.sqliteFile,
  })
  const { db, engine } = storage
  const bool = (b: boolean): boolean | number => (engine === 'sqlite' ? (b ? 1 : 0) : b)
  const rows: Record<string, number> = {}
  /** Rows `first` … `first + count - 1`, each given its index. */
  const load = async (table: string, count: number, row: (i: number) => Values, first = 1): Promise<void> => {
    const loadStarted = performance.now()
    await insertAll(db, engine, table, first, first + count - 1, row)
    rows[table] = (rows[table] ?? 0) + count
    progress(`${table}: ${count.toLocaleString('en-US')} rows in ${secondsSince(loadStarted)} s`)
  }
  try {
    await ensureSchema(storage, location.schema)
    await migrateToLatest(db as never, engine, location.schema)
    if (engine === 'sqlite') {
      // A larger page cache for this connection only, while it loads: the uuid indexes are
      // written in random order. The provider never sees this setting.
      await sql`pragma cache_size = -262144`.execute(db)
    }
    const registered = '2026-12-01T06:00:00.000Z'

    await load('actor', MEDEWERKERS + AFDELINGEN, (i) => {
      const medewerker = i <= MEDEWERKERS
      const naam = medewerker
        ? `Medewerker ${String(i).padStart(3, '0')}`
        : AFDELING_NAMEN[i - MEDEWERKERS - 1]!
      const objectId = medewerker ? `medewerker${i}@gemeente.example` : `afdeling-${i - MEDEWERKERS}`
      return {
        id: i,
        uuid: seededUuid(SALT.actor, i),
        created_at: registered,
        updated_at: registered,
        naam,
        soort_actor: medewerker ? 'medewerker' : 'organisatorische_eenheid',
        indicatie_actief: bool(true),
        actoridentificator_object_id: objectId,
        actoridentificator_code_objecttype: medewerker ? 'mdw' : 'afd',
        actoridentificator_code_register: medewerker ? 'msei' : 'obj',
        actoridentificator_code_soort_object_id: medewerker ? 'email' : 'idf',
        actor_identificatie: JSON.stringify(
          medewerker
            ? { functie: 'KCC-medewerker', emailadres: objectId, telefoonnummer: '' }
            : { omschrijving: naam, emailadres: '', telefoonnummer: '' },
        ),
      }
    })

    await load('partij', size.partijen, (p) => {
      const naam = naamOf(p)
      return {
        id: p,
        uuid: seededUuid(SALT.partij, p),
        created_at: registered,
        updated_at: registered,
        soort_partij: 'persoon',
        indicatie_geheimhouding: bool(false),
        voorkeurstaal: 'nld',
        indicatie_actief: bool(isActief(p)),
        contactnaam_voorletters: naam.voorletters,
        contactnaam_voornaam: naam.voornaam,
        contactnaam_voorvoegsel_achternaam: naam.voorvoegsel,
        contactnaam_achternaam: naam.achternaam,
      }
    })

    // A mobile number for every partij (ids 1 … P), an e-mail address for every other (P+1 …).
    const emails = Math.floor(size.partijen / 2)
    await load('digitaal_adres', size.partijen + emails, (i) => {
      const telefoon = i <= size.partijen
      const p = telefoon ? i : (i - size.partijen) * 2
      const naam = naamOf(p)
      return {
        id: i,
        uuid: seededUuid(SALT.digitaalAdres, i),
        created_at: registered,
        updated_at: registered,
        partij_id: p,
        adres: telefoon
          ? storedSpelling(p)
          : `${naam.voornaam}.${naam.achternaam}.${p}@example.nl`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
        soort_digitaal_adres: telefoon ? 'telefoonnummer' : 'email',
        is_standaard_adres: bool(telefoon),
        omschrijving: telefoon ? 'Mobiel' : 'Privé',
      }
    })

    const nummers = new NummerSequence()
    await load('klantcontact', size.klantcontacten, (k) => {
      const at = plaatsgevondenOp(size, k)
      const facts = contactFacts(k)
      return {
        id: k,
        uuid: seededUuid(SALT.klantcontact, k),
        created_at: at,
        updated_at: at,
        nummer: nummers.next(at),
        kanaal: facts.kanaal,
        onderwerp: facts.onderwerp,
        inhoud: facts.inhoud,
        taal: 'nld',
        vertrouwelijk: bool(facts.vertrouwelijk),
        indicatie_contact_gelukt: bool(facts.gelukt),
        verdere_actie_ondernomen: bool(!facts.gelukt),
        plaatsgevonden_op: at,
      }
    })

    // One betrokkene per klantcontact (same id): the partij's contactnaam, or an unknown caller's.
    await load('betrokkene', size.klantcontacten, (k) => {
      const p = partijOfContact(size, k)
      const naam = naamOf(p ?? size.partijen + k)
      const at = plaatsgevondenOp(size, k)
      return {
        id: k,
        uuid: seededUuid(SALT.betrokkene, k),
        created_at: at,
        updated_at: at,
        klantcontact_id: k,
        partij_id: p,
        contactnaam_voorletters: naam.voorletters,
        contactnaam_voornaam: naam.voornaam,
        contactnaam_voorvoegsel_achternaam: naam.voorvoegsel,
        contactnaam_achternaam: naam.achternaam,
        rol: 'klant',
        initiator: bool(true),
      }
    })

    await load('actorklantcontact', size.klantcontacten, (k) => {
      const at = plaatsgevondenOp(size, k)
      return {
        id: k,
        uuid: seededUuid(SALT.actorklantcontact, k),
        created_at: at,
        updated_at: at,
        actor_id: contactFacts(k).medewerker,
        klantcontact_id: k,
      }
    })

    // The caller's number as the gateway stores it with a registration (the klant betrokkene's
    // digitaal adres, E.164), on the recent telephone contacts of known partijen.
    const gegeven = callersNumbersGiven(size)
    await load(
      'digitaal_adres',
      gegeven.length,
      (i) => {
        const k = gegeven[i - size.partijen - emails - 1]!
        const at = plaatsgevondenOp(size, k)
        return {
          id: i,
          uuid: seededUuid(SALT.digitaalAdres, i),
          created_at: at,
          updated_at: at,
          betrokkene_id: k,
          partij_id: null,
          adres: `+31${mobielnummer(partijOfContact(size, k)!).slice(1)}`,
          soort_digitaal_adres: 'telefoonnummer',
          is_standaard_adres: bool(false),
          omschrijving: 'Telefoonnummer',
        }
      },
      size.partijen + emails + 1,
    )

    const taken = interneTaken(size)
    await load('interne_taak', taken, (t) => {
      const facts = taakFacts(size, t)
      const at = plaatsgevondenOp(size, facts.klantcontact)
      return {
        id: t,
        uuid: seededUuid(SALT.interneTaak, t),
        created_at: at,
        updated_at: at,
        nummer: String(1_000_000_000 + t),
        gevraagde_handeling: facts.gevraagdeHandeling,
        klantcontact_id: facts.klantcontact,
        toelichting: 'Inwoner vraagt om een reactie.',
        status: facts.open ? 'te_verwerken' : 'verwerkt',
        toegewezen_op: at,
        afgehandeld_op: facts.open ? null : at,
      }
    })
    await load('interne_taak_actor', taken, (t) => ({
      interne_taak_id: t,
      actor_id: taakFacts(size, t).afdelingActor,
      position: 0,
    }))

    await finish(db, engine, nummers.lastPerYear)
    progress(`finished (${engine === 'postgres' ? 'identities moved, vacuumed' : 'WAL checkpointed'})`)
  } finally {
    await storage.close()
  }
  return { engine, seconds: (performance.now() - started) / 1000, rows }
}

/**
 * What the provider needs after a load: its klantcontactnummer counters past the loaded nummers (it
 * skips a taken nummer one lookup at a time), PostgreSQL's identities past the loaded ids, and
 * statistics and the visibility map there (`vacuum (analyze)`: what autovacuum does after a load
 * this size anyway, done now so it cannot start during a measurement; index-only scans need it). SQLite's WAL is folded back into the file.
 */
async function finish(db: Db, engine: Engine, lastPerYear: ReadonlyMap<string, number>): Promise<void> {
  if (engine === 'postgres') {
    const seeded = [
      'actor',
      'partij',
      'digitaal_adres',
      'klantcontact',
      'betrokkene',
      'actorklantcontact',
      'interne_taak',
    ]
    for (const table of seeded) {
      await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
        db,
      )
      await sql`vacuum (analyze) ${sql.table(table)}`.execute(db)
    }
  }
  // Last, so a register that has its counters is complete (screenpop-register.ts reuses it then).
  for (const [year2, value] of lastPerYear) {
    await db
      .insertInto('nummer_counter')
      .values({ scope: `klantcontact:${year2}`, value })
      .onConflict((oc) => oc.column('scope').doUpdateSet({ value }))
      .execute()
  }
  if (engine === 'sqlite') {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db)
  }
}

const secondsSince = (t: number): string => ((performance.now() - t) / 1000).toFixed(1)
