import type { Kysely } from 'kysely'

/**
 * `medewerker`: the medewerkers the gateway provisioned when they first signed in through single
 * sign-on (server/gateway/directory/stored-roster.ts), so every gateway instance and a restart know
 * their afdeling and extension (the queue rings them, the directory lists them, a colleague can
 * transfer to them). The configured agents are not here: the configuration stays their home.
 *
 * An extension and an e-mail address (its lower case in `email_key`) belong to one medewerker:
 * the unique constraints keep two instances provisioning at once from handing out one twice.
 * `supervises` is a JSON array of afdeling ids, or null. Times are epoch milliseconds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('medewerker')
    .addColumn('login', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('afdeling', 'text', (c) => c.notNull())
    .addColumn('sip_extension', 'text', (c) => c.notNull())
    .addColumn('supervises', 'text')
    .addColumn('provisioned_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('medewerker_email_key_unique', ['email_key'])
    .addUniqueConstraint('medewerker_sip_extension_unique', ['sip_extension'])
    .execute()
}
