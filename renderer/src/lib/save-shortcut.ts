import { actionOf } from '../keyboard/shortcuts'

/**
 * Ctrl+S (Cmd+S on macOS), as the shortcut table (keyboard/shortcuts.ts) has it: the desktop habit
 * for "save". A form saves with it itself when the app-wide shortcuts are not installed (a form on
 * its own); the caller must preventDefault, or the browser offers to save the page.
 */
export function isSaveShortcut(event: {
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly altKey: boolean
  readonly shiftKey: boolean
  readonly key: string
  readonly code?: string
}): boolean {
  return actionOf(event) === 'save'
}
