/**
 * Ctrl+S (Cmd+S on macOS): the desktop habit for "save", shared by every form that saves. The
 * caller must preventDefault, or the browser offers to save the page.
 */
export function isSaveShortcut(event: {
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly altKey: boolean
  readonly key: string
}): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's'
}
