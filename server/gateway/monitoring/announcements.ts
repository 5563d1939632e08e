import type { Roster } from '../directory/roster'
import type { LiveHub } from '../live'
import type { MonitorListener } from './service'

/**
 * The live hub's side of monitoring sessions: the monitored agent's app makes the monitor call to
 * the supervisor once the hub tells it a session started, and hangs it up when the hub says it
 * ended (docs/supervisor.md). The event names the supervisor's extension, so the app knows whom
 * to call.
 */
export interface MonitorAnnouncements {
  started: MonitorListener
  ended: MonitorListener
}

export function monitorAnnouncements(hub: LiveHub, roster: Pick<Roster, 'byLogin'>): MonitorAnnouncements {
  return {
    async started(session) {
      const supervisor = roster.byLogin(session.supervisor)
      if (!supervisor) {
        return
      }
      await hub.publish({
        type: 'monitor.started',
        monitor: {
          id: session.id,
          supervisor: session.supervisor,
          supervisorName: supervisor.displayName,
          supervisorExtension: supervisor.sipExtension,
          agent: session.agent,
          mode: session.mode,
          callId: session.callId,
        },
      })
    },
    async ended(session) {
      await hub.publish({
        type: 'monitor.ended',
        id: session.id,
        supervisor: session.supervisor,
        agent: session.agent,
      })
    },
  }
}
