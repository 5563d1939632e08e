import { randomUUID } from 'node:crypto'
import type { GatewayDb, MonitorMode, MonitorSessionTable } from '../db/tables'
import type { Clock } from '../lib/clock'

/**
 * Monitoring sessions as the gateway records them: who monitored whom, how, on which call, from
 * when to when. The audit log says who asked; this table says what ran (and still runs).
 */
export type MonitorSessionRecord = MonitorSessionTable

export class MonitorSessionStore {
  constructor(
    private readonly db: GatewayDb,
    private readonly clock: Clock,
  ) {}

  async create(input: {
    supervisor: string
    agent: string
    mode: MonitorMode
    callId: string
  }): Promise<MonitorSessionRecord> {
    const record: MonitorSessionRecord = {
      id: randomUUID(),
      supervisor_login: input.supervisor,
      agent_login: input.agent,
      mode: input.mode,
      call_id: input.callId,
      started_at: this.clock(),
      ended_at: null,
    }
    await this.db.insertInto('monitor_session').values(record).execute()
    return record
  }

  /** The session `id` if `supervisor` started it (ended or not). */
  async startedBy(id: string, supervisor: string): Promise<MonitorSessionRecord | undefined> {
    return this.db
      .selectFrom('monitor_session')
      .selectAll()
      .where('id', '=', id)
      .where('supervisor_login', '=', supervisor)
      .executeTakeFirst()
  }

  /** Ends the session if it still runs; true if this call ended it. */
  async end(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('monitor_session')
      .set({ ended_at: this.clock() })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }
}
