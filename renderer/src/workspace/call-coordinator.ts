import type { AgentBridge } from '../../../shared/bridge'
import type { AgentState } from '../../../shared/live/protocol'
import type { LiveConnection } from '../live/live-connection'
import { createLogger, type Logger } from '../log'
import type { CallSnapshot, SoftphoneSnapshot, TransferSnapshot } from '../softphone/types'
import type { useAppStore } from '../store'
import type { StoreState } from '../store/types'
import { agentStateFor, availabilityAfterCall, followedAvailability, isConsulting } from './agent-state'
import { classifyCall, isInternal, nummerOf, type CallClassification } from './call-classification'
import { endReason } from './call-end-reason'
import { CallEvents, type CallEventSource } from './call-events'
import { noticeIncomingCalls, reportCallsToLive } from './call-reports'

type Store = typeof useAppStore

/**
 * Turns what the softphone does into what the workspace shows and the gateway hears: every
 * snapshot goes into the store, and each call is classified once (call-classification.ts) and
 * published as call events (call-events.ts), to which the screen pop
 * (klantcontact/screen-pop.ts), the transfer receiver (incoming-transfer/transfer-receiver.ts), the
 * live hub's reports and the desktop shell's notification (call-reports.ts) subscribe. The
 * agent's state goes to the live hub. One instance per logged-in workspace.
 */
export interface CallCoordinatorOptions {
  store: Store
  live: Pick<LiveConnection, 'setState' | 'callStarted' | 'callEnded'>
  /** The logged-in agent: live transfer offers are addressed to them or their afdeling. */
  agentLogin: string
  /** The agent's afdeling id; read from the session in the store when absent. */
  afdeling?: string
  bridge?: AgentBridge
  logger?: Logger
  /** Epoch ms (the handling time at a call's end, the offers' window); tests pass their own clock. */
  now?: () => number
}

/** The call the events are about: the softphone's `call`, once it left `idle`. */
interface Tracked {
  readonly id: string
  readonly sipCallId: string
  call: CallSnapshot
  classification: CallClassification
  /** Seen ringing here: only such a call can be answered by Opnemen (not one that replaced ours). */
  rang: boolean
  answering: boolean
  answered: boolean
  ended: boolean
}

export class CallCoordinator {
  private readonly publisher = new CallEvents()
  /** Call events, published in order; subscribe before feeding snapshots. */
  readonly events: CallEventSource = this.publisher
  private readonly log: Logger
  private readonly now: () => number
  private tracked: Tracked | undefined
  /** Live transfer offers that already served a call: each serves one. */
  private readonly usedOffers = new Set<string>()

  constructor(private readonly options: CallCoordinatorOptions) {
    this.now = options.now ?? Date.now
    this.log = options.logger ?? createLogger('calls')
    if (options.bridge) {
      noticeIncomingCalls(this.events, options.bridge, this.log)
    }
    reportCallsToLive(this.events, options.live)
  }

  /** Feed every softphone snapshot, in order. */
  onSnapshot(snapshot: SoftphoneSnapshot): void {
    const { store } = this.options
    // The store first: a subscriber reading the workspace sees this snapshot.
    store.getState().workspace.setPhone(snapshot)
    const call = snapshot.call
    if (call !== null && call.state !== 'idle') {
      if (call.id !== this.tracked?.id) {
        this.onNewCall(call)
      }
      this.onCallChange(call, snapshot.transfer)
    }
    this.publishState({ derived: true })
  }

  /**
   * Follows what the classification of a ringing call also depends on: the live transfer offers,
   * the directory and the session. Returns the unsubscribe.
   */
  follow(): () => void {
    return this.options.store.subscribe((state, previous) => {
      if (
        state.workspace.live.transfers !== previous.workspace.live.transfers ||
        state.workspace.directory !== previous.workspace.directory ||
        state.workspace.session !== previous.workspace.session
      ) {
        this.reconsider(state)
      }
    })
  }

  /** The agent chose beschikbaar, pauze or nawerk. */
  choose(availability: Parameters<ReturnType<Store['getState']>['workspace']['setAvailability']>[0]): void {
    const { workspace } = this.options.store.getState()
    workspace.setStateSetByGateway(undefined)
    workspace.setAvailability(availability)
    this.publishState()
  }

  /**
   * The gateway set the agent's own state by itself (live/own-state.ts): the agent's availability
   * becomes that state, so the app tells it from now on (also after a reconnect) instead of the
   * choice the gateway overruled, and the workspace says why.
   */
  followGateway(state: AgentState): void {
    const availability = followedAvailability(state)
    if (availability === undefined) {
      return
    }
    const { workspace } = this.options.store.getState()
    workspace.setAvailability(availability)
    workspace.setStateSetByGateway(state)
    this.publishState()
  }

