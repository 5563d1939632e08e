import { useSyncExternalStore } from 'react'
import { focusTarget } from '../lib/focus-targets'

/**
 * Whether the shortcut overlay (`?`) is open, outside the app store: it is a view of this window
 * only, and any button (the status bar's "Sneltoetsen (?)") can open it. The element that had the
 * focus when it opened gets it back when it closes (the case heading when that one is gone).
 */
let open = false
let returnTo: HTMLElement | null = null
const listeners = new Set<() => void>()

function set(next: boolean): void {
  if (open === next) {
    return
  }
  open = next
  for (const listener of [...listeners]) {
    listener()
  }
}

export function openHelp(): void {
  if (!open) {
    const active = typeof document === 'undefined' ? null : document.activeElement
    returnTo = active instanceof HTMLElement && active !== document.body ? active : null
  }
  set(true)
}

/** Closes the overlay and puts the focus back where it was. */
export function closeHelp(): void {
  if (!open) {
    return
  }
  const target = returnTo
  returnTo = null
  set(false)
  if (target?.isConnected) {
    target.focus()
  } else {
    focusTarget('caseHeading')
  }
}

export function toggleHelp(): void {
  if (open) {
    closeHelp()
  } else {
    openHelp()
  }
}

export function isHelpOpen(): boolean {
  return open
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

export function useHelpOpen(): boolean {
  return useSyncExternalStore(subscribe, isHelpOpen, isHelpOpen)
}
