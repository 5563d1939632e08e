import { Button } from '@nl-design-system-candidate/button-react'
import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import { useEffect, useId, useRef, type KeyboardEvent } from 'react'
import { useMessages } from '../i18n/use-messages'
import { closeHelp, useHelpOpen } from './help-state'
import { keyboardMessages } from './messages'
import { SHORTCUTS, shortcutHint } from './shortcuts'
import './keyboard.css'

/**
 * The shortcut overlay (`?`, or the status bar's "Sneltoetsen" button): a modal dialog with the
 * table of every shortcut. The focus moves into it when it opens, stays inside it while it is open
 * (Tab wraps), and Escape or Sluiten closes it and puts the focus back where it was.
 */
export function HelpOverlay() {
  const open = useHelpOpen()
  return open ? <HelpDialog /> : null
}

function HelpDialog() {
  const t = useMessages(keyboardMessages)
  const titleId = useId()
  const introId = useId()
  const dialog = useRef<HTMLDivElement>(null)
  const close = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    close.current?.focus()
  }, [])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      closeHelp()
      return
    }
    if (event.key === 'Tab') {
      keepFocusInside(event, dialog.current)
    }
  }

  return (
    <div className="kcc-help-layer">
      {/* The backdrop is a sibling: its opacity would dim the dialog's text too. */}
      <div className="utrecht-backdrop utrecht-backdrop--viewport" aria-hidden="true" />
      <div
        ref={dialog}
        className="kcc-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={introId}
        onKeyDown={onKeyDown}
      >
        <Heading level={2} id={titleId}>
          {t.helpTitle}
        </Heading>
        <Paragraph id={introId}>{t.helpIntro}</Paragraph>
        <table className="utrecht-table utrecht-table--html-table kcc-help-table">
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th scope="col" className="utrecht-table__header-cell">
                {t.columnKey}
              </th>
              <th scope="col" className="utrecht-table__header-cell">
                {t.columnAction}
              </th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.action} className="utrecht-table__row">
                <td className="utrecht-table__cell">
                  <kbd>{shortcutHint(shortcut.action)}</kbd>
                </td>
                <td className="utrecht-table__cell">{shortcut.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="kcc-help-actions">
          <Button ref={close} purpose="primary" onClick={closeHelp}>
            {t.close}
          </Button>
        </div>
      </div>
    </div>
  )
}

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function keepFocusInside(event: KeyboardEvent<HTMLDivElement>, container: HTMLElement | null): void {
  const focusable = container
    ? [
        ...container.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]'),
      ].filter((element) => element.tabIndex >= 0)
    : []
  const first = focusable[0]
  const last = focusable[focusable.length - 1]
  if (!first || !last) {
    event.preventDefault()
    return
  }
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault()
    first.focus()
  }
}
