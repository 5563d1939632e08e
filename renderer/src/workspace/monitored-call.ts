import type { StoreApi } from 'zustand'
import { createLogger, type Logger } from '../log'
import type { Monitoring } from '../softphone/monitor/monitoring'
import type { StoreState } from '../store/types'

/**
 * The monitored agent's app acting on the gateway's word (docs/supervisor.md): for a monitoring
 * session on the agent's own established call (live event `monitor.started`) it calls the
 * supervisor with both legs of the call; when the session ends (`monitor.ended`, or the call's
 * end) it hangs that call up. Each session is dialled once: a supervisor who hangs up is not
 * called again. Returns the unsubscribe.
 */
export function startMonitoredCall(options: {
  readonly store: Pick<StoreApi<StoreState>, 'getState' | 'subscribe'>
  readonly monitoring: Pick<Monitoring, 'feedSupervisor' | 'endFeed'>
  readonly agentLogin: string
  readonly logger?: Logger
}): () => void {
  const { store, monitoring, agentLogin } = options
  const log = options.logger ?? createLogger('monitoring')
  const fed = new Set<string>()
  const check = (state: StoreState): void => {
    const call = state.workspace.phone.call
    const mine = state.workspace.live.monitors.filter((m) => m.agent === agentLogin)
    for (const monitor of mine) {
      const established = call?.state === 'active' || call?.state === 'on_hold'
      if (fed.has(monitor.id) || !established || call.id !== monitor.callId) {
        continue
      }
      fed.add(monitor.id)
      monitoring
        .feedSupervisor({ id: monitor.id, extension: monitor.supervisorExtension, mode: monitor.mode })
        .catch((error: unknown) => log.warn({ error: String(error) }, 'monitor call not made'))
    }
    for (const id of fed) {
      if (!mine.some((m) => m.id === id)) {
        fed.delete(id)
        void monitoring.endFeed(id)
      }
    }
  }
  check(store.getState())
  return store.subscribe(check)
}
