import type { AgentView } from '../../../shared/gateway/api'

/** The header's count of open contactverzoeken for the agent's afdeling (live `inbox.changed`). */
export function InboxCount(_props: { readonly agent: AgentView }) {
  return null
}
