import { useMemo } from 'react'
import type { AgentView } from '../../../shared/gateway/api'
import { useMessages } from '../i18n/use-messages'
import { useAppStore } from '../store'
import { countText, inboxAfdelingen, openCount } from './inbox-view'
import { inboxMessages } from './messages'
import './inbox.css'

/**
 * The header's count of open contactverzoeken for the agent's afdeling (a supervisor's: also the
 * afdelingen they supervise), from the live feed (`inbox.changed`, and the snapshot's `inboxes`),
 * so it is right without the inbox being fetched. A polite live region: a new contactverzoek is
 * said once, not every time something else in the bar changes.
 */
export function InboxCount({ agent }: { readonly agent: AgentView }) {
  const t = useMessages(inboxMessages)
  const afdelingen = useMemo(() => inboxAfdelingen(agent), [agent])
  const count = useAppStore((s) => openCount(s.workspace.live.inboxes, afdelingen))
  return (
    <p className={count > 0 ? 'inbox-count inbox-count-open' : 'inbox-count'}>
      <span role="status" data-testid="inbox-count">
        {countText(count, t.count)}
      </span>
    </p>
  )
}
