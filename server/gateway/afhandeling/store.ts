import { isAfhandeling, type Afhandeling } from '../../../shared/klantcontact/afhandeling'
import type { GatewayDb } from '../db/tables'
import type { Clock } from '../lib/clock'
import type { AfhandelingSource } from '../register-client/summary'

/** One klantcontact's afhandeling as kept: which, by whom (and their afdeling), when (epoch ms). */
export interface RecordedAfhandeling {
  klantcontactUuid: string
  afhandeling: Afhandeling
  login: string
  afdeling: string
  recordedAt: number
}

/**
 * The afhandelingen the agents recorded, in the gateway's own database beside the register
 * (docs/provider.md, "Afhandeling"): the register's klantcontact has no field for it, and KISS keeps
 * its gespreksresultaat in a store of its own the same way. One row per klantcontact; recording
 * again replaces it, and the audit log keeps every recording.
 */
export class AfhandelingStore implements AfhandelingSource {
  constructor(
    private readonly db: GatewayDb,
    private readonly clock: Clock,
  ) {}

  /** Records `afhandeling` for the klantcontact; answers what it replaced, if anything. */
  async record(input: {
    klantcontactUuid: string
    afhandeling: Afhandeling
    login: string
    afdeling: string
  }): Promise<{ recorded: RecordedAfhandeling; replaced: RecordedAfhandeling | undefined }> {
    const recorded: RecordedAfhandeling = { ...input, recordedAt: this.clock() }
    const row = {
      klantcontact_uuid: recorded.klantcontactUuid,
      afhandeling: recorded.afhandeling,
      login: recorded.login,
      afdeling: recorded.afdeling,
      recorded_at: recorded.recordedAt,
    }
    return this.db.transaction().execute(async (trx) => {
      const earlier = await trx
        .selectFrom('klantcontact_afhandeling')
        .selectAll()
        .where('klantcontact_uuid', '=', recorded.klantcontactUuid)
        .executeTakeFirst()
      await trx
        .insertInto('klantcontact_afhandeling')
        .values(row)
        .onConflict((oc) =>
          oc.column('klantcontact_uuid').doUpdateSet({
            afhandeling: row.afhandeling,
            login: row.login,
            afdeling: row.afdeling,
            recorded_at: row.recorded_at,
          }),
        )
        .execute()
      return { recorded, replaced: earlier ? recordOf(earlier) : undefined }
    })
  }

  async of(klantcontactUuid: string): Promise<Afhandeling | null> {
    return (await this.afhandelingenOf([klantcontactUuid])).get(klantcontactUuid) ?? null
  }

  async afhandelingenOf(uuids: readonly string[]): Promise<Map<string, Afhandeling>> {
    const found = new Map<string, Afhandeling>()
    if (uuids.length === 0) {
      return found
    }
    const rows = await this.db
      .selectFrom('klantcontact_afhandeling')
      .select(['klantcontact_uuid', 'afhandeling'])
      .where('klantcontact_uuid', 'in', [...new Set(uuids)])
      .execute()
    for (const row of rows) {
      // A value a later version stored and this one does not know is left out.
      if (isAfhandeling(row.afhandeling)) {
        found.set(row.klantcontact_uuid, row.afhandeling)
      }
    }
    return found
  }
}

function recordOf(row: {
  klantcontact_uuid: string
  afhandeling: string
  login: string
  afdeling: string
  recorded_at: number | string
}): RecordedAfhandeling | undefined {
  if (!isAfhandeling(row.afhandeling)) {
    return undefined
  }
  return {
    klantcontactUuid: row.klantcontact_uuid,
    afhandeling: row.afhandeling,
    login: row.login,
    afdeling: row.afdeling,
    // bigint: PostgreSQL hands it over as text.
    recordedAt: Number(row.recorded_at),
  }
}
