import type { Logger } from '../log'
import { transitionCall, transitionRegistration, type CallEvent, type RegistrationEvent } from './states'
import type { CallSnapshot, DeviceChoice, SoftphoneListener, SoftphoneSnapshot } from './types'

/** Before `start()`: not registered, no call, the system's default devices. */
export const INITIAL_SNAPSHOT: SoftphoneSnapshot = { registration: 'unregistered', call: null, devices: {} }

/**
 * The softphone's published state: every change goes through the state machines in states.ts, and
 * every listener gets the new immutable snapshot. A refused transition changes nothing and is
 * logged (it means a late or duplicate sip.js callback, not an error to surface).
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
      this.log.debug('registration transition refused', { reason: next.reason })
      return
    }
    if (next.state !== this.snapshot.registration) {
      this.publish({ ...this.snapshot, registration: next.state })
    }
  }

  /** A new call record, in `idle` until its first event. */
  newCall(call: Omit<CallSnapshot, 'state' | 'startedAt' | 'muted' | 'held'>): void {
    this.publish({
      ...this.snapshot,
      call: { ...call, state: 'idle', startedAt: this.now(), muted: false, held: false },
    })
  }

  callEvent(event: CallEvent): void {
    const call = this.snapshot.call
    if (!call) {
      return
    }
    const next = transitionCall(call.state, event)
    if (!next.ok) {
      this.log.debug('call transition refused', { reason: next.reason })
      return
    }
    this.updateCall({
      state: next.state,
      held: next.state === 'on_hold',
      ...(event === 'established' ? { answeredAt: this.now() } : {}),
    })
  }

  updateCall(patch: Partial<Pick<CallSnapshot, 'state' | 'held' | 'muted' | 'answeredAt'>>): void {
    if (this.snapshot.call) {
      this.publish({ ...this.snapshot, call: { ...this.snapshot.call, ...patch } })
    }
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
