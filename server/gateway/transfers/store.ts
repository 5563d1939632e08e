import { randomUUID } from 'node:crypto'
import type { GatewayDb, TransferRecordTable } from '../db/tables'
import type { Clock } from '../lib/clock'

/**
 * Transfer records: agent A announces "klantcontact K goes to agent/afdeling B" before transferring
 * the call; B's app may then open K by its nummer. A nummer in a SIP header proves nothing (anyone
 * who can set a header could send one; docs/security.md); the record, written by an authenticated
 * agent who was involved in K, is what grants B access, for a short time.
 */
const RETAIN_EXPIRED_MS = 24 * 60 * 60_000

export type TransferTarget = { type: 'agent' | 'afdeling'; id: string }
export type TransferRecord = TransferRecordTable

export class TransferStore {
  constructor(
    private readonly db: GatewayDb,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  async create(input: {
    klantcontactUuid: string
    nummer: string
    from: string
    target: TransferTarget
  }): Promise<TransferRecord> {
    const now = this.clock()
    const record: TransferRecord = {
      id: randomUUID(),
      klantcontact_uuid: input.klantcontactUuid,
      nummer: input.nummer,
      from_login: input.from,
      target_type: input.target.type,
      target_id: input.target.id,
      created_at: now,
      expires_at: now + this.ttlMs,
    }
    await this.db.insertInto('transfer_record').values(record).execute()
    // Expired records grant nothing; a day later they are dropped (the audit log keeps the history).
    await this.db
      .deleteFrom('transfer_record')
      .where('expires_at', '<', now - RETAIN_EXPIRED_MS)
      .execute()
    return record
  }

  /** The record `id` if `from` announced it (expired or not: the outcome may come late). */
  async announcedBy(id: string, from: string): Promise<TransferRecord | undefined> {
    return this.db
      .selectFrom('transfer_record')
      .selectAll()
      .where('id', '=', id)
      .where('from_login', '=', from)
      .executeTakeFirst()
  }

  /** The newest live record for `nummer` that addresses this agent or its afdeling. */
  async liveFor(nummer: string, login: string, afdeling: string): Promise<TransferRecord | undefined> {
    return this.addressed(login, afdeling)
      .where('nummer', '=', nummer)
      .orderBy('created_at', 'desc')
      .executeTakeFirst()
  }

  /** Is a live record for this klantcontact addressed to this agent or its afdeling? */
  async addresses(klantcontactUuid: string, login: string, afdeling: string): Promise<boolean> {
    const row = await this.addressed(login, afdeling)
      .where('klantcontact_uuid', '=', klantcontactUuid)
      .executeTakeFirst()
    return row !== undefined
  }

  /** Live records addressed to this agent or its afdeling. */
  private addressed(login: string, afdeling: string) {
    return this.db
      .selectFrom('transfer_record')
      .selectAll()
      .where('expires_at', '>', this.clock())
      .where((eb) =>
        eb.or([
          eb.and([eb('target_type', '=', 'agent'), eb('target_id', '=', login)]),
          eb.and([eb('target_type', '=', 'afdeling'), eb('target_id', '=', afdeling)]),
        ]),
      )
  }
}
