import type { Members } from './members'

/**
 * Agents the queue must not offer a call now: one whose offer still rings; for a moment after they
 * answered, one whose app has not yet reported the call (the hub still says Beschikbaar with the
 * same time), so an answered agent never gets a second caller on top; and for a ring time, one who
 * had no registration, so a Beschikbaar agent whose phone is gone is not rung again and again.
 */
type Reservation =
  | { kind: 'offer' }
  | { kind: 'hold'; until: number; since: string | undefined }
  /** Not registered when last rung: left alone for a while, or until their state changes. */
  | { kind: 'rest'; until: number; since: string | undefined }

/** An agent who answered is not offered another call until their app reports it, or this long. */
export const ANSWER_HOLD_MS = 10_000

export class Reservations {
  private readonly reserved = new Map<string, Reservation>()

  constructor(private readonly members: Members) {}

  offer(agent: string): void {
    this.reserved.set(agent, { kind: 'offer' })
  }

  /** The agent answered at `now`. */
  answered(agent: string, now: number): void {
    this.reserved.set(agent, { kind: 'hold', until: now + ANSWER_HOLD_MS, since: this.members.since(agent) })
  }

  /** The agent could not be rung at `now` (no registration). */
  rest(agent: string, now: number, ms: number): void {
    this.reserved.set(agent, { kind: 'rest', until: now + ms, since: this.members.since(agent) })
  }

  release(agent: string): void {
    this.reserved.delete(agent)
  }

  /** Who is reserved now; a hold or rest ends once the agent's state changed since, or after it. */
  current(now: number): Set<string> {
    for (const [agent, reservation] of this.reserved) {
      if (
        reservation.kind !== 'offer' &&
        (now >= reservation.until ||
          this.members.stateOf(agent) !== 'beschikbaar' ||
          this.members.since(agent) !== reservation.since)
      ) {
        this.reserved.delete(agent)
      }
    }
    return new Set(this.reserved.keys())
  }
}
