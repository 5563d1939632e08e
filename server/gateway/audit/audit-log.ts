import type { Logger } from '../../lib/logger'
import type { GatewayDb } from '../db/tables'
import type { AuditEvent, AuditObject, AuditResult } from './types'

/**
 * The audit log: append-only rows in `audit_event` (the database refuses updates and deletes,
 * db/migrations/001_initial.ts) and the same event as a pino line at info with scope `audit`, for
 * shipping to the municipality's log platform.
 *
 * `record` resolves once the row is committed: a request is answered only after its audit line is
 * durable (Logboek Dataverwerkingen: every write confirmed; KISS lets requests succeed when logging
 * fails, which is what we improve on). Rows that arrive while a write is running are written
 * together in the next one (group commit), so a busy gateway does not pay one fsync per request on
 * SQLite.
 */
const MAX_BATCH = 64

interface Pending {
  event: AuditEvent
  resolve: () => void
  reject: (error: unknown) => void
}

export class AuditLog {
  private readonly queue: Pending[] = []
  private flushing = false

  constructor(
    private readonly db: GatewayDb,
    private readonly log: Logger,
  ) {}

  record(event: AuditEvent): Promise<void> {
    this.log.info({ audit: event }, 'audit')
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject })
      if (!this.flushing) {
        void this.flush()
      }
    })
  }

  async recent(options: { limit: number; securityOnly: boolean }): Promise<AuditEvent[]> {
    let query = this.db.selectFrom('audit_event').selectAll().orderBy('id', 'desc').limit(options.limit)
    if (options.securityOnly) {
      query = query.where('security', '=', 1)
    }
    const rows = await query.execute()
    return rows.map((r) => ({
      at: r.at,
      actor: r.actor,
      action: r.action,
      resource: r.resource,
      objectUuid: r.object_uuid,
      objectNummer: r.object_nummer,
      objects: r.objects ? (JSON.parse(r.objects) as AuditObject[]) : [],
      result: r.result as AuditResult,
      status: Number(r.status),
      security: Boolean(r.security),
      detail: r.detail,
      origin: r.origin,
      requestId: r.request_id,
    }))
  }

  private async flush(): Promise<void> {
    this.flushing = true
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH)
        try {
          await this.db
            .insertInto('audit_event')
            .values(
              batch.map(({ event: e }) => ({
                at: e.at,
                actor: e.actor,
                action: e.action,
                resource: e.resource,
                object_uuid: e.objectUuid,
                object_nummer: e.objectNummer,
                objects: e.objects.length > 0 ? JSON.stringify(e.objects) : null,
                result: e.result,
                status: e.status,
                security: e.security ? 1 : 0,
                detail: e.detail,
                origin: e.origin,
                request_id: e.requestId,
              })),
            )
            .execute()
          batch.forEach((p) => p.resolve())
        } catch (error) {
          this.log.error({ err: error, events: batch.length }, 'audit events not stored')
          batch.forEach((p) => p.reject(error))
        }
      }
    } finally {
      this.flushing = false
    }
  }
}
