import { useNow } from '../lib/use-now'
import { gatewayClock } from './gateway-clock'

/**
 * The gateway's time now (ms), refreshed every `intervalMs`: what a ticking duration on screen
 * counts up to when it counts from a time on the live feed (gateway-clock.ts).
 */
export function useGatewayNow(intervalMs = 1_000): number {
  return gatewayClock.now(useNow(intervalMs))
}
