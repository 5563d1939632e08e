/**
 * Whether the agent is typing in `element`: there a `?` is a question mark, not the overlay, and a
 * ringing call does not take the focus away.
 */
export function isTextEntry(element: Element | null): boolean {
  if (element === null) {
    return false
  }
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) {
    return true
  }
  if (element instanceof HTMLInputElement) {
    return !NON_TEXT_INPUTS.has(element.type)
  }
  return element instanceof HTMLElement && element.isContentEditable
}

const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'radio',
  'submit',
  'reset',
  'image',
  'range',
  'color',
  'file',
])
