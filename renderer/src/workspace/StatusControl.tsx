import { Button } from '@nl-design-system-candidate/button-react'
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { ariaKeyshortcuts, shortcutHint, type ShortcutAction } from '../keyboard/shortcuts'
import { FOCUS_TARGETS } from '../lib/focus-targets'
import { useAppStore } from '../store'
import { isConsulting, PAUSE_REASONS, type Availability, type PauseReason } from './agent-state'
import { workspaceMessages } from './messages'
import { statusView, type StatusDetail } from './status-view'
import './status.css'

const SHORTCUT_OF: Record<Exclude<Availability, 'offline'>, ShortcutAction> = {
  beschikbaar: 'status_beschikbaar',
  pauze: 'status_pauze',
  nawerk: 'status_nawerk',
}

/**
 * The agent's one status: a coloured button that shows the effective state (status-view.ts) and
 * opens the choice of Beschikbaar, Pauze (with a reason, if the agent wants to say one) or Nawerk.
 * The choice goes to `onChoose` like the status shortcuts do; the reason stays in the app.
 */
export function StatusControl({ onChoose }: { readonly onChoose: (availability: Availability) => void }) {
  const t = useMessages(workspaceMessages)
  const availability = useAppStore((s) => s.workspace.availability)
  const pauseReason = useAppStore((s) => s.workspace.pauseReason)
  const setPauseReason = useAppStore((s) => s.workspace.setPauseReason)
  const call = useAppStore((s) => s.workspace.phone.call)
  const consulting = useAppStore((s) => isConsulting(s.workspace.phone.transfer))
  const connection = useAppStore((s) => s.workspace.live.connection)
  const everConnected = useEverConnected(connection === 'open')
  const view = statusView({ availability, pauseReason, call, consulting, connection, everConnected })

  const [open, setOpen] = useState(false)
  const choicesId = useId()
  const trigger = useRef<HTMLButtonElement>(null)
  const firstChoice = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (open) {
      firstChoice.current?.focus()
    }
  }, [open])

  const close = (returnFocus: boolean): void => {
    setOpen(false)
    if (returnFocus) {
      trigger.current?.focus()
    }
  }
  const choose = (next: Exclude<Availability, 'offline'>, reason?: PauseReason): void => {
    onChoose(next)
    // After onChoose: choosing Pauze again keeps the availability, so the reason is set afresh.
    setPauseReason(next === 'pauze' ? reason : undefined)
    close(true)
  }
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation()
      close(true)
    }
  }
  const onBlur = (event: FocusEvent<HTMLDivElement>): void => {
    if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) {
      setOpen(false)
    }
  }

  const label =
    view.label === 'no_connection'
      ? t.status.noConnection
      : view.label === 'connecting'
        ? t.status.connecting
        : t.states[view.label]
  const detail = detailText(view.detail, t)

  return (
    <div className="kcc-popover-anchor kcc-status" onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={trigger}
        id={FOCUS_TARGETS.status}
        type="button"
        className="kcc-status-button"
        data-tone={view.tone}
        aria-expanded={open}
        aria-controls={choicesId}
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        <span className="kcc-status-caption">{t.myState}</span>
        <span className="kcc-status-value" aria-live="polite">
          <span className="kcc-status-dot" aria-hidden="true" />
          <span data-testid="agent-state">{label}</span>
          {detail ? <span className="kcc-status-detail">{detail}</span> : null}
        </span>
      </button>
      <div id={choicesId} className="kcc-popover kcc-status-choices" hidden={!open}>
        <p className="kcc-status-choices-title" id={`${choicesId}-title`}>
          {t.status.choose}
        </p>
        <ul className="kcc-status-list" aria-labelledby={`${choicesId}-title`}>
          {(['beschikbaar', 'pauze', 'nawerk'] as const).map((choice, index) => (
            <li key={choice}>
              <Button
                ref={index === 0 ? firstChoice : undefined}
                purpose="subtle"
                className="kcc-status-choice"
                data-tone={choice}
                aria-current={availability === choice && pauseReason === undefined ? 'true' : undefined}
                aria-keyshortcuts={ariaKeyshortcuts(SHORTCUT_OF[choice])}
                onClick={() => choose(choice)}
              >
                <span className="kcc-status-dot" aria-hidden="true" />
                {t.states[choice]}
                <kbd aria-hidden="true">{shortcutHint(SHORTCUT_OF[choice])}</kbd>
              </Button>
              {choice === 'pauze' ? (
                <ul className="kcc-status-reasons" aria-label={t.status.pauseReasons}>
                  {PAUSE_REASONS.map((reason) => (
                    <li key={reason}>
                      <Button
                        purpose="subtle"
                        className="kcc-status-choice"
                        aria-current={availability === 'pauze' && pauseReason === reason ? 'true' : undefined}
                        onClick={() => choose('pauze', reason)}
                      >
                        {format(t.status.pauseWithReason, { reden: t.pauseReasons[reason] })}
                      </Button>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}

function detailText(detail: StatusDetail, t: (typeof workspaceMessages)['nl']): string | undefined {
  switch (detail.kind) {
    case 'none':
      return undefined
    case 'reason':
      return t.pauseReasons[detail.reason]
    case 'after': {
      const status =
        detail.reason !== undefined
          ? `${t.states[detail.availability]} (${t.pauseReasons[detail.reason]})`
          : t.states[detail.availability]
      return format(t.status.after, { status })
    }
    case 'connection_lost':
      return t.status.connectionLost
    default: {
      const unreachable: never = detail
      throw new Error(`unknown status detail ${JSON.stringify(unreachable)}`)
    }
  }
}

/** Whether `open` has been true at any time while this component was on screen. */
function useEverConnected(open: boolean): boolean {
  const [ever, setEver] = useState(open)
  if (open && !ever) {
    setEver(true)
  }
  return ever || open
}
