/** The shortcut overlay (`?`). (Placeholder.) */
export function HelpOverlay() {
  return null
}
