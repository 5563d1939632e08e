import { Button } from '@nl-design-system-candidate/button-react'
import { SkipLink } from '@nl-design-system-candidate/skip-link-react'
import type { MouseEvent } from 'react'
import type { AgentView } from '../../../shared/gateway/api'
import { CaseColumn } from '../case/CaseColumn'
import { useMessages } from '../i18n/use-messages'
import { InboxCount } from '../inbox/InboxCount'
import { InboxPanel } from '../inbox/InboxPanel'
import { HelpButton } from '../keyboard/HelpButton'
import { HelpOverlay } from '../keyboard/HelpOverlay'
import { useShortcuts } from '../keyboard/use-shortcuts'
import { MissedCalls } from '../missed-calls/MissedCalls'
import { PhoneStrip } from '../phone/PhoneStrip'
import { SearchPanel } from '../search/SearchPanel'
import { SettingsMenu } from '../settings/SettingsMenu'
import { SupervisorPanel } from '../supervisor'
import type { Availability } from './agent-state'
import { MonitorNotice } from './MonitorNotice'
import { QueueWaiting } from './QueueWaiting'
import { StateSetByGateway } from './StateSetByGateway'
import { StatusControl } from './StatusControl'
import { workspaceMessages } from './messages'

/** The main column's id: the skip link's target. */
export const CASE_COLUMN_ID = 'kcc-case'

/** Focuses the case column without changing the URL's hash (the wallboard is chosen by hash). */
function skipToCase(event: MouseEvent<HTMLAnchorElement>): void {
  const target = document.getElementById(CASE_COLUMN_ID)
  if (target) {
    event.preventDefault()
    target.focus()
  }
}

/**
 * The agent's workspace, in fixed places that do not move between call states: the status bar and
 * the phone strip on top, sticky, so the phone is always in view; the call's klantcontact in the
 * main column and the lists beside it. A supervisor gets the same places with a wider side column,
 * so the Teamoverzicht sits beside the case instead of below it.
 */
export function WorkspaceScreen(props: {
  readonly agent: AgentView
  /** Whether this is the desktop app (Electron), which can do more than the web build. */
  readonly desktop: boolean
  readonly onLogout: () => void
  readonly onChoose: (availability: Availability) => void
  readonly onRefreshRecent: () => void
}) {
  const t = useMessages(workspaceMessages)
  useShortcuts({ agentLogin: props.agent.login, onChoose: props.onChoose })
  const supervisor = props.agent.role === 'supervisor'
  return (
    <div className={supervisor ? 'workspace workspace-supervisor' : 'workspace'}>
      <SkipLink href={`#${CASE_COLUMN_ID}`} onClick={skipToCase}>
        {t.skipToCase}
      </SkipLink>
      <div className="workspace-top">
        <div className="status-bar">
          <p className="agent-name">
            <strong>{props.agent.displayName}</strong> · {props.agent.afdeling.naam}
          </p>
          <StatusControl onChoose={props.onChoose} />
          <QueueWaiting afdeling={props.agent.afdeling} />
          <InboxCount agent={props.agent} />
          <div className="status-bar-end">
            <HelpButton />
            <SettingsMenu desktop={props.desktop} />
            <Button purpose="secondary" onClick={props.onLogout}>
              {t.logout}
            </Button>
          </div>
        </div>
        <div className="workspace-notices">
          <StateSetByGateway />
          <MonitorNotice enabled={props.agent.monitorNotice} />
        </div>
        <div className="phone-strip-slot">
          <PhoneStrip />
        </div>
      </div>
      <div className="workspace-grid">
        <div id={CASE_COLUMN_ID} className="workspace-main" tabIndex={-1}>
          <CaseColumn agent={props.agent} />
        </div>
        <aside className="workspace-side">
          {supervisor ? <SupervisorPanel /> : null}
          <MissedCalls />
          <InboxPanel agent={props.agent} />
          <SearchPanel onRefreshRecent={props.onRefreshRecent} />
        </aside>
      </div>
      <HelpOverlay />
    </div>
  )
}
