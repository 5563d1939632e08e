import type { AgentView } from '../../../shared/gateway/api'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { useGatewayNow } from '../live/use-gateway-now'
import { formatDuration } from '../phone/CallTimer'
import { useAppStore } from '../store'
import { longestWaitMs } from '../supervisor/queue-figures'
import { workspaceMessages } from './messages'

/**
 * How many callers wait for the agent's own afdeling, with the longest wait: unobtrusive, in the
 * agent bar, from the live socket (the gateway sends an agent its own afdeling's queue). Only the
 * count is a live region: the wait ticks every second and a screen reader must not read it out
 * every second.
 */
export function QueueWaiting({ afdeling }: { readonly afdeling: AgentView['afdeling'] }) {
  const t = useMessages(workspaceMessages).wachtenden
  const queue = useAppStore((s) => s.workspace.live.queues.find((q) => q.afdeling === afdeling.id))
  const waiting = queue?.waiting ?? 0
  const text =
    waiting === 0
      ? format(t.geen, { afdeling: afdeling.naam })
      : format(waiting === 1 ? t.een : t.meer, { aantal: waiting, afdeling: afdeling.naam })
  return (
    <p className={waiting > 0 ? 'queue-waiting queue-waiting-active' : 'queue-waiting'}>
      <span role="status" data-testid="queue-waiting">
        {text}
      </span>
      {waiting > 0 && queue?.oldestSince !== undefined ? (
        <LongestWait since={queue.oldestSince} template={t.langste} />
      ) : null}
    </p>
  )
}

function LongestWait({ since, template }: { readonly since: string; readonly template: string }) {
  // The wait counts from the gateway's time of the caller joining, on the gateway's clock.
  const now = useGatewayNow()
  return <span>{` · ${format(template, { duur: formatDuration(longestWaitMs(since, now)) })}`}</span>
}
