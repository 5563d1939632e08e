import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { useAppStore } from '../store'
import { workspaceMessages } from './messages'

/**
 * Says so when the gateway set the agent's own state by itself (the queue put them on Pauze after
 * a call rang out, or they were afgemeld): otherwise the agent would wonder why no calls come in.
 * Stays until the agent chooses a state again.
 */
export function StateSetByGateway() {
  const t = useMessages(workspaceMessages)
  const state = useAppStore((s) => s.workspace.stateSetByGateway)
  if (state === undefined) {
    return null
  }
  const text =
    state === 'pauze' || state === 'offline'
      ? t.stateSetByGateway[state]
      : format(t.stateSetByGateway.other, { status: t.states[state] })
  return (
    <p role="status" className="state-set-by-gateway">
      {text}
    </p>
  )
}
