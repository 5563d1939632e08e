import type { GatewayDb, IdempotencyRecordTable } from '../db/tables'
import type { Clock } from '../lib/clock'
import type { NumberAllocator } from './nummers'

/**
 * Idempotency records of contact registrations (draft-ietf-httpapi-idempotency-key-header;
 * docs/gateway.md): one row per (agent, Idempotency-Key), written BEFORE the register is called,
 * holding the referentienummer (and, against Open Klant 2.16+, the nummer) that every attempt
 * sends.
 *
 * States: `pending` (numbers chosen; the klantcontact may or may not exist in the register),
 * `created` (the klantcontact exists: its uuid is known), `complete` (the agent's actor is linked
 * too; the registration is done and a retry only reads it back).
 *
 * Keys are scoped per agent: a key another agent happens to send opens nothing of this agent's.
 */
export type IdempotencyRecord = IdempotencyRecordTable

export interface Claim {
  record: IdempotencyRecord
  /** This request created the record: nothing was sent to the register for it yet. */
  fresh: boolean
}

export class IdempotencyStore {
  constructor(
    private readonly db: GatewayDb,
    private readonly numbers: NumberAllocator,
    private readonly clock: Clock,
    private readonly gatewaySuppliesNummer: boolean,
  ) {}

  /**
   * The record for (login, key), created if absent. Concurrent claims (other requests, other
   * instances) meet at the primary key: `on conflict do nothing`, then everyone reads the one row.
   */
  async claim(login: string, key: string, requestHash: string): Promise<Claim> {
    const existing = await this.find(login, key)
    if (existing) {
      return { record: existing, fresh: false }
    }
    const inserted = await this.db.transaction().execute(async (trx) => {
      const now = this.clock()
      const result = await trx
        .insertInto('idempotency_record')
        .values({
          agent_login: login,
          idempotency_key: key,
          request_hash: requestHash,
          referentienummer: await this.numbers.referentienummer(trx),
          nummer: this.gatewaySuppliesNummer ? await this.numbers.nummer(trx) : null,
          klantcontact_uuid: null,
          state: 'pending',
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['agent_login', 'idempotency_key']).doNothing())
        .executeTakeFirst()
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1
    })
    const record = await this.find(login, key)
    if (!record) {
      throw new Error('idempotency record vanished after insert')
    }
    return { record, fresh: inserted }
  }

  find(login: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.db
      .selectFrom('idempotency_record')
      .selectAll()
      .where('agent_login', '=', login)
      .where('idempotency_key', '=', key)
      .executeTakeFirst()
  }

  async markCreated(record: IdempotencyRecord, uuid: string): Promise<IdempotencyRecord> {
    return this.update(record, { klantcontact_uuid: uuid, state: 'created' })
  }

  async markComplete(record: IdempotencyRecord, uuid: string): Promise<IdempotencyRecord> {
    return this.update(record, { klantcontact_uuid: uuid, state: 'complete' })
  }

  /** After compensation (the half-made klantcontact was deleted): start again on a retry. */
  async reset(record: IdempotencyRecord): Promise<IdempotencyRecord> {
    return this.update(record, { klantcontact_uuid: null, state: 'pending' })
  }

  /** A definite refusal created nothing: forget the key, so a corrected draft may use it again. */
  async discard(record: IdempotencyRecord): Promise<void> {
    await this.db
      .deleteFrom('idempotency_record')
      .where('agent_login', '=', record.agent_login)
      .where('idempotency_key', '=', record.idempotency_key)
      .where('state', '=', 'pending')
      .execute()
  }

  /** The register refused the nummer as taken (someone else used it): take the next one. */
  async renumber(record: IdempotencyRecord): Promise<IdempotencyRecord> {
    return this.db.transaction().execute(async (trx) => {
      const nummer = await this.numbers.nummer(trx)
      return this.update(record, { nummer }, trx)
    })
  }

  /** The referentienummer belongs to a klantcontact someone else wrote: take the next one. */
  async rereference(record: IdempotencyRecord): Promise<IdempotencyRecord> {
    return this.db.transaction().execute(async (trx) => {
      const referentienummer = await this.numbers.referentienummer(trx)
      return this.update(record, { referentienummer }, trx)
    })
  }

  /** Did `login` register this klantcontact through the gateway? (transfers, vertrouwelijk) */
  async registeredBy(login: string, uuid: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('idempotency_record')
      .select('agent_login')
      .where('klantcontact_uuid', '=', uuid)
      .where('agent_login', '=', login)
      .executeTakeFirst()
    return row !== undefined
  }

  private async update(
    record: IdempotencyRecord,
    changes: Partial<Pick<IdempotencyRecord, 'klantcontact_uuid' | 'state' | 'nummer' | 'referentienummer'>>,
    db: GatewayDb = this.db,
  ): Promise<IdempotencyRecord> {
    const updated_at = this.clock()
    await db
      .updateTable('idempotency_record')
      .set({ ...changes, updated_at })
      .where('agent_login', '=', record.agent_login)
      .where('idempotency_key', '=', record.idempotency_key)
      .execute()
    return { ...record, ...changes, updated_at }
  }
}
