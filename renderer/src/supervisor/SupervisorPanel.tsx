import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import type { MonitorScope } from '../../../shared/gateway/monitor-rule'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { useGatewayNow } from '../live/use-gateway-now'
import { formatDuration } from '../phone/CallTimer'
import { useAppStore } from '../store'
import { supervisorMessages } from './messages'
import { MonitorSession } from './MonitorControls'
import { queueFigures } from './queue-figures'
import { QueueTable } from './QueueTable'
import './supervisor.css'
import { TeamTable } from './TeamTable'
import { teamView } from './team-view'
import { TodayTable } from './TodayTable'

/**
 * The supervisor's view of the team (docs/supervisor.md), compact for the side column: the
 * afdelingen's queues (waiting now and today's figures), per afdeling every agent with their state
 * and for how long, their current call (direction, time since the answer, the caller's number
 * partly masked, klantcontactnummer and onderwerp, the onderwerp hidden for a vertrouwelijk
 * klantcontact) with the monitoring actions the gateway allows, today's calls and the transfers in
 * flight. Everything comes from the live socket, which streams a supervisor every change as it
 * happens; the durations tick on the gateway's clock (live/gateway-clock.ts), as the agent's own do.
 */
export function SupervisorPanel() {
  const t = useMessages(supervisorMessages)
  const live = useAppStore((s) => s.workspace.live)
  const directory = useAppStore((s) => s.workspace.directory)
  const session = useAppStore((s) => s.workspace.session)
  const now = useGatewayNow()
  if (directory.status !== 'ready') {
    return null
  }
  const scope: MonitorScope | undefined =
    session.status === 'active'
      ? {
          login: session.agent.login,
          role: session.agent.role,
          supervises: session.agent.supervises ?? [],
        }
      : undefined
  const view = teamView(directory.value, live, now, scope)
  const naamOf = (login: string): string =>
    view.afdelingen.flatMap((a) => a.members).find((m) => m.login === login)?.naam ?? login

  return (
    <section className="panel supervisor" aria-labelledby="team-title">
      <Heading level={2} id="team-title">
        {t.title}
      </Heading>
      {live.connection !== 'open' ? (
        <div className="utrecht-alert utrecht-alert--warning" role="alert">
          <p className="utrecht-alert__message">{t.verbinding}</p>
        </div>
      ) : null}
      <MonitorSession naamOf={naamOf} />
      <QueueTable figures={queueFigures(directory.value, live, now)} />
      {view.afdelingen.length === 0 ? <Paragraph>{t.geenMedewerkers}</Paragraph> : null}
      {view.afdelingen.map((afdeling) => (
        <TeamTable key={afdeling.id} afdeling={afdeling} />
      ))}
      <TodayTable today={view.today} />
      <Heading level={3}>{t.overdrachten}</Heading>
      {view.transfers.length === 0 ? (
        <Paragraph>{t.geenOverdrachten}</Paragraph>
      ) : (
        <ul className="team-transfers" aria-label={t.overdrachten}>
          {view.transfers.map((transfer) => (
            <li key={transfer.transferId}>
              {format(t.overdracht, {
                van: transfer.from,
                naar: transfer.to,
                nummer: transfer.klantcontactnummer,
                duur: formatDuration(transfer.sinceMs),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
