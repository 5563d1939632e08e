import type { InboxItemView } from '../../../shared/gateway/inbox'
import type { AuditObject } from '../audit/types'
import type { AgentIdentity } from '../auth/authenticator'
import type { GatewayDb } from '../db/tables'
import { QUEUE_ACTOR } from '../queue/terugbelverzoek-register'
import type { KlantinteractiesClient } from '../register-client/client'
import type { SummaryBuilder } from '../register-client/summary'
import type { DigitaalAdres } from '../../../shared/api/klantinteracties'
import type { Betrokkene, InterneTaak, KlantcontactRecord } from '../register-client/types'
import type { InboxActors } from './actors'
import { assignedActors } from '../register-client/interne-taak'

/**
 * Interne taken as the inbox shows them: each with its aanleidinggevend klantcontact as any list
 * shows one (services.summaries, so the vertrouwelijk rule is the same as everywhere), the number to
 * call back, whether the queue made it, and whom it is assigned to.
 *
 * The number is the klant betrokkene's digitaal adres of soort telefoonnummer (OAS
 * `DigitaalAdres.verstrektDoorBetrokkene`), which the registration and the queue store. It is shown
 * to whoever the taak is assigned to, also when the klantcontact is vertrouwelijk: calling back is
 * the task, and the number is all of the klantcontact the inbox adds to the summary.
 *
 * One register read per klantcontact (the register cannot list klantcontacten by uuid), a few at a
 * time; one database read for which of them the queue registered.
 */
export const KLANTCONTACT_EXPAND = { expand: 'hadBetrokkenen,hadBetrokkenen.digitaleAdressen' } as const

/** Register reads in parallel per inbox: enough to hide latency, few enough to spare the register. */
const PARALLEL_READS = 8

type BetrokkeneRecord = Betrokkene & { _expand?: { digitaleAdressen?: DigitaalAdres[] } }
type KlantcontactWithAdressen = Omit<KlantcontactRecord, '_expand'> & {
  _expand?: { hadBetrokkenen?: BetrokkeneRecord[] }
}

export interface BuiltItems {
  items: InboxItemView[]
  /** Every object whose data the items show, for the audit line. */
  disclosed: AuditObject[]
}

export class InboxItems {
  constructor(
    private readonly deps: {
      client: KlantinteractiesClient
      summaries: SummaryBuilder
      actors: InboxActors
      db: GatewayDb
    },
  ) {}

  async build(agent: AgentIdentity, taken: readonly InterneTaak[]): Promise<BuiltItems> {
    const uuids = [...new Set(taken.map((t) => t.aanleidinggevendKlantcontact.uuid))]
    const [records, fromQueue] = await Promise.all([this.klantcontacten(uuids), this.fromQueue(uuids)])
    const found = uuids.map((u) => records.get(u)).filter((k): k is KlantcontactWithAdressen => !!k)
    const summaries = await this.deps.summaries.summariesFor(agent, found)
    const summaryOf = new Map(summaries.map((s) => [s.uuid, s]))
    const items: InboxItemView[] = []
    const disclosed: AuditObject[] = []
    for (const taak of taken) {
      const uuid = taak.aanleidinggevendKlantcontact.uuid
      const record = records.get(uuid)
      const summary = summaryOf.get(uuid) ?? null
      const number = record ? klantNumber(record) : null
      items.push({
        ...(await this.assignment(taak)),
        uuid: taak.uuid,
        nummer: taak.referentienummer ?? taak.nummer ?? null,
        gevraagdeHandeling: taak.gevraagdeHandeling,
        toelichting: taak.toelichting ?? '',
        status: taak.status,
        toegewezenOp: taak.toegewezenOp ?? null,
        afgehandeldOp: taak.afgehandeldOp ?? null,
        terugbelverzoek: fromQueue.has(uuid),
        telefoonnummer: number?.adres ?? null,
        klantcontact: summary,
      })
      disclosed.push({ type: 'internetaak', uuid: taak.uuid })
      if (summary) {
        disclosed.push({ type: 'klantcontact', uuid, ...(summary.nummer ? { nummer: summary.nummer } : {}) })
      }
      if (number) {
        disclosed.push({ type: 'betrokkene', uuid: number.betrokkene })
      }
    }
    return { items, disclosed }
  }

  private async assignment(taak: InterneTaak): Promise<Pick<InboxItemView, 'afdeling' | 'medewerker'>> {
    let afdeling: InboxItemView['afdeling'] = null
    let medewerker: InboxItemView['medewerker'] = null
    for (const uuid of assignedActors(taak)) {
      const owner = await this.deps.actors.ownerOf(uuid)
      if (owner.kind === 'afdeling' && !afdeling) {
        afdeling = { id: owner.afdeling.id, naam: owner.afdeling.naam }
      } else if (owner.kind === 'medewerker' && !medewerker) {
        medewerker = { login: owner.agent.login, naam: owner.agent.displayName }
      }
    }
    return { afdeling, medewerker }
  }

  private async klantcontacten(uuids: readonly string[]): Promise<Map<string, KlantcontactWithAdressen>> {
    const found = new Map<string, KlantcontactWithAdressen>()
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < uuids.length) {
        const uuid = uuids[next++]!
        const record = await this.deps.client.find<KlantcontactWithAdressen>(
          `klantcontacten/${uuid}`,
          KLANTCONTACT_EXPAND,
        )
        if (record) {
          found.set(uuid, record)
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, uuids.length) }, worker))
    return found
  }

  /** Which of these klantcontacten the queue registered as a terugbelverzoek (its idempotency records). */
  private async fromQueue(uuids: readonly string[]): Promise<Set<string>> {
    if (uuids.length === 0) {
      return new Set()
    }
    const rows = await this.deps.db
      .selectFrom('idempotency_record')
      .select('klantcontact_uuid')
      .where('agent_login', '=', QUEUE_ACTOR)
      .where('klantcontact_uuid', 'in', uuids)
      .execute()
    return new Set(rows.map((r) => r.klantcontact_uuid).filter((u): u is string => u !== null))
  }
}

/** The klant's telefoonnummer on a klantcontact: the initiating klant betrokkene's first, then any klant's. */
export function klantNumber(
  klantcontact: KlantcontactWithAdressen,
): { adres: string; betrokkene: string } | null {
  const klanten = (klantcontact._expand?.hadBetrokkenen ?? [])
    .filter((b) => b.rol === 'klant')
    .sort((a, b) => Number(b.initiator) - Number(a.initiator))
  for (const betrokkene of klanten) {
    const adres = (betrokkene._expand?.digitaleAdressen ?? []).find(
      (d) => d.soortDigitaalAdres === 'telefoonnummer' && d.adres !== '',
    )
    if (adres) {
      return { adres: adres.adres, betrokkene: betrokkene.uuid }
    }
  }
  return null
}
