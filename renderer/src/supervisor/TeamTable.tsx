import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { formatDuration } from '../phone/CallTimer'
import { useAppStore } from '../store'
import { workspaceMessages } from '../workspace/messages'
import type { MonitorInfo } from '../../../shared/live/protocol'
import { supervisorMessages } from './messages'
import { MonitorControls } from './MonitorControls'
import type { TeamAfdeling, TeamCall, TeamMember } from './team-view'

type Messages = (typeof supervisorMessages)['nl']

/**
 * One afdeling's agents, compact enough for the side column: name, state with how long (with the
 * pauze reason, or the nawerk time left before the gateway ends it), and the call with the
 * monitoring actions the supervisor may use on it (team-view.ts `monitorable`). A refused attempt
 * is said in the agent's own row, where the supervisor clicked.
 */
export function TeamTable({ afdeling }: { readonly afdeling: TeamAfdeling }) {
  const t = useMessages(supervisorMessages)
  const workspace = useMessages(workspaceMessages)
  const states = workspace.states
  const monitors = useAppStore((s) => s.workspace.live.monitors)
  return (
    <table
      className="utrecht-table utrecht-table--html-table team-table team-members"
      aria-label={afdeling.naam}
    >
      <caption className="utrecht-table__caption">{afdeling.naam}</caption>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          <th scope="col" className="utrecht-table__header-cell">
            {t.medewerker}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t.status}
          </th>
          <th scope="col" className="utrecht-table__header-cell">
            {t.gesprek}
          </th>
        </tr>
      </thead>
      <tbody className="utrecht-table__body">
        {afdeling.members.map((member) => (
          <MemberRow
            key={member.login}
            member={member}
            stateText={states[member.state]}
            stateDetail={stateDetail(member, workspace.status.nawerkLeft)}
            monitors={monitors.filter((m) => m.agent === member.login)}
            t={t}
          />
        ))}
      </tbody>
    </table>
  )
}

/** Beside the state: the pauze reason ("Lunch"), or the nawerk time left ("nog 0:45"). */
function stateDetail(member: TeamMember, nawerkLeft: string): string | undefined {
  if (member.pauzeReden !== undefined) {
    return member.pauzeReden
  }
  if (member.nawerkLeftMs !== undefined) {
    // Whole seconds up, so it reaches 0:00 as the gateway ends nawerk.
    const left = Math.ceil(member.nawerkLeftMs / 1_000) * 1_000
    return format(nawerkLeft, { tijd: formatDuration(left) })
  }
  return undefined
}

function MemberRow(props: {
  readonly member: TeamMember
  readonly stateText: string
  readonly stateDetail: string | undefined
  readonly monitors: readonly MonitorInfo[]
  readonly t: Messages
}) {
  const { member, t } = props
  return (
    <tr className="utrecht-table__row" data-login={member.login} data-state={member.state}>
      <th scope="row" className="utrecht-table__header-cell">
        {member.naam}
      </th>
      <td className="utrecht-table__cell">
        <span className="team-state" data-state={member.state}>
          {props.stateText}
        </span>
        {/* A real space, so the text reads "Pauze Lunch"; the dot between is only seen. */}
        {props.stateDetail !== undefined ? (
          <>
            {' '}
            <span className="team-state-detail">{props.stateDetail}</span>
          </>
        ) : null}
        {member.sinceMs !== undefined ? (
          <span className="team-since">{formatDuration(member.sinceMs)}</span>
        ) : null}
      </td>
      <td className="utrecht-table__cell">
        {member.calls.length === 0
          ? t.geenGesprek
          : member.calls.map((call) => <CallLine key={call.callId} call={call} t={t} />)}
        {props.monitors.map((m) => (
          <p key={m.id} className="team-monitored">
            {format(t.meegeluisterd, { naam: m.supervisorName })}
          </p>
        ))}
        {member.monitorable ? <MonitorControls login={member.login} naam={member.naam} /> : null}
        <MonitorRefusal login={member.login} />
      </td>
    </tr>
  )
}

function CallLine({ call, t }: { readonly call: TeamCall; readonly t: Messages }) {
  const onderwerp = call.vertrouwelijk ? t.vertrouwelijk : (call.onderwerp ?? t.geenOnderwerp)
  const duration = formatDuration(call.durationMs)
  return (
    <p className="team-call">
      {call.direction === 'inbound' ? t.inkomend : t.uitgaand} ·{' '}
      {call.answered ? duration : `${t.gaatOver} ${duration}`} · {call.caller}
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

/** Why the last attempt on this agent's call was refused; monitor-service.ts takes it away. */
function MonitorRefusal({ login }: { readonly login: string }) {
  const intent = useAppStore((s) => s.monitoring.intent)
  if (intent?.status !== 'failed' || intent.agent !== login) {
    return null
  }
  return (
    <div className="utrecht-alert utrecht-alert--error team-refusal" role="alert">
      <p className="utrecht-alert__message">{intent.message}</p>
    </div>
  )
}
