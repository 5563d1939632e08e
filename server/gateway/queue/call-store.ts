import { randomUUID } from 'node:crypto'
import type { WaitingCall } from '../../lib/call-queue'
import type { QueueCallTable, QueueDb } from './tables'

/**
 * Waiting calls in the gateway's database: what survives a gateway restart (a call Kamailio
 * announces again keeps its id and original time) and what two gateways on one PostgreSQL share.
 * The offer claim is one conditional UPDATE, so of two gateways offering one call at once (a brief
 * overlap of leaders) exactly one wins.
 */
export type StoredCall = QueueCallTable

export class QueueCallStore {
  constructor(private readonly db: QueueDb) {}

  /** The row for this SIP call, made if new; `fresh`: nobody had announced it before. */
  async upsert(call: WaitingCall, afdeling: string): Promise<{ row: StoredCall; fresh: boolean }> {
    const result = await this.db
      .insertInto('queue_call')
      .values({
        id: randomUUID(),
        sip_call_id: call.sipCallId,
        dialled: afdeling,
        afdeling,
        entered_at: call.enteredAt,
        afdeling_since: call.enteredAt,
        overflowed: 0,
        checked: 0,
        offer_agent: null,
        offer_until: null,
      })
      .onConflict((oc) => oc.column('sip_call_id').doNothing())
      .executeTakeFirst()
    const row = await this.bySipCallId(call.sipCallId)
    if (!row) {
      throw new Error('queue call vanished after insert')
    }
    return { row, fresh: Number(result.numInsertedOrUpdatedRows ?? 0n) === 1 }
  }

  bySipCallId(sipCallId: string): Promise<StoredCall | undefined> {
    return this.db
      .selectFrom('queue_call')
      .selectAll()
      .where('sip_call_id', '=', sipCallId)
      .executeTakeFirst()
  }

  byId(id: string): Promise<StoredCall | undefined> {
    return this.db.selectFrom('queue_call').selectAll().where('id', '=', id).executeTakeFirst()
  }

  all(): Promise<StoredCall[]> {
    return this.db.selectFrom('queue_call').selectAll().orderBy('entered_at').execute()
  }

  /** Claims the call for `agent` until `until`, unless another offer of it is still ringing. */
  async claimOffer(id: string, agent: string, now: number, until: number): Promise<boolean> {
    const result = await this.db
      .updateTable('queue_call')
      .set({ offer_agent: agent, offer_until: until })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('offer_agent', 'is', null), eb('offer_until', '<', now)]))
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async clearOffer(id: string, agent: string): Promise<void> {
    await this.db
      .updateTable('queue_call')
      .set({ offer_agent: null, offer_until: null })
      .where('id', '=', id)
      .where('offer_agent', '=', agent)
      .execute()
  }

  async markChecked(id: string): Promise<void> {
    await this.db.updateTable('queue_call').set({ checked: 1 }).where('id', '=', id).execute()
  }

  async moveTo(id: string, afdeling: string, since: number): Promise<void> {
    await this.db
      .updateTable('queue_call')
      .set({ afdeling, afdeling_since: since, overflowed: 1, offer_agent: null, offer_until: null })
      .where('id', '=', id)
      .execute()
  }

  async remove(id: string): Promise<void> {
    await this.db.deleteFrom('queue_call').where('id', '=', id).execute()
  }

  /** Removes rows of calls no SIP server announced again; answers how many. */
  async removeAllBut(keep: ReadonlySet<string>): Promise<number> {
    const stale = (await this.all()).filter((row) => !keep.has(row.id)).map((row) => row.id)
    if (stale.length > 0) {
      await this.db.deleteFrom('queue_call').where('id', 'in', stale).execute()
    }
    return stale.length
  }
}
