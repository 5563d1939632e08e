import { missingCaseError } from '../../lib/missing-case'
import type { Transition } from '../states'

/**
 * The monitor call of a supervisor's monitoring session (docs/supervisor.md), at either end: the
 * monitored agent's app dials it, the supervisor's app answers it.
 *
 * | from \ event | established | end   |
 * | ------------ | ----------- | ----- |
 * | connecting   | active      | ended |
 * | active       | –           | ended |
 * | ended        | –           | –     |
 *
 * `–` is refused and keeps the state (a late sip.js callback). An ended monitor stays in the
 * snapshot until the next one starts, so the app can tell "ended" from "never started".
 */
export type MonitorCallState = 'connecting' | 'active' | 'ended'

export type MonitorCallEvent = 'established' | 'end'

export function transitionMonitor(
  state: MonitorCallState,
  event: MonitorCallEvent,
): Transition<MonitorCallState> {
  const refused = (): Transition<MonitorCallState> => ({
    ok: false,
    state,
    reason: `monitor call: ${event} in ${state}`,
  })
  switch (state) {
    case 'connecting':
      return { ok: true, state: event === 'established' ? 'active' : 'ended' }
    case 'active':
      return event === 'end' ? { ok: true, state: 'ended' } : refused()
    case 'ended':
      return refused()
    default:
      throw missingCaseError(state)
  }
}
