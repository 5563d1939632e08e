import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { useAppStore } from '../store'
import { workspaceMessages } from './messages'

/**
 * Tells the agent that a supervisor monitors their call, and how: shown while the
 * monitor call runs, unless the gateway's policy (`monitorNotice`) turns it off.
 */
export function MonitorNotice(props: { readonly enabled: boolean }) {
  const t = useMessages(workspaceMessages)
  const monitor = useAppStore((s) => s.workspace.phone.monitor)
  const monitors = useAppStore((s) => s.workspace.live.monitors)
  if (!props.enabled || monitor?.role !== 'monitored' || monitor.state === 'ended') {
    return null
  }
  const naam = monitors.find((m) => m.id === monitor.id)?.supervisorName ?? 'Een supervisor'
  return (
    <p role="status" className="monitor-notice" data-mode={monitor.mode}>
      {format(t.monitored[monitor.mode], { naam })}
    </p>
  )
}