  /**
   * Sends the current state (also after login). `derived`: the softphone's call changed, not the
   * agent's choice, so the hub keeps a state the gateway set meanwhile (live-connection.ts).
   */
  publishState(options: { derived?: boolean } = {}): void {
    const { workspace } = this.options.store.getState()
    const { call, transfer } = workspace.phone
    const state = agentStateFor(workspace.availability, call, isConsulting(transfer))
    // The supervisor sees why the agent is on pauze (the gateway's pauzeRedenen).
    const pauzeReden = state === 'pauze' ? workspace.pauseReason : undefined
    this.options.live.setState(state, { ...options, pauzeReden })
  }

  private onNewCall(call: CallSnapshot): void {
    const before = this.tracked
    const replaced = before !== undefined && call.replacedSipCallId === before.sipCallId ? before : undefined
    const classification = this.classify(call, this.options.store.getState(), replaced?.classification)
    this.tracked = {
      id: call.id,
      sipCallId: call.sipCallId,
      call,
      classification,
      rang: call.state === 'ringing',
      answering: false,
      answered: false,
      ended: false,
    }
    const internal = isInternal(call, directoryOf(this.options.store.getState()))
    if (replaced === undefined) {
      this.publisher.publish({ type: 'rang', callId: call.id, call, classification, internal })
      return
    }
    if (!replaced.ended) {
      // The customer's call took over our consult call (INVITE with Replaces, RFC 3891) before the
      // consult's record said `ended`: it ends here, passed on.
      replaced.ended = true
      this.publisher.publish({
        type: 'ended',
        callId: replaced.id,
        call: replaced.call,
        classification: replaced.classification,
        reason: 'transferred',
      })
    }
    this.publisher.publish({
      type: 'replaced',
      callId: call.id,
      replacedCallId: replaced.id,
      call,
      classification,
      replacedClassification: replaced.classification,
      internal,
    })
  }

  private onCallChange(call: CallSnapshot, transfer: TransferSnapshot | null): void {
    const tracked = this.tracked
    if (tracked === undefined || tracked.id !== call.id) {
      return
    }
    tracked.call = call
    const { classification } = tracked
    tracked.rang ||= call.state === 'ringing'
    if (
      tracked.rang &&
      call.direction === 'inbound' &&
      !tracked.answering &&
      (call.state === 'connecting' || call.answeredAt !== undefined)
    ) {
      tracked.answering = true
      this.publisher.publish({ type: 'answering', callId: call.id, call, classification })
    }
    if (call.answeredAt !== undefined && !tracked.answered) {
      tracked.answered = true
      this.publisher.publish({
        type: 'answered',
        callId: call.id,
        call,
        classification,
        answeredAt: call.answeredAt,
      })
    }
    if (call.state === 'ended' && !tracked.ended) {
      tracked.ended = true
      const { workspace } = this.options.store.getState()
      const handledMs =
        call.answeredAt !== undefined ? Math.max(0, Math.round(this.now() - call.answeredAt)) : undefined
      this.publisher.publish({
        type: 'ended',
        callId: call.id,
        call,
        classification,
        reason: endReason(call, transfer),
        ...(handledMs !== undefined ? { handledMs } : {}),
      })
      workspace.setAvailability(availabilityAfterCall(workspace.availability, call))
    }
  }

  /**
   * A ringing call that looked like a customer's or a colleague's may turn out to be a transfer
   * once the live offer naming its nummer arrives (a PBX stripped it from the INVITE), or once the
   * directory says who the asserted caller is.
   */
  private reconsider(state: StoreState): void {
    const tracked = this.tracked
    if (
      tracked === undefined ||
      tracked.ended ||
      tracked.call.state !== 'ringing' ||
      (tracked.classification.kind !== 'customer' && tracked.classification.kind !== 'colleague')
    ) {
      return
    }
    const classification = this.classify(tracked.call, state, undefined)
    if (classification.kind !== 'transferred') {
      return
    }
    const previous = tracked.classification
    tracked.classification = classification
    this.publisher.publish({
      type: 'reclassified',
      callId: tracked.id,
      call: tracked.call,
      classification,
      previous,
    })
  }

  private classify(
    call: CallSnapshot,
    state: StoreState,
    replaced: CallClassification | undefined,
  ): CallClassification {
    const { workspace } = state
    const session = workspace.session
    const classification = classifyCall(call, {
      agentLogin: this.options.agentLogin,
      afdeling:
        this.options.afdeling ?? (session.status === 'active' ? session.agent.afdeling.id : undefined),
      directory: directoryOf(state),
      offers: workspace.live.transfers,
      usedOffers: this.usedOffers,
      replaced,
      now: this.now(),
    })
    const nummer = nummerOf(classification)
    if (classification.kind === 'transferred' && classification.source === 'offer') {
      this.usedOffers.add(classification.transferId)
      this.log.info({ callId: call.id }, 'klantcontactnummer taken from the live transfer offer')
    }
    if (nummer !== undefined) {
      // An offer announcing the nummer this call already brings is spent too.
      for (const offer of workspace.live.transfers) {
        if (offer.klantcontactnummer === nummer) {
          this.usedOffers.add(offer.transferId)
        }
      }
    }
    return classification
  }
}

function directoryOf(state: StoreState) {
  const directory = state.workspace.directory
  return directory.status === 'ready' ? directory.value : undefined
}
