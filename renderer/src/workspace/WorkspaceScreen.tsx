import type { AgentView } from '../../../shared/gateway/api'
import { CaseColumn } from '../case/CaseColumn'
import { useMessages } from '../i18n/use-messages'
import { HelpOverlay } from '../keyboard/HelpOverlay'
import { useShortcuts } from '../keyboard/use-shortcuts'
import { MissedCalls } from '../missed-calls/MissedCalls'
import { PhoneStrip } from '../phone/PhoneStrip'
import { SupervisorPanel } from '../supervisor'
import type { Availability } from './agent-state'
import { AvailabilityControl } from './AvailabilityControl'
import { MonitorNotice } from './MonitorNotice'
import { QueueWaiting } from './QueueWaiting'
import { StateSetByGateway } from './StateSetByGateway'
import { workspaceMessages } from './messages'
import { RecentContacts } from './RecentContacts'

/**
 * The agent's workspace, in fixed places that do not move between call states: the status bar on
 * top, the phone strip under it, the call's klantcontact in the main column and the lists beside it.
 */
export function WorkspaceScreen(props: {
  readonly agent: AgentView
  readonly onLogout: () => void
  readonly onChoose: (availability: Availability) => void
  readonly onRefreshRecent: () => void
}) {
  const t = useMessages(workspaceMessages)
  useShortcuts()
  return (
    <div className="workspace">
      <div className="agent-bar">
        <p className="agent-name">
          <strong>{props.agent.displayName}</strong> · {props.agent.afdeling.naam}
        </p>
        <AvailabilityControl onChoose={props.onChoose} />
        <QueueWaiting afdeling={props.agent.afdeling} />
        <button type="button" onClick={props.onLogout}>
          {t.logout}
        </button>
      </div>
      <StateSetByGateway />
      <MonitorNotice enabled={props.agent.monitorNotice} />
      <PhoneStrip />
      <div className="workspace-grid">
        <CaseColumn agent={props.agent} />
        <aside className="workspace-side">
          {props.agent.role === 'supervisor' ? <SupervisorPanel /> : null}
          <MissedCalls />
          <RecentContacts onRefresh={props.onRefreshRecent} />
        </aside>
      </div>
      <HelpOverlay />
    </div>
  )
}
