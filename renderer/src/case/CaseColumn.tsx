import type { AgentView } from '../../../shared/gateway/api'
import { OpenedPanel } from '../incoming-transfer'
import { KlantcontactPanel } from '../klantcontact'

/**
 * The main column: the call's klantcontact from ring to nawerk (a new draft, one a colleague passed
 * on, or one opened by its nummer). (Placeholder: still the old panels.)
 */
export function CaseColumn({ agent }: { readonly agent: AgentView }) {
  return (
    <div className="case-column">
      <KlantcontactPanel agentLogin={agent.login} />
      <OpenedPanel answerField={agent.answerField} />
    </div>
  )
}
