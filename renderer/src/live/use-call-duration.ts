import { useNow } from '../lib/use-now'
import { useAppStore } from '../store'
import type { LiveCall } from '../../../shared/live/protocol'
import { gatewayClock, sinceGatewayTime } from './gateway-clock'

/**
 * How long a call has been answered, as every screen shows it: from the answer time the gateway
 * stamped (`LiveCall.answeredAt`, live/gateway-clock.ts), so the agent's own timer and the
 * supervisor's row say the same. Until the hub's record has it (the first moment after Opnemen, or
 * with the live connection down), from the app's own moment `localSince` on the app's clock.
 */
export function callDurationMs(
  live: LiveCall | undefined,
  localSince: number | undefined,
  appNow: number,
  gatewayOffsetMs: number,
): number | undefined {
  if (live?.answeredAt !== undefined) {
    return sinceGatewayTime(live.answeredAt, appNow + gatewayOffsetMs)
  }
  return localSince !== undefined ? Math.max(0, appNow - localSince) : undefined
}

/** `callDurationMs` for the call with this record id, ticking every second. */
export function useCallDuration(callId: string, localSince: number | undefined): number | undefined {
  const appNow = useNow()
  const live = useAppStore((s) => s.workspace.live.calls.find((c) => c.callId === callId))
  return callDurationMs(live, localSince, appNow, gatewayClock.offsetMs)
}
