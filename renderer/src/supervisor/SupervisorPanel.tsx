import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { useNow } from '../lib/use-now'
import { formatDuration } from '../phone/CallTimer'
import { useAppStore } from '../store'
import { workspaceMessages } from '../workspace/messages'
import type { MonitorInfo } from '../../../shared/live/protocol'
import { supervisorMessages } from './messages'
import { MonitorControls, MonitorSession } from './MonitorControls'
import { queueFigures } from './queue-figures'
import { QueueTable } from './QueueTable'
import './supervisor.css'
import { teamView, type TeamCall, type TeamMember } from './team-view'

/**
 * The supervisor's view of the team (docs/supervisor.md): the afdelingen's queues (waiting now and
 * today's figures), per afdeling every agent with their state
 * and for how long, their current call (direction, duration, the caller's number partly masked,
 * klantcontactnummer and onderwerp, the onderwerp hidden for a vertrouwelijk klantcontact), and the
 * transfers in flight. Everything comes from the live socket, which streams a supervisor every
 * change as it happens; only the durations tick locally.
 */
export function SupervisorPanel() {
  const t = useMessages(supervisorMessages)
  const states = useMessages(workspaceMessages).states
  const live = useAppStore((s) => s.workspace.live)
  const directory = useAppStore((s) => s.workspace.directory)
  const session = useAppStore((s) => s.workspace.session)
  const now = useNow()
  if (directory.status !== 'ready') {
    return null
  }
  const view = teamView(directory.value, live, now)
  const self = session.status === 'active' ? session.agent.login : undefined
  const naamOf = (login: string): string =>
    view.afdelingen.flatMap((a) => a.members).find((m) => m.login === login)?.naam ?? login

  return (
    <section className="panel supervisor" aria-labelledby="team-title">
      <h2 id="team-title">{t.title}</h2>
      {live.connection !== 'open' ? (
        <p role="alert" className="error">
          {t.verbinding}
        </p>
      ) : null}
      <MonitorSession naamOf={naamOf} />
      <QueueTable figures={queueFigures(directory.value, live, now)} />
      {view.afdelingen.length === 0 ? <p>{t.geenMedewerkers}</p> : null}
      {view.afdelingen.map((afdeling) => (
        <table key={afdeling.id} className="team-table" aria-label={afdeling.naam}>
          <caption>{afdeling.naam}</caption>
          <thead>
            <tr>
              <th scope="col">{t.medewerker}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.sinds}</th>
              <th scope="col">{t.gesprek}</th>
            </tr>
          </thead>
          <tbody>
            {afdeling.members.map((member) => (
              <MemberRow
                key={member.login}
                member={member}
                stateText={states[member.state]}
                monitors={live.monitors.filter((m) => m.agent === member.login)}
                canMonitor={member.login !== self}
                t={t}
              />
            ))}
          </tbody>
        </table>
      ))}
      {view.today.length > 0 ? (
        <table className="team-table" aria-label={t.vandaag}>
          <caption>{t.vandaag}</caption>
          <thead>
            <tr>
              <th scope="col">{t.afdeling}</th>
              <th scope="col">{t.beantwoord}</th>
              <th scope="col">{t.opgehangen}</th>
              <th scope="col">{t.gemiddeld}</th>
              <th scope="col">{t.doorverbonden}</th>
              <th scope="col">{t.contactverzoeken}</th>
            </tr>
          </thead>
          <tbody>
            {view.today.map((c) => (
              <tr key={c.id} data-afdeling={c.id}>
                <th scope="row">{c.naam}</th>
                <td>{c.answered}</td>
                <td>{c.abandoned}</td>
                <td>{c.averageHandlingMs !== undefined ? formatDuration(c.averageHandlingMs) : '–'}</td>
                <td>{c.transfers}</td>
                <td>{c.contactverzoeken}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h3>{t.overdrachten}</h3>
      {view.transfers.length === 0 ? (
        <p>{t.geenOverdrachten}</p>
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

type Messages = (typeof supervisorMessages)['nl']

function MemberRow(props: {
  readonly member: TeamMember
  readonly stateText: string
  readonly monitors: readonly MonitorInfo[]
  readonly canMonitor: boolean
  readonly t: Messages
}) {
  const { member, t } = props
  return (
    <tr data-login={member.login} data-state={member.state}>
      <th scope="row">{member.naam}</th>
      <td>{props.stateText}</td>
      <td>{member.sinceMs !== undefined ? formatDuration(member.sinceMs) : '–'}</td>
      <td>
        {member.calls.length === 0
          ? t.geenGesprek
          : member.calls.map((call) => <CallLine key={call.callId} call={call} t={t} />)}
        {props.monitors.map((m) => (
          <p key={m.id} className="team-monitored">
            {format(t.meegeluisterd, { naam: m.supervisorName })}
          </p>
        ))}
        {member.calls.length > 0 && props.canMonitor ? (
          <MonitorControls login={member.login} naam={member.naam} />
        ) : null}
      </td>
    </tr>
  )
}

function CallLine({ call, t }: { readonly call: TeamCall; readonly t: Messages }) {
  const onderwerp = call.vertrouwelijk ? t.vertrouwelijk : (call.onderwerp ?? t.geenOnderwerp)
  return (
    <p className="team-call">
      {call.direction === 'inbound' ? t.inkomend : t.uitgaand} · {formatDuration(call.durationMs)} ·{' '}
      {call.caller}
      {call.klantcontactnummer !== undefined ? (
        <>
          {' · '}
          {format(t.klantcontact, { nummer: call.klantcontactnummer })}
          {' · '}
          {onderwerp}
        </>
      ) : null}
    </p>
  )
}
