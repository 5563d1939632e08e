import type { AgentView } from '../../../shared/gateway/api'

/**
 * The contactverzoek inbox (gateway `GET /api/inbox`, shared/gateway/inbox.ts): the interne taken
 * assigned to the agent and their afdeling, open first, oldest first.
 */
export function InboxPanel(_props: { readonly agent: AgentView }) {
  return null
}
