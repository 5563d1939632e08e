import { useMessages } from '../i18n/use-messages'
import { useAppStore } from '../store'
import { agentStateFor, AVAILABILITIES, isConsulting, type Availability } from './agent-state'
import { workspaceMessages } from './messages'

/**
 * The agent's own state. The agent chooses beschikbaar, pauze or nawerk; during a call the state
 * follows the call (ringing, in gesprek, in de wacht) and the choice applies again afterwards. The
 * gateway may set it too (afgemeld, or pauze after a call rang out): the select then shows that.
 */
export function AvailabilityControl({
  onChoose,
}: {
  readonly onChoose: (availability: Availability) => void
}) {
  const t = useMessages(workspaceMessages)
  const availability = useAppStore((s) => s.workspace.availability)
  const call = useAppStore((s) => s.workspace.phone.call)
  const consulting = useAppStore((s) => isConsulting(s.workspace.phone.transfer))
  const live = useAppStore((s) => s.workspace.live.connection)
  const current = agentStateFor(availability, call, consulting)

  return (
    <div className="availability">
      <label htmlFor="own-state">{t.myState}</label>
      <select
        id="own-state"
        value={availability}
        onChange={(event) => onChoose(event.target.value as Availability)}
      >
        {AVAILABILITIES.map((a) => (
          <option key={a} value={a}>
            {t.states[a]}
          </option>
        ))}
        {availability === 'offline' ? (
          // Only the gateway sets it (StateSetByGateway says so); the agent chooses one of the others.
          <option value="offline" disabled>
            {t.afgemeld}
          </option>
        ) : null}
      </select>
      <span className={`state-badge state-${current}`} data-testid="agent-state">
        {t.states[current]}
      </span>
      <span role="status" className={`live live-${live}`}>
        {t.live[live]}
      </span>
    </div>
  )
}
