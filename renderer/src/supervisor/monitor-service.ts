import type { StoreApi } from 'zustand'
import type { MonitorMode } from '../../../shared/live/protocol'
import { isGatewayError } from '../api/errors'
import type { GatewayApi } from '../api/gateway-client'
import { createLogger, type Logger } from '../log'
import type { Monitoring } from '../softphone/monitor/monitoring'
import type { StoreState } from '../store/types'
import { supervisorMessages } from './messages'

const t = supervisorMessages.nl

/**
 * The supervisor's Meeluisteren / Fluisteren / Inbreken (docs/supervisor.md): the
 * gateway authorises and records the session, the softphone answers the monitor call the agent's
 * app then makes. The session is ended at the gateway however the monitor call ends (Stoppen, the
 * agent's call over, either side hanging up), so its end is in the audit log too.
 */
/** How long a refusal stays beside the agent's row when the supervisor does nothing else. */
export const FAILURE_SHOWN_MS = 8_000

export interface MonitorServiceOptions {
  readonly store: Pick<StoreApi<StoreState>, 'getState' | 'subscribe'>
  readonly api: Pick<GatewayApi, 'startMonitor' | 'stopMonitor'>
  readonly monitoring: Pick<Monitoring, 'expect' | 'stop'>
  readonly logger?: Logger
}

export class MonitorService {
  private readonly log: Logger

  constructor(private readonly options: MonitorServiceOptions) {
    this.log = options.logger ?? createLogger('monitoring')
  }

  /** Starts monitoring `agent`'s call; a running session is ended first. Never rejects. */
  async start(agent: string, mode: MonitorMode): Promise<void> {
    const { store, api, monitoring } = this.options
    const { setIntent } = store.getState().monitoring
    await this.stop()
    setIntent({ status: 'starting', agent, mode })
    try {
      const session = await api.startMonitor({ agent, mode })
      monitoring.expect(session.id, mode)
      setIntent({ status: 'active', id: session.id, agent, mode })
    } catch (error) {
      this.log.warn({ error: String(error) }, 'monitoring refused')
      setIntent({ status: 'failed', agent, mode, message: reasonOf(error) })
      // A refusal is news, not a state: it goes once the supervisor has had time to read it.
      const failed = store.getState().monitoring.intent
      setTimeout(() => {
        if (store.getState().monitoring.intent === failed) {
          store.getState().monitoring.setIntent(null)
        }
      }, FAILURE_SHOWN_MS)
    }
  }

  /** "Stoppen": hangs up the monitor call and ends the session at the gateway. Never rejects. */
  async stop(): Promise<void> {
    const { store, monitoring } = this.options
    const intent = store.getState().monitoring.intent
    store.getState().monitoring.setIntent(null)
    if (intent?.status !== 'active') {
      return
    }
    await monitoring.stop(intent.id)
    await this.end(intent.id)
  }

  /** Ends the session at the gateway when its monitor call ends by itself. Returns the unsubscribe. */
  follow(): () => void {
    const { store } = this.options
    return store.subscribe((state, previous) => {
      const monitor = state.workspace.phone.monitor
      if (
        monitor?.role !== 'monitoring' ||
        monitor.state !== 'ended' ||
        previous.workspace.phone.monitor?.state === 'ended'
      ) {
        return
      }
      const intent = state.monitoring.intent
      if (intent?.status === 'active' && intent.id === monitor.id) {
        state.monitoring.setIntent(null)
        void this.end(monitor.id)
      }
    })
  }

  private async end(id: string): Promise<void> {
    try {
      await this.options.api.stopMonitor(id)
    } catch (error) {
      // 404: already ended. Otherwise the session stays open in the gateway's records; logged.
      this.log.warn({ error: String(error) }, 'ending the monitoring session failed')
    }
  }
}

/** The app's own words for a refusal: the gateway's rule is known (shared/gateway/monitor-rule.ts). */
function reasonOf(error: unknown): string {
  if (isGatewayError(error) && error.kind === 'rejected') {
    if (error.status === 403) {
      return t.monitorGeweigerd
    }
    if (error.status === 409) {
      return t.monitorGeenGesprek
    }
  }
  return t.monitorFailed
}
