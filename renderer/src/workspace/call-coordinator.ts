import type { AgentBridge } from '../../../shared/bridge'
import type { LiveConnection } from '../live/live-connection'
import { createLogger, type Logger } from '../log'
import type { CallEndReason } from '../../../shared/live/protocol'
import { addressUser } from '../softphone/call/call-target'
import type { CallSnapshot, SoftphoneSnapshot, TransferSnapshot } from '../softphone/types'
import type { useAppStore } from '../store'
import { agentStateFor, availabilityAfterCall, isConsulting } from './agent-state'

type Store = typeof useAppStore

/**
 * Turns what the softphone does into what the workspace shows and the gateway hears (issue 4 §5):
 * every snapshot goes into the store (where the screen pop, klantcontact/screen-pop.ts, opens the
 * klantcontact), an inbound call asks the desktop shell to bring the window forward, and the
 * agent's state and calls go to the live hub. One instance per logged-in workspace.
 */
export interface CallCoordinatorOptions {
  store: Store
  live: Pick<LiveConnection, 'setState' | 'callStarted' | 'callEnded'>
  bridge?: AgentBridge
  logger?: Logger
  /** Epoch ms (the handling time at a call's end); tests pass their own clock. */
  now?: () => number
}

export class CallCoordinator {
  private readonly log: Logger
  private previous: CallSnapshot | null = null

  private readonly now: () => number

  constructor(private readonly options: CallCoordinatorOptions) {
    this.now = options.now ?? Date.now
    this.log = options.logger ?? createLogger('calls')
  }

  /** Feed every softphone snapshot, in order. */
  onSnapshot(snapshot: SoftphoneSnapshot): void {
    const { store } = this.options
    const before = this.previous
    const call = snapshot.call
    this.previous = call
    // The screen pop (klantcontact/screen-pop.ts) follows this store update synchronously.
    store.getState().workspace.setPhone(snapshot)
    if (call && call.id !== before?.id) {
      if (before && before.state !== 'ended' && call.replacedSipCallId === before.sipCallId) {
        // The customer's call took over our consult call (INVITE with Replaces, RFC 3891): that
        // call never reports `ended` as the snapshot's call, so the hub hears it here.
        this.options.live.callEnded(before.id, 'transferred')
      }
      this.onNewCall(call)
    }
    if (call && call.state !== before?.state) {
      this.onStateChange(call)
    }
    this.publishState()
  }

  /** The agent chose beschikbaar, pauze or nawerk. */
  choose(availability: Parameters<ReturnType<Store['getState']>['workspace']['setAvailability']>[0]): void {
    this.options.store.getState().workspace.setAvailability(availability)
    this.publishState()
  }

  /** Sends the current derived state (also after login). */
  publishState(): void {
    const { workspace } = this.options.store.getState()
    const { call, transfer } = workspace.phone
    this.options.live.setState(agentStateFor(workspace.availability, call, isConsulting(transfer)))
  }

  private onNewCall(call: CallSnapshot): void {
    const { bridge } = this.options
    // A call that replaced our consult call (the customer, transferred to us: INVITE with Replaces,
    // RFC 3891) never rang: the agent is already talking, so no notification and no window raise.
    if (call.direction === 'inbound' && call.replacedSipCallId === undefined) {
      if (bridge?.calls) {
        void bridge.calls
          .notifyIncoming({
            callerNumber: call.remoteNumber,
            ...(call.klantcontactnummer ? { klantcontactnummer: call.klantcontactnummer } : {}),
          })
          .catch((error: unknown) => this.log.warn('notification failed', { error: String(error) }))
      }
    }
    this.options.live.callStarted({
      callId: call.id,
      direction: call.direction,
      callerNumber: call.remoteNumber,
      ...(call.klantcontactnummer ? { klantcontactnummer: call.klantcontactnummer } : {}),
      ...(this.isInternal(call) ? { internal: true } : {}),
    })
  }

  /**
   * Whether the other party is a colleague or an afdeling's group address (a consult, a call
   * between colleagues): such calls are not counted as customer calls on the supervisor's view. An
   * inbound call is a colleague's only by its asserted caller: its From is whatever the caller wrote.
   */
  private isInternal(call: CallSnapshot): boolean {
    const remote = call.direction === 'inbound' ? call.assertedCaller : call.remoteNumber
    return remote !== undefined && this.isColleague(remote)
  }

  private isColleague(remote: string): boolean {
    const directory = this.options.store.getState().workspace.directory
    if (directory.status !== 'ready') {
      return false
    }
    return (
      directory.value.medewerkers.some((m) => m.extension === remote) ||
      directory.value.afdelingen.some((a) => addressUser(a.groupAddress) === remote)
    )
  }

  private onStateChange(call: CallSnapshot): void {
    if (call.state !== 'ended') {
      return
    }
    const { workspace } = this.options.store.getState()
    const handledMs =
      call.answeredAt !== undefined ? Math.max(0, Math.round(this.now() - call.answeredAt)) : undefined
    this.options.live.callEnded(call.id, endReason(call, workspace.phone.transfer), handledMs)
    workspace.setAvailability(availabilityAfterCall(workspace.availability, call))
  }
}

/**
 * Why a call ended, for the live hub's counters: passed on to a colleague, talked, answered by a
 * colleague it also rang for, or never answered.
 */
function endReason(call: CallSnapshot, transfer: TransferSnapshot | null): CallEndReason {
  if (transfer?.state === 'completed') {
    return 'transferred'
  }
  if (call.answeredAt !== undefined) {
    return 'completed'
  }
  return call.answeredElsewhere ? 'answered_elsewhere' : 'abandoned'
}
