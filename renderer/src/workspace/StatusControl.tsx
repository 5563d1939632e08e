import { Button } from '@nl-design-system-candidate/button-react'
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react'
import { format } from '../i18n/locale'
import { useMessages } from '../i18n/use-messages'
import { ariaKeyshortcuts, shortcutHint, type ShortcutAction } from '../keyboard/shortcuts'
import { FOCUS_TARGETS } from '../lib/focus-targets'
import { useGatewayNow } from '../live/use-gateway-now'
import { formatDuration } from '../phone/CallTimer'
import { useAppStore } from '../store'
import { isConsulting, pauseReasonsOf, type Availability, type PauseReason } from './agent-state'
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
 * opens the choice of Beschikbaar, Pauze (with one of the gateway's reasons, if the agent wants to
 * say one) or Nawerk. The choice goes to `onChoose` like the status shortcuts do, with the reason
 * in the store first so the gateway hears both at once. In nawerk with the afdeling's limit it
 * counts down to when the gateway makes the agent Beschikbaar; choosing Beschikbaar ends it early.
 */
export function StatusControl({ onChoose }: { readonly onChoose: (availability: Availability) => void }) {
  const t = useMessages(workspaceMessages)
  const availability = useAppStore((s) => s.workspace.availability)
  const pauseReason = useAppStore((s) => s.workspace.pauseReason)
  const setPauseReason = useAppStore((s) => s.workspace.setPauseReason)
  const call = useAppStore((s) => s.workspace.phone.call)
  const consulting = useAppStore((s) => isConsulting(s.workspace.phone.transfer))
  const connection = useAppStore((s) => s.workspace.live.connection)
  const agent = useAppStore((s) =>
    s.workspace.session.status === 'active' ? s.workspace.session.agent : undefined,
  )
  const nawerkTot = useAppStore((s) => {
    // The hub's own record of the agent: its deadline holds only while it has them in nawerk.
    const own = s.workspace.live.agents.find((a) => a.login === agent?.login)
    return own?.state === 'nawerk' && own.nawerkTot !== undefined ? Date.parse(own.nawerkTot) : undefined
  })
  const reasons = pauseReasonsOf(agent)
  const everConnected = useEverConnected(connection === 'open')
  const view = statusView({
    availability,
    pauseReason,
    call,
    consulting,
    connection,
    everConnected,
    nawerkTot: Number.isNaN(nawerkTot) ? undefined : nawerkTot,
  })

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
    // Before onChoose, which tells the gateway: a pauze goes out with its reason.
    setPauseReason(next === 'pauze' ? reason : undefined)
    onChoose(next)
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
          {view.detail.kind === 'nawerk_until' ? (
            // The flex gap spaces it; the space is for the text read out ("Nawerk nog 0:45").
            <>
              {' '}
              <NawerkCountdown until={view.detail.until} />
            </>
          ) : detail ? (
            <span className="kcc-status-detail">{detail}</span>
          ) : null}
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
                  {reasons.map((reason) => (
                    <li key={reason}>
                      <Button
                        purpose="subtle"
                        className="kcc-status-choice"
                        aria-current={availability === 'pauze' && pauseReason === reason ? 'true' : undefined}
                        onClick={() => choose('pauze', reason)}
                      >
                        {format(t.status.pauseWithReason, { reden: reason })}
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
      return detail.reason
    case 'nawerk_until':
      return undefined // NawerkCountdown
    case 'after': {
      const status =
        detail.reason !== undefined
          ? `${t.states[detail.availability]} (${detail.reason})`
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

/**
 * The time left of nawerk, by the gateway's clock (the deadline is the gateway's), counted in whole
 * seconds up so it reaches 0:00 as the gateway ends it. A timer role: not read out every second.
 */
function NawerkCountdown({ until }: { readonly until: number }) {
  const t = useMessages(workspaceMessages)
  const now = useGatewayNow()
  const left = Math.ceil(Math.max(0, until - now) / 1_000) * 1_000
  return (
    <span className="kcc-status-detail kcc-status-countdown" role="timer" data-testid="nawerk-countdown">
      {format(t.status.nawerkLeft, { tijd: formatDuration(left) })}
    </span>
  )
}

/** Whether `open` has been true at any time while this component was on screen. */
function useEverConnected(open: boolean): boolean {
  const [ever, setEver] = useState(open)
  if (open && !ever) {
    setEver(true)
  }
  return ever || open
}
