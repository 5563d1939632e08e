import type { KlantbeeldView, KlantcontactSummaryView } from '../../../shared/gateway/klantbeeld'
import type { AgentIdentity } from '../auth/authenticator'
import type { KlantinteractiesClient } from './client'
import { OpenContactverzoeken } from './klantbeeld-contactverzoeken'
import type { PartijLookup } from './partij-lookup'
import { toE164 } from './phone-number'
import type { SummaryBuilder } from './summary'
import type { DigitaalAdres } from '../../../shared/api/klantinteracties'
import type { Betrokkene, KlantcontactRecord, Page } from './types'

/**
 * The caller's picture (docs/gateway.md, "Klantbeeld"): the partijen a number belongs to, their
 * last klantcontacten, and the contactverzoeken still open for those, looked up while the phone
 * rings. It must be on the agent's screen within 300 ms (p95) on a register of 100,000 partijen and
 * 1,000,000 klantcontacten, so it makes few sequential round trips, each a handful of parallel,
 * selective requests with a small page.
 *
 * The register requests, in order (`<…>` a value; `{a|b}` one request each):
 *
 * 1. per spelling of the number (phone-number.ts `registerSpellings`: `0612345678`,
 *    `+31612345678`, `0031612345678`), in parallel:
 *    `GET /digitaleadressen?expand=verstrektDoorBetrokkene.hadKlantcontact&soortDigitaalAdres=telefoonnummer&adres=<spelling>&pageSize=20`
 *    — the partijen's numbers (`verstrektDoorPartij`) and the numbers callers gave as betrokkene
 *    of a klantcontact (`verstrektDoorBetrokkene`, the klantcontact expanded: no extra request).
 *    Exact `adres` matches: `adres__icontains` would read every digitaal adres in the register.
 * 2. in parallel, per partij found (at most 10):
 *    `GET /partijen/<partij uuid>` (name and `indicatieActief`, partij-lookup.ts) and
 *    `GET /klantcontacten?hadBetrokkene__wasPartij__uuid=<partij uuid>&pageSize=10`
 *    (the register orders klantcontacten newest first).
 * 3. in parallel, per klantcontact shown (at most 10) that led to an interne taak
 *    (`leiddeTotInterneTaken` not empty):
 *    `GET /internetaken?aanleidinggevendKlantcontact__uuid=<klantcontact uuid>&status=te_verwerken&pageSize=10`
 * 4. in parallel, per actor a contactverzoek is assigned to whose name this gateway has not seen
 *    yet: `GET /actoren/<actor uuid>`.
 *
 * An unknown or withheld number makes no request at all.
 */
export const MAX_KLANTCONTACTEN = 10
const EXPAND_KLANTCONTACT = { expand: 'verstrektDoorBetrokkene.hadKlantcontact' } as const

/** A digitaal adres with its betrokkene's klantcontact expanded (OAS ExpandDigitaalAdres). */
type DigitaalAdresRecord = DigitaalAdres & {
  _expand?: {
    verstrektDoorBetrokkene?:
      (Betrokkene & { _expand?: { hadKlantcontact?: KlantcontactRecord | null } }) | null
  }
}

export class KlantbeeldService {
  private readonly contactverzoeken: OpenContactverzoeken

  constructor(
    private readonly client: KlantinteractiesClient,
    private readonly partijen: PartijLookup,
    private readonly summaries: SummaryBuilder,
  ) {
    this.contactverzoeken = new OpenContactverzoeken(client)
  }

  async of(agent: AgentIdentity, telefoonnummer: string): Promise<KlantbeeldView> {
    const e164 = toE164(telefoonnummer)
    if (e164 === null) {
      return { partijen: [], klantcontacten: [], contactverzoeken: [] }
    }
    const adressen = await this.partijen.digitaleAdressen<DigitaalAdresRecord>(e164, EXPAND_KLANTCONTACT)
    const partijUuids = this.partijen.partijUuidsOf(adressen)
    const [partijen, perPartij] = await Promise.all([
      this.partijen.partijenOf(adressen),
      Promise.all(partijUuids.map((uuid) => this.klantcontactenOfPartij(uuid))),
    ])
    // Only the klantcontacten of partijen offered: an inactive partij's data may not be used
    // (OAS `Partij.indicatieActief`).
    const offered = new Set(partijen.map((p) => p.uuid))
    const viaPartij = perPartij.filter((_, i) => offered.has(partijUuids[i] ?? '')).flat()
    const viaBetrokkene = adressen.flatMap((d) => {
      const klantcontact = d._expand?.verstrektDoorBetrokkene?._expand?.hadKlantcontact
      return klantcontact ? [klantcontact] : []
    })
    const records = newestFirst([...viaPartij, ...viaBetrokkene]).slice(0, MAX_KLANTCONTACTEN)
    const [klantcontacten, contactverzoeken] = await Promise.all([
      this.summaries.summariesFor(agent, records),
      this.contactverzoeken.of(records),
    ])
    return {
      partijen,
      klantcontacten,
      contactverzoeken: contactverzoeken.map((verzoek) => masked(verzoek, klantcontacten)),
    }
  }

  private async klantcontactenOfPartij(partij: string): Promise<KlantcontactRecord[]> {
    const page = await this.client.get<Page<KlantcontactRecord>>('klantcontacten', {
      hadBetrokkene__wasPartij__uuid: partij,
      pageSize: MAX_KLANTCONTACTEN,
    })
    return page.results
  }
}

/** Without repeats (a klantcontact found through its partij and its number), newest first. */
function newestFirst(records: readonly KlantcontactRecord[]): KlantcontactRecord[] {
  const byUuid = new Map<string, KlantcontactRecord>()
  for (const record of records) {
    byUuid.set(record.uuid, record)
  }
  return [...byUuid.values()].sort((a, b) => time(b) - time(a))
}

const time = (k: KlantcontactRecord): number => Date.parse(k.plaatsgevondenOp ?? '') || 0

/**
 * A contactverzoek's gevraagde handeling is free text about its klantcontact: for a vertrouwelijk
 * klantcontact the agent may not read, it is withheld as the onderwerp is (empty).
 */
function masked<T extends { klantcontactUuid: string; gevraagdeHandeling: string }>(
  verzoek: T,
  klantcontacten: readonly KlantcontactSummaryView[],
): Omit<T, 'klantcontactUuid'> {
  const { klantcontactUuid, ...view } = verzoek
  const afgeschermd = klantcontacten.find((k) => k.uuid === klantcontactUuid)?.afgeschermd ?? true
  return afgeschermd ? { ...view, gevraagdeHandeling: '' } : view
}
