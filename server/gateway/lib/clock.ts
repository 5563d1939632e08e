/** Milliseconds since the epoch; injected so session and transfer expiry can be tested. */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()
