import type { Logger } from '../../lib/logger'
import type { AfdelingConfig } from '../config/types'
import type { ActorRegistry } from '../register-client/actors'
import { UpstreamError, type KlantinteractiesClient } from '../register-client/client'
import type { IdempotencyRecord, IdempotencyStore } from '../register-client/idempotency'
import { findOwn, maakKlantcontactBody } from '../register-client/maak-klantcontact'
import type { InterneTaak, MaakKlantcontactReply, Page } from '../register-client/types'
import type { TerugbelverzoekTable } from './tables'
import { TERUGBELLEN, TERUGBELVERZOEK_ONDERWERP, terugbelverzoekInhoud } from './terugbelverzoek-text'

/**
 * Writes one terugbelverzoek to the register, safe to repeat after any failure: a klantcontact
 * (kanaal Telefoon, onderwerp Terugbelverzoek) made through the same idempotency records as an
 * agent's registration (a referentienummer chosen before the call, and a nummer when the register
 * does not make one), then an interne taak "Terugbellen" for the afdeling's actor, found again by
 * its klantcontact when an earlier attempt made it and its answer was lost.
 */
export const QUEUE_ACTOR = 'systeem:wachtrij'

const MAX_RENUMBER = 20

export interface RegisteredTerugbelverzoek {
  klantcontactUuid: string
  klantcontactNummer: string | null
  interneTaakUuid: string
}

export class TerugbelverzoekRegister {
  constructor(
    private readonly deps: {
      client: KlantinteractiesClient
      store: IdempotencyStore
      actors: ActorRegistry
      afdelingen: readonly AfdelingConfig[]
      log: Logger
    },
  ) {}

  /** Registers what is still missing of `row`; `onKlantcontact` is told the uuid as soon as it is known. */
  async register(
    row: TerugbelverzoekTable,
    onKlantcontact: (uuid: string) => Promise<void>,
  ): Promise<RegisteredTerugbelverzoek> {
    const afdeling = this.deps.afdelingen.find((a) => a.id === row.afdeling)
    if (!afdeling) {
      throw new Error(`terugbelverzoek for an afdeling no longer configured: ${row.afdeling}`)
    }
    return this.deps.client.withinBudget(async () => {
      const klantcontact = await this.klantcontact(row, afdeling)
      if (row.klantcontact_uuid !== klantcontact.uuid) {
        await onKlantcontact(klantcontact.uuid)
      }
      const taak = await this.interneTaak(klantcontact.uuid, afdeling, row)
      return {
        klantcontactUuid: klantcontact.uuid,
        klantcontactNummer: klantcontact.nummer,
        interneTaakUuid: taak,
      }
    })
  }

  private async klantcontact(
    row: TerugbelverzoekTable,
    afdeling: AfdelingConfig,
  ): Promise<{ uuid: string; nummer: string | null }> {
    const { client, store, log } = this.deps
    const claim = await store.claim(QUEUE_ACTOR, row.id, row.id)
    let record: IdempotencyRecord = claim.record
    if (record.klantcontact_uuid) {
      return { uuid: record.klantcontact_uuid, nummer: record.nummer }
    }
    if (!claim.fresh) {
      const found = await findOwn(client, record, log)
      if (found) {
        await store.markComplete(record, found.uuid)
        return { uuid: found.uuid, nummer: found.nummer ?? null }
      }
    }
    const input = {
      kanaal: 'Telefoon',
      onderwerp: TERUGBELVERZOEK_ONDERWERP,
      inhoud: terugbelverzoekInhoud({
        callerNumber: row.caller_number ?? '',
        afdelingNaam: afdeling.naam,
        waitedMs: row.waited_ms,
        reason: row.reason,
      }),
      indicatieContactGelukt: false,
      plaatsgevondenOp: new Date(row.entered_at).toISOString(),
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await client.post<MaakKlantcontactReply>(
          'maak-klantcontact',
          maakKlantcontactBody(record, input, new Date(row.entered_at)),
        )
        await store.markComplete(record, reply.klantcontact.uuid)
        return { uuid: reply.klantcontact.uuid, nummer: reply.klantcontact.nummer ?? null }
      } catch (error) {
        if (!(error instanceof UpstreamError)) {
          throw error
        }
        const refusedReferentie = error.isUniqueViolation('referentienummer')
        const refusedNummer = record.nummer !== null && error.isUniqueViolation('nummer')
        if (error.ambiguous || refusedReferentie || refusedNummer) {
          const found = await findOwn(client, record, log)
          if (found) {
            await store.markComplete(record, found.uuid)
            return { uuid: found.uuid, nummer: found.nummer ?? null }
          }
        }
        if ((refusedReferentie || refusedNummer) && attempt < MAX_RENUMBER) {
          record = refusedReferentie ? await store.rereference(record) : await store.renumber(record)
          continue
        }
        throw error
      }
    }
  }

  private async interneTaak(
    klantcontact: string,
    afdeling: AfdelingConfig,
    row: TerugbelverzoekTable,
  ): Promise<string> {
    const { client, actors } = this.deps
    if (row.interne_taak_uuid) {
      return row.interne_taak_uuid
    }
    const existing = async (): Promise<string | undefined> =>
      (
        await client.get<Page<InterneTaak>>('internetaken', {
          aanleidinggevendKlantcontact__uuid: klantcontact,
        })
      ).results.find((t) => t.gevraagdeHandeling === TERUGBELLEN)?.uuid
    const earlier = await existing()
    if (earlier) {
      return earlier
    }
    const actor = await actors.afdeling(afdeling)
    try {
      const taak = await client.post<InterneTaak>('internetaken', {
        gevraagdeHandeling: TERUGBELLEN,
        toelichting: `Terugbelverzoek uit de wachtrij van ${afdeling.naam}.`,
        toegewezenAanActoren: [{ uuid: actor }],
        aanleidinggevendKlantcontact: { uuid: klantcontact },
        status: 'te_verwerken',
      })
      return taak.uuid
    } catch (error) {
      if (error instanceof UpstreamError && error.ambiguous) {
        const made = await existing()
        if (made) {
          return made
        }
      }
      throw error
    }
  }
}
