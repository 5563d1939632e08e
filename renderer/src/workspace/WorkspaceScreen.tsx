import type { AgentView } from '../../../shared/gateway/api'
import { useMessages } from '../i18n/use-messages'
import { KlantcontactPanel } from '../klantcontact'
import { OpenedPanel } from '../incoming-transfer'
import { SoftphonePanel } from '../phone/SoftphonePanel'
import { SupervisorPanel } from '../supervisor'
import { TransferPanel } from '../transfer'
import type { Availability } from './agent-state'
import { AvailabilityControl } from './AvailabilityControl'
import { MonitorNotice } from './MonitorNotice'
import { QueueWaiting } from './QueueWaiting'
import { StateSetByGateway } from './StateSetByGateway'
import { workspaceMessages } from './messages'
import { RecentContacts } from './RecentContacts'

/**
 * The agent's workspace: own state and the own afdeling's queue on top; the phone, the klantcontact
 * and recent contacts below.
 */
export function WorkspaceScreen(props: {
  readonly agent: AgentView
  readonly onLogout: () => void
  readonly onChoose: (availability: Availability) => void
  readonly onRefreshRecent: () => void
}) {
  const t = useMessages(workspaceMessages)
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
      <div className="workspace-grid">
        {props.agent.role === 'supervisor' ? <SupervisorPanel /> : null}
        <SoftphonePanel />
        <TransferPanel />
        <KlantcontactPanel agentLogin={props.agent.login} />
        <OpenedPanel answerField={props.agent.answerField} />
        <RecentContacts onRefresh={props.onRefreshRecent} />
      </div>
    </div>
  )
}
