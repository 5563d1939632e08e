import type { Members } from './members'

/**
 * Agents the queue must not offer a call now: one whose offer still rings, and, for a moment
 * after they answered, one whose app has not yet reported the call (the hub still says
 * Beschikbaar with the same time), so an answered agent never gets a second caller on top.
 */
type Reservation = { kind: 'offer' } | { kind: 'hold'; until: number; since: string | undefined }

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

  release(agent: string): void {
    this.reserved.delete(agent)
  }

  /** Who is reserved now; holds end once the agent's state changed since, or after the hold. */
  current(now: number): Set<string> {
    for (const [agent, reservation] of this.reserved) {
      if (
        reservation.kind === 'hold' &&
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
