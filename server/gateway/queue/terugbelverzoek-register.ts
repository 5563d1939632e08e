import type { Logger } from '../../lib/logger'
import type { AfdelingConfig } from '../config/types'
import type { ActorRegistry } from '../register-client/actors'
import { UpstreamError, type KlantinteractiesClient } from '../register-client/client'
import type { IdempotencyRecord, IdempotencyStore } from '../register-client/idempotency'
import {
  ensureKlantTelefoonnummer,
  klantBetrokkene,
  registerTelefoonnummer,
} from '../register-client/klant-telefoonnummer'
import { findOwn, maakKlantcontactBody } from '../register-client/maak-klantcontact'
import {
  EXPAND_BETROKKENEN,
  type InterneTaak,
  type KlantcontactRecord,
  type MaakKlantcontactReply,
  type Page,
} from '../register-client/types'
import type { TerugbelverzoekTable } from './tables'
import { TERUGBELLEN, TERUGBELVERZOEK_ONDERWERP, terugbelverzoekInhoud } from './terugbelverzoek-text'

/**
 * Writes one terugbelverzoek to the register, safe to repeat after any failure: a klantcontact
 * (kanaal Telefoon, onderwerp Terugbelverzoek, `indicatieContactGelukt` false and
 * `verdereActieOndernomen` true: the municipality calls back) made through the same idempotency
 * records as an agent's registration (a referentienummer chosen before the call, and a nummer when
 * the register does not make one), with a klant betrokkene whose digitaal adres is the caller's
 * number (klant-telefoonnummer.ts, written only if absent), then an interne taak "Terugbellen" for
 * the afdeling's actor, found again by its klantcontact when an earlier attempt made it and its
 * answer was lost. The number is only in the register and, until registered, in the gateway's row
 * (terugbelverzoeken.ts clears it); it is never logged.
 */
export const QUEUE_ACTOR = 'systeem:wachtrij'

const MAX_RENUMBER = 20

/** The klantcontact, and its klant betrokkene when the step that made or found it knows it. */
interface MadeKlantcontact {
  uuid: string
  nummer: string | null
  betrokkene: string | null
}

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
      await this.telefoonnummer(row, klantcontact)
      const taak = await this.interneTaak(klantcontact.uuid, afdeling, row)
      return {
        klantcontactUuid: klantcontact.uuid,
        klantcontactNummer: klantcontact.nummer,
        interneTaakUuid: taak,
      }
    })
  }

  /**
   * The caller's number on the klant betrokkene. A refusal of the number itself (a spelling the
   * register will not take) is not retried: the number stays in the inhoud, and retrying would hold
   * the terugbelverzoek back forever.
   */
  private async telefoonnummer(row: TerugbelverzoekTable, klantcontact: MadeKlantcontact): Promise<void> {
    const number = registerTelefoonnummer(row.caller_number)
    if (!number) {
      return
    }
    const { client, log } = this.deps
    let betrokkene = klantcontact.betrokkene
    if (!betrokkene) {
      const found = await client.find<KlantcontactRecord>(
        `klantcontacten/${klantcontact.uuid}`,
        EXPAND_BETROKKENEN,
      )
      betrokkene = found ? klantBetrokkene(found) : null
    }
    if (!betrokkene) {
      return
    }
    try {
      await ensureKlantTelefoonnummer(client, betrokkene, number, log)
    } catch (error) {
      if (error instanceof UpstreamError && !error.ambiguous) {
        log.warn(
          { terugbelverzoek: row.id, status: error.status },
          'telefoonnummer refused; kept in inhoud only',
        )
        return
      }
      throw error
    }
  }

  private async klantcontact(row: TerugbelverzoekTable, afdeling: AfdelingConfig): Promise<MadeKlantcontact> {
    const { client, store, log } = this.deps
    const claim = await store.claim(QUEUE_ACTOR, row.id, row.id)
    let record: IdempotencyRecord = claim.record
    if (record.klantcontact_uuid) {
      return { uuid: record.klantcontact_uuid, nummer: record.nummer, betrokkene: null }
    }
    if (!claim.fresh) {
      const found = await findOwn(client, record, log)
      if (found) {
        await store.markComplete(record, found.uuid)
        return { uuid: found.uuid, nummer: found.nummer ?? null, betrokkene: klantBetrokkene(found) }
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
      ...(row.caller_number ? { telefoonnummer: row.caller_number } : {}),
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await client.post<MaakKlantcontactReply>(
          'maak-klantcontact',
          maakKlantcontactBody(record, input, new Date(row.entered_at), { verdereActieOndernomen: true }),
        )
        await store.markComplete(record, reply.klantcontact.uuid)
        return {
          uuid: reply.klantcontact.uuid,
          nummer: reply.klantcontact.nummer ?? null,
          betrokkene: reply.betrokkene?.uuid ?? null,
        }
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
            return { uuid: found.uuid, nummer: found.nummer ?? null, betrokkene: klantBetrokkene(found) }
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
