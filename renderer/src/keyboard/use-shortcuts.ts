import { useEffect, useRef } from 'react'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import type { Availability } from '../workspace/agent-state'
import { toggleHelp } from './help-state'
import { saveActiveForm } from './save-registry'
import { runShortcut } from './shortcut-actions'
import { actionOf } from './shortcuts'

export interface ShortcutOptions {
  readonly agentLogin: string
  /** The agent's status choice (the status bar's control does the same). */
  readonly onChoose: (availability: Availability) => void
}

/**
 * Installs the app-wide shortcuts (keyboard/shortcuts.ts) while the workspace is shown: one keydown
 * listener on the window in the capture phase, so they work from any focus, text fields included
 * (they use Alt or Ctrl). A key that did something is kept from the browser and from the page
 * (a form's own Ctrl+S would save twice); any other key passes untouched.
 */
export function useShortcuts(options: ShortcutOptions): void {
  const { softphone, transfers } = useServices()
  const latest = useRef(options)
  useEffect(() => {
    latest.current = options
  })
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing) {
        return
      }
      const action = actionOf(event)
      if (action === undefined || event.repeat) {
        return
      }
      const focused = document.activeElement
      const applied = runShortcut(action, {
        state: useAppStore.getState(),
        softphone,
        transfers,
        agentLogin: latest.current.agentLogin,
        choose: (availability) => latest.current.onChoose(availability),
        save: () => saveActiveForm(focused),
        toggleHelp,
        focused,
      })
      if (applied) {
        event.preventDefault()
        event.stopPropagation()
      }
    }
    window.addEventListener('keydown', onKeyDown, { capture: true })
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true })
  }, [softphone, transfers])
}
