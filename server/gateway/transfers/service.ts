import type { ResolvedTransferView, TransferCloseInput, TransferView } from '../../../shared/gateway/api'
import type { AgentIdentity } from '../auth/authenticator'
import type { GatewayConfig } from '../config/types'
import type { Roster } from '../directory/roster'
import { conflict, notFound, permissionDenied, validationError } from '../http/problems'
import type { AccessPolicy } from '../register-client/access'
import type { KlantcontactReader } from '../register-client/reader'
import type { ViewBuilder } from '../register-client/view'
import type { TransferRecord, TransferStore, TransferTarget } from './store'

/**
 * Announcing and resolving transfers ("overname van gesprek"; docs/gateway.md,
 * Transfers): the sending agent, who must be involved in the klantcontact, announces it for a
 * colleague or an afdeling; the receiving agent's app resolves the nummer it got (in the SIP
 * header, or by phone) only while such a record addresses it. A nummer no record backs opens
 * nothing. The answers' shapes are the agent app's contract (shared/gateway/api.ts).
 */
export type { ResolvedTransferView, TransferView } from '../../../shared/gateway/api'

/**
 * Told of every announced transfer, so the receiving agent's app hears of it at once (the live
 * hub's transfer offer) even when a PBX stripped the klantcontactnummer from the SIP signalling.
 */
export type TransferAnnounced = (transfer: TransferView) => void | Promise<void>

/** How a transfer ended, as the announcing agent's softphone saw it (shared/gateway/api.ts). */
export type TransferOutcomeInput = TransferCloseInput['outcome']

/** Told when the announcing agent reports the outcome: the live hub closes the transfer offer. */
export type TransferClosed = (transfer: TransferView, outcome: TransferOutcomeInput) => void | Promise<void>

export class TransferService {
  constructor(
    private readonly deps: {
      config: GatewayConfig
      roster: Pick<Roster, 'byLogin'>
      store: TransferStore
      reader: KlantcontactReader
      access: AccessPolicy
      views: ViewBuilder
      announced: TransferAnnounced
      closed: TransferClosed
    },
  ) {}

  /**
   * The announcing agent's report of how the transfer ended (the colleague took the call, did not,
   * or the agent gave up), so the offer leaves the live view. Only the announcer may close it; for
   * anyone else the record does not exist. Closing twice is harmless.
   */
  async close(agent: AgentIdentity, id: string, outcome: TransferOutcomeInput): Promise<TransferView> {
    const record = await this.deps.store.announcedBy(id, agent.login)
    if (!record) {
      throw notFound()
    }
    const transfer = viewOf(record)
    await this.deps.closed(transfer, outcome)
    return transfer
  }

  async announce(
    agent: AgentIdentity,
    input: { klantcontactUuid?: string | undefined; nummer?: string | undefined; target: TransferTarget },
  ): Promise<{ transfer: TransferView; klantcontactUuid: string }> {
    const { config, roster, store, reader, access } = this.deps
    const { target } = input
    const exists =
      target.type === 'agent'
        ? roster.byLogin(target.id) !== undefined
        : config.afdelingen.some((a) => a.id === target.id)
    if (!exists) {
      throw validationError([
        {
          name: 'target.id',
          code: 'does_not_exist',
          reason: target.type === 'agent' ? 'Onbekende medewerker.' : 'Onbekende afdeling.',
        },
      ])
    }
    if (target.type === 'agent' && target.id === agent.login) {
      throw validationError([
        { name: 'target.id', code: 'invalid', reason: 'Een klantcontact draag je over aan een ander.' },
      ])
    }
    const klantcontact = input.klantcontactUuid
      ? await reader.byUuid(input.klantcontactUuid)
      : await reader.byNummer(input.nummer!)
    if (!klantcontact) {
      throw notFound()
    }
    if (!(await access.isInvolved(agent, klantcontact))) {
      throw permissionDenied(
        'Alleen een medewerker die bij dit klantcontact betrokken is, kan het overdragen.',
      )
    }
    if (!klantcontact.nummer) {
      throw conflict('klantcontact_zonder_nummer', 'Dit klantcontact heeft geen nummer om over te dragen.')
    }
    const record = await store.create({
      klantcontactUuid: klantcontact.uuid,
      nummer: klantcontact.nummer,
      from: agent.login,
      target,
    })
    const transfer = viewOf(record)
    await this.deps.announced(transfer)
    return { transfer, klantcontactUuid: klantcontact.uuid }
  }

  /** The klantcontact behind `nummer`, if a live transfer addresses this agent; else null. */
  async resolve(agent: AgentIdentity, nummer: string): Promise<ResolvedTransferView | null> {
    const record = await this.deps.store.liveFor(nummer, agent.login, agent.afdeling)
    if (!record) {
      return null
    }
    const klantcontact = await this.deps.reader.byNummer(nummer)
    if (!klantcontact || klantcontact.uuid !== record.klantcontact_uuid) {
      return null
    }
    return {
      transfer: viewOf(record),
      klantcontact: this.deps.views.build(klantcontact, { visible: true }),
    }
  }
}

function viewOf(record: TransferRecord): TransferView {
  return {
    id: record.id,
    klantcontactUuid: record.klantcontact_uuid,
    nummer: record.nummer,
    from: record.from_login,
    target: { type: record.target_type, id: record.target_id },
    expiresAt: new Date(Number(record.expires_at)).toISOString(),
  }
}
