/**
 * The gateway's clock as seen from this app. Every time on the live feed (a call's start and
 * answer, an agent's state change, a caller joining the queue) is the gateway's; counting a duration
 * from one of them with the app's own clock shows a wrong duration on a workstation whose clock is
 * off. The live socket sends the gateway's time with `welcome` and every `pong`; each such answer
 * gives an estimate of the offset (gateway minus app), as NTP does: the gateway's time is taken to
 * be half-way the round trip. The estimate from the shortest recent round trip wins: its error is at
 * most half that round trip.
 */
export interface ClockSample {
  /** The app's clock (ms) when the request went out. */
  readonly sentAt: number
  /** The gateway's clock (ms) in its answer. */
  readonly serverTime: number
  /** The app's clock (ms) when the answer arrived. */
  readonly receivedAt: number
}

/** Samples kept: a few minutes of pings, so a clock that is set meanwhile is followed soon. */
const KEPT = 8

/** The offset (gateway minus app, ms) one sample suggests, and how far off it can be. */
export function offsetOf(sample: ClockSample): { readonly offsetMs: number; readonly errorMs: number } {
  const roundTrip = Math.max(0, sample.receivedAt - sample.sentAt)
  return {
    offsetMs: Math.round(sample.serverTime - (sample.sentAt + roundTrip / 2)),
    errorMs: roundTrip / 2,
  }
}

export class GatewayClock {
  private samples: ClockSample[] = []
  private offset = 0

  /** Adds an answer from the gateway; a sample with a time that is no time is ignored. */
  sample(sample: ClockSample): void {
    if (![sample.sentAt, sample.serverTime, sample.receivedAt].every(Number.isFinite)) {
      return
    }
    if (sample.receivedAt < sample.sentAt) {
      // The app's own clock was set back during the round trip: this sample says nothing.
      return
    }
    this.samples = [...this.samples, sample].slice(-KEPT)
    const best = this.samples.reduce((a, b) => (offsetOf(b).errorMs < offsetOf(a).errorMs ? b : a))
    this.offset = offsetOf(best).offsetMs
  }

  /** Gateway minus app, ms; 0 before the first answer. */
  get offsetMs(): number {
    return this.offset
  }

  /** The gateway's time now, ms since the epoch. */
  now(appNow: number = Date.now()): number {
    return appNow + this.offset
  }

  /** Forgets everything (a new login). */
  reset(): void {
    this.samples = []
    this.offset = 0
  }
}

/** The one clock of this app's page: the live connection feeds it, every duration on screen reads it. */
export const gatewayClock = new GatewayClock()

/** The gateway's time now (ms since the epoch): the moment to count a duration up to. */
export function gatewayNow(): number {
  return gatewayClock.now()
}

/**
 * Milliseconds from a gateway time (ISO, as on the live feed) to `now` (a gateway time, ms), never
 * negative; 0 for a time that does not parse.
 */
export function sinceGatewayTime(iso: string, now: number): number {
  const at = Date.parse(iso)
  return Number.isFinite(at) ? Math.max(0, now - at) : 0
}
