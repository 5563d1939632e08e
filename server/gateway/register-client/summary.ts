import type { KlantcontactSummaryView } from '../../../shared/gateway/klantbeeld'
import type { Afhandeling } from '../../../shared/klantcontact/afhandeling'
import type { AgentIdentity } from '../auth/authenticator'
import type { AccessPolicy } from './access'
import type { KlantcontactRecord } from './types'

/**
 * Where the afhandeling of klantcontacten is kept: beside the register, in the gateway's own
 * database (docs/provider.md, "Afhandeling"). One read per list, never one per row.
 */
export interface AfhandelingSource {
  afhandelingenOf(uuids: readonly string[]): Promise<Map<string, Afhandeling>>
}

/** Until the gateway keeps afhandelingen: none is known. */
export const NO_AFHANDELINGEN: AfhandelingSource = {
  afhandelingenOf: () => Promise.resolve(new Map()),
}

/**
 * Klantcontacten as a list shows them (the caller's history, search results, an inbox item's
 * aanleiding): one home for what a list may show, so the vertrouwelijk rule (access.ts) is applied
 * the same way everywhere. A vertrouwelijk klantcontact the agent may not read keeps date, kanaal and
 * who, and loses its onderwerp.
 */
export class SummaryBuilder {
  constructor(
    private readonly access: AccessPolicy,
    private readonly afhandelingen: AfhandelingSource,
  ) {}

  async summariesFor(
    agent: AgentIdentity,
    records: readonly KlantcontactRecord[],
  ): Promise<KlantcontactSummaryView[]> {
    const [visible, afhandelingen] = await Promise.all([
      Promise.all(records.map((k) => this.access.canSeeContent(agent, k))),
      this.afhandelingen.afhandelingenOf(records.map((k) => k.uuid)),
    ])
    return records.map((k, i) => summaryOf(k, visible[i] === true, afhandelingen.get(k.uuid) ?? null))
  }
}

export function summaryOf(
  klantcontact: KlantcontactRecord,
  visible: boolean,
  afhandeling: Afhandeling | null,
): KlantcontactSummaryView {
  return {
    uuid: klantcontact.uuid,
    nummer: klantcontact.nummer ?? null,
    kanaal: klantcontact.kanaal,
    onderwerp: visible ? klantcontact.onderwerp : null,
    plaatsgevondenOp: klantcontact.plaatsgevondenOp ?? null,
    medewerkers: (klantcontact.hadBetrokkenActoren ?? [])
      .filter((a) => a.soortActor === 'medewerker')
      .map((a) => a.naam),
    indicatieContactGelukt: klantcontact.indicatieContactGelukt ?? null,
    vertrouwelijk: klantcontact.vertrouwelijk,
    afgeschermd: !visible,
    afhandeling,
  }
}
