/**
 * The agent's keyboard shortcuts: one table, read by the key handler (keyboard/), the help overlay
 * (`?`) and every button that shows its shortcut (`aria-keyshortcuts` and a visible hint).
 *
 * Alt+letter, because it works from any focus (a text field keeps plain letters) and leaves the
 * browser's and the OS's own keys alone: not Alt+D/E/F (the browser's address bar and menus), not
 * Alt+digits (tab switching in Chromium on Linux), not F-keys (F1 help, F5 reload, F6/F7 caret).
 * Ctrl+S stays the desktop's "save" as well.
 */
export type ShortcutAction =
  | 'answer'
  | 'decline'
  | 'hangup'
  | 'hold'
  | 'mute'
  | 'transfer'
  | 'save'
  | 'status_beschikbaar'
  | 'status_pauze'
  | 'status_nawerk'
  | 'new_klantcontact'
  | 'afhandeling'
  | 'help'

export interface Shortcut {
  readonly action: ShortcutAction
  /** The key as `KeyboardEvent.key` reports it, lower case for letters. */
  readonly key: string
  readonly alt: boolean
  /** Ctrl (Cmd on macOS). */
  readonly ctrl: boolean
  /** What the help overlay and the hint say it does. */
  readonly label: string
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'answer', key: 'o', alt: true, ctrl: false, label: 'Opnemen' },
  { action: 'decline', key: 'n', alt: true, ctrl: false, label: 'Weigeren' },
  { action: 'hangup', key: 'h', alt: true, ctrl: false, label: 'Ophangen' },
  { action: 'hold', key: 'w', alt: true, ctrl: false, label: 'In de wacht zetten of terugnemen' },
  { action: 'mute', key: 'm', alt: true, ctrl: false, label: 'Microfoon uit of aan' },
  { action: 'transfer', key: 'v', alt: true, ctrl: false, label: 'Doorverbinden' },
  { action: 'save', key: 's', alt: false, ctrl: true, label: 'Klantcontact opslaan' },
  { action: 'status_beschikbaar', key: 'b', alt: true, ctrl: false, label: 'Status Beschikbaar' },
  { action: 'status_pauze', key: 'p', alt: true, ctrl: false, label: 'Status Pauze' },
  { action: 'status_nawerk', key: 'a', alt: true, ctrl: false, label: 'Status Nawerk' },
  { action: 'new_klantcontact', key: 'k', alt: true, ctrl: false, label: 'Nieuw klantcontact' },
  { action: 'afhandeling', key: 'g', alt: true, ctrl: false, label: 'Afhandeling kiezen' },
  { action: 'help', key: '?', alt: false, ctrl: false, label: 'Sneltoetsen tonen' },
]

export function shortcutOf(action: ShortcutAction): Shortcut {
  const found = SHORTCUTS.find((shortcut) => shortcut.action === action)
  if (!found) {
    throw new Error(`no shortcut for ${action}`)
  }
  return found
}

/** The value for `aria-keyshortcuts` (WAI-ARIA 1.2 syntax: `Alt+O`, `Control+S`). */
export function ariaKeyshortcuts(action: ShortcutAction): string {
  const shortcut = shortcutOf(action)
  const parts = [
    ...(shortcut.ctrl ? ['Control'] : []),
    ...(shortcut.alt ? ['Alt'] : []),
    keyName(shortcut.key),
  ]
  return parts.join('+')
}

/** The hint as the agent reads it on a button or in the overlay: `Alt+O`, `Ctrl+S`, `?`. */
export function shortcutHint(action: ShortcutAction): string {
  const shortcut = shortcutOf(action)
  const parts = [...(shortcut.ctrl ? ['Ctrl'] : []), ...(shortcut.alt ? ['Alt'] : []), keyName(shortcut.key)]
  return parts.join('+')
}

/**
 * The action a key press asks for, or undefined. Alt+letter is read from `event.code` (the key's
 * place) because on macOS Option+letter types another character into `event.key`; Ctrl+letter from
 * `event.key`, as the browser's own Ctrl+S does, so it follows the keyboard layout. Chromium's
 * autofill sends keydown events without a `key`: those ask for nothing.
 */
export function actionOf(event: {
  readonly key?: string
  readonly code?: string
  readonly altKey: boolean
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly shiftKey: boolean
}): ShortcutAction | undefined {
  const key = typeof event.key === 'string' ? event.key : ''
  const ctrl = event.ctrlKey || event.metaKey
  for (const shortcut of SHORTCUTS) {
    if (shortcut.alt !== event.altKey || shortcut.ctrl !== ctrl) {
      continue
    }
    if (shortcut.key === '?') {
      if (key === '?') {
        return shortcut.action
      }
      continue
    }
    if (event.shiftKey) {
      continue
    }
    const code = event.code ?? ''
    const letter = shortcut.alt && code.startsWith('Key') ? code.slice(3).toLowerCase() : key.toLowerCase()
    if (letter === shortcut.key) {
      return shortcut.action
    }
  }
  return undefined
}

function keyName(key: string): string {
  return key.length === 1 ? key.toUpperCase() : key
}
