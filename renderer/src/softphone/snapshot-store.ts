import type { Klantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import type { Logger } from '../log'
import { transitionCall, transitionRegistration, type CallEvent, type RegistrationEvent } from './states'
import { transitionMonitor, type MonitorCallEvent } from './monitor/monitor-states'
import {
  canStep,
  firstStep,
  transitionTransfer,
  type TransferEvent,
  type TransferStep,
} from './transfer/transfer-states'
import type {
  CallSnapshot,
  DeviceChoice,
  MonitorSnapshot,
  SoftphoneListener,
  SoftphoneSnapshot,
  TransferKind,
  TransferSnapshot,
} from './types'

/** Before `start()`: not registered, no call, the system's default devices. */
export const INITIAL_SNAPSHOT: SoftphoneSnapshot = {
  registration: 'unregistered',
  call: null,
  consult: null,
  transfer: null,
  monitor: null,
  devices: {},
}

/** Which call record: the customer's call, or the agent's consult call during a warm transfer. */
export type CallSlot = 'call' | 'consult'

type CallPatch = Partial<
  Pick<CallSnapshot, 'state' | 'held' | 'muted' | 'answeredAt' | 'answeredElsewhere' | 'declined' | 'failure'>
>
type TransferPatch = Partial<Pick<TransferSnapshot, 'reason' | 'referSentAt' | 'notifyOkAt'>>

/**
 * The softphone's published state: every change goes through the state machines in states.ts and
 * transfer-states.ts, and every listener gets the new immutable snapshot. A refused transition
 * changes nothing and is logged (it means a late or duplicate sip.js callback, not an error to
 * surface).
 */
export class SnapshotStore {
  private snapshot: SoftphoneSnapshot = INITIAL_SNAPSHOT
  private readonly listeners = new Set<SoftphoneListener>()

  constructor(
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  get(): SoftphoneSnapshot {
    return this.snapshot
  }

  subscribe(listener: SoftphoneListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  registration(event: RegistrationEvent): void {
    const next = transitionRegistration(this.snapshot.registration, event)
    if (!next.ok) {
      this.log.debug({ reason: next.reason }, 'registration transition refused')
      return
    }
    if (next.state !== this.snapshot.registration) {
      this.publish({ ...this.snapshot, registration: next.state })
    }
  }

  /**
   * A new call record, in `idle` until its first event. A new customer call starts with no consult
   * and no transfer: those belonged to the previous one.
   */
  newCall(call: Omit<CallSnapshot, 'state' | 'startedAt' | 'muted' | 'held'>, slot: CallSlot = 'call'): void {
    const record: CallSnapshot = { ...call, state: 'idle', startedAt: this.now(), muted: false, held: false }
    this.publish(
      slot === 'call'
        ? { ...this.snapshot, call: record, consult: null, transfer: null }
        : { ...this.snapshot, consult: record },
    )
  }

  callEvent(event: CallEvent, slot: CallSlot = 'call'): void {
    const call = this.snapshot[slot]
    if (!call) {
      return
    }
    const next = transitionCall(call.state, event)
    if (!next.ok) {
      this.log.debug({ slot, reason: next.reason }, 'call transition refused')
      return
    }
    this.updateCall(
      {
        state: next.state,
        held: next.state === 'on_hold',
        ...(event === 'established' ? { answeredAt: this.now() } : {}),
      },
      slot,
    )
  }

  updateCall(patch: CallPatch, slot: CallSlot = 'call'): void {
    const call = this.snapshot[slot]
    if (call) {
      this.publish({ ...this.snapshot, [slot]: { ...call, ...patch } })
    }
  }

  /**
   * Starts a transfer record (`consult` for warm, `blind_refer` for blind). Returns false, changing
   * nothing, while another transfer is under way.
   */
  beginTransfer(
    event: 'consult' | 'blind_refer',
    start: { kind: TransferKind; target: string; klantcontactnummer?: Klantcontactnummer | undefined },
    patch: TransferPatch = {},
  ): boolean {
    const next = transitionTransfer(this.snapshot.transfer?.state ?? null, event)
    if (!next.ok || next.state === null) {
      this.log.debug({ reason: next.ok ? event : next.reason }, 'transfer transition refused')
      return false
    }
    const transfer: TransferSnapshot = {
      kind: start.kind,
      state: next.state,
      target: start.target,
      ...(start.klantcontactnummer ? { klantcontactnummer: start.klantcontactnummer } : {}),
      step: firstStep(event),
      startedAt: this.now(),
      ...patch,
    }
    this.publish({ ...this.snapshot, transfer })
    return true
  }

  /**
   * Moves the current transfer on. Returns whether it moved, so of two racing callbacks (a NOTIFY
   * and a timeout, say) exactly one acts.
   */
  transferEvent(event: TransferEvent, patch: TransferPatch = {}): boolean {
    const transfer = this.snapshot.transfer
    const next = transitionTransfer(transfer?.state ?? null, event)
    if (!transfer || !next.ok || next.state === null) {
      this.log.debug({ reason: next.ok ? event : next.reason }, 'transfer transition refused')
      return false
    }
    const ended = next.state === 'completed' || next.state === 'failed' || next.state === 'cancelled'
    const { step: _step, ...rest } = transfer
    this.publish({
      ...this.snapshot,
      transfer: {
        ...rest,
        ...patch,
        state: next.state,
        ...(ended ? { endedAt: this.now() } : { step: event === 'refer' ? 'referring' : transfer.step }),
      },
    })
    return true
  }

  /**
   * Moves the transfer under way to its next step (TRANSFER_STEPS). Returns whether it moved: false
   * for a transfer that ended meanwhile, or a step that does not follow.
   */
  transferStep(step: TransferStep): boolean {
    const transfer = this.snapshot.transfer
    if (!transfer || !canStep(transfer.step, step)) {
      this.log.debug({ from: transfer?.step, to: step }, 'transfer step refused')
      return false
    }
    this.publish({ ...this.snapshot, transfer: { ...transfer, step } })
    return true
  }

  /** A new monitor call, `connecting` (it replaces the last one's record). */
  newMonitor(monitor: Omit<MonitorSnapshot, 'state'>): void {
    this.publish({ ...this.snapshot, monitor: { ...monitor, state: 'connecting' } })
  }

  /** Moves the monitor call `id` on; an event for an earlier monitor call changes nothing. */
  monitorEvent(id: string, event: MonitorCallEvent): void {
    const monitor = this.snapshot.monitor
    if (!monitor || monitor.id !== id) {
      return
    }
    const next = transitionMonitor(monitor.state, event)
    if (!next.ok) {
      this.log.debug({ reason: next.reason }, 'monitor transition refused')
      return
    }
    this.publish({ ...this.snapshot, monitor: { ...monitor, state: next.state } })
  }

  /** The agent's device choice; an id set to undefined goes back to the system default. */
  devices(choice: DeviceChoice): void {
    const merged: Record<string, string | undefined> = { ...this.snapshot.devices, ...choice }
    // Plain data without `undefined` members, so snapshots compare and serialise cleanly.
    const devices: DeviceChoice = Object.fromEntries(
      Object.entries(merged).filter(([, id]) => id !== undefined),
    )
    const current = this.snapshot.devices
    if (devices.microphoneId !== current.microphoneId || devices.speakerId !== current.speakerId) {
      this.publish({ ...this.snapshot, devices })
    }
  }

  private publish(snapshot: SoftphoneSnapshot): void {
    this.snapshot = snapshot
    for (const listener of this.listeners) {
      listener(snapshot)
    }
  }
}
