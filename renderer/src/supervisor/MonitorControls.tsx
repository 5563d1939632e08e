import { Button } from '@nl-design-system-candidate/button-react'
import { useContext } from 'react'
import { MONITOR_MODES } from '../../../shared/live/protocol'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { ServicesContext } from '../services/context'
import { useAppStore } from '../store'
import { supervisorMessages } from './messages'

/**
 * Meeluisteren / Fluisteren / Inbreken on an agent's call (docs/supervisor.md), shown only where
 * the gateway's rule allows them (team-view.ts `monitorable`); the gateway still decides.
 */
export function MonitorControls(props: { readonly login: string; readonly naam: string }) {
  const t = useMessages(supervisorMessages)
  const services = useContext(ServicesContext)
  const intent = useAppStore((s) => s.monitoring.intent)
  if (!services) {
    return null
  }
  const busy = intent?.status === 'starting'
  return (
    <div className="monitor-controls" role="group" aria-label={format(t.acties, { naam: props.naam })}>
      {MONITOR_MODES.map((mode) => {
        const running = intent?.status === 'active' && intent.agent === props.login && intent.mode === mode
        return (
          <Button
            key={mode}
            purpose="secondary"
            title={t.modeHint[mode]}
            disabled={busy || running}
            onClick={() => {
              // aria-disabled keeps the button focusable, so the click must be refused here.
              if (!busy && !running) {
                void services.monitoring.start(props.login, mode)
              }
            }}
          >
            {t.mode[mode]}
          </Button>
        )
      })}
    </div>
  )
}

/** The supervisor's own monitoring session: what it is, and Stoppen. A refusal shows in the agent's row. */
export function MonitorSession(props: { readonly naamOf: (login: string) => string }) {
  const t = useMessages(supervisorMessages)
  const services = useContext(ServicesContext)
  const intent = useAppStore((s) => s.monitoring.intent)
  const monitor = useAppStore((s) => s.workspace.phone.monitor)
  if (!intent || intent.status === 'failed' || !services) {
    return null
  }
  const naam = props.naamOf(intent.agent)
  const connected = intent.status === 'active' && monitor?.id === intent.id && monitor.state === 'active'
  return (
    <section className="monitor-session" aria-label={t.sessie}>
      <p role="status" data-status={connected ? 'connected' : intent.status}>
        {intent.status === 'starting'
          ? format(t.bezig, { naam })
          : `${format(t.actief[intent.mode], { naam })}${connected ? '' : ` ${t.verbinden}`}`}
      </p>
      {intent.status === 'active' ? (
        <Button purpose="primary" onClick={() => void services.monitoring.stop()}>
          {t.stoppen}
        </Button>
      ) : null}
    </section>
  )
}
