import { sql } from 'kysely'
import { KLANTCONTACT_LIMITS } from '../../../shared/api/klantinteracties-limits'
import { formatKlantcontactnummer, nummerYear } from '../../../shared/klantcontact/klantcontactnummer'
import type { GatewayDb } from '../db/tables'
import type { Clock } from '../lib/clock'

/**
 * Numbers the gateway chooses itself, from counters in its own database (an upsert per number, so
 * concurrent requests and gateway instances never hand out the same one; numbers must be unique,
 * not gapless).
 *
 * - `nummer`: the klantcontactnummer an agent reads out over the phone. Open Klant 2.16+ no longer
 *   generates it (Open Klant #525), so against such a register the gateway supplies it, in the
 *   format our provider uses too: two-digit year + six-digit sequence (`26000001`;
 *   shared/klantcontact/klantcontactnummer.ts). A number someone else already used in the register
 *   is refused there as `unique`; the caller then takes the next one.
 * - `referentienummer`: the gateway's dedupe key in the register (docs/gateway.md, "Registering a
 *   contact exactly once"): chosen before the first attempt, sent with it, and looked up after an
 *   ambiguous outcome. Ten digits (year + eight-digit sequence), so it can never be mistaken for a
 *   nummer read out on the phone.
 */
export class NumberAllocator {
  constructor(private readonly clock: Clock) {}

  async nummer(db: GatewayDb): Promise<string> {
    const year2 = nummerYear(new Date(this.clock()))
    return formatKlantcontactnummer(year2, await next(db, `nummer:${year2}`))
  }

  async referentienummer(db: GatewayDb): Promise<string> {
    const year2 = nummerYear(new Date(this.clock()))
    const value = `${year2}${String(await next(db, `referentienummer:${year2}`)).padStart(8, '0')}`
    if (value.length > KLANTCONTACT_LIMITS.referentienummer) {
      throw new Error('referentienummer sequence exhausted for this year')
    }
    return value
  }
}

async function next(db: GatewayDb, scope: string): Promise<number> {
  const row = await db
    .insertInto('gateway_counter')
    .values({ scope, value: 1 })
    .onConflict((oc) => oc.column('scope').doUpdateSet({ value: sql`gateway_counter.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow()
  return Number(row.value)
}
