/**
 * The elements that take focus after a call event (keyboard/focus-after-events.ts), by id, so the
 * focus rule lives in one place and each screen only puts the id on its element. Each id is on at
 * most one element at a time.
 */
export const FOCUS_TARGETS = {
  /** The ringing call's Opnemen button (phone strip). */
  answer: 'call-answer',
  /** The first field of the call's klantcontact form (Naam klant), after Opnemen. */
  caseFirstField: 'kc-first-field',
  /** The heading of the case column: after a call ends, or on a saved klantcontact. */
  caseHeading: 'case-heading',
  /** The first control of the Doorverbinden dialog when it opens. */
  transferFirst: 'transfer-first',
  /** The consult call's controls (Doorverbinden voltooien) once the colleague answers. */
  consultComplete: 'consult-complete',
  /** The chosen afhandeling below a saved case (case/AfhandelingControl.tsx), for its shortcut. */
  afhandeling: 'afhandeling-choice',
  /** The status control in the status bar. */
  status: 'own-state',
  /** The login form's first field in error (user name). */
  loginUser: 'login-name',
} as const

export type FocusTarget = keyof typeof FOCUS_TARGETS

/**
 * Focuses the target when it is on screen and can be used; returns whether it did. A disabled
 * control does not count: the NL Design System button marks `disabled` with `aria-disabled`, which
 * keeps it focusable, and an Enter on it then does nothing (Doorverbinden voltooien is on screen,
 * disabled, a moment before the consult's step says the colleague is on the line).
 */
export function focusTarget(target: FocusTarget, doc: Document = document): boolean {
  const element = doc.getElementById(FOCUS_TARGETS[target])
  if (!(element instanceof HTMLElement) || isDisabled(element)) {
    return false
  }
  element.focus()
  return true
}

function isDisabled(element: HTMLElement): boolean {
  return (
    element.getAttribute('aria-disabled') === 'true' ||
    ((element instanceof HTMLButtonElement || element instanceof HTMLInputElement) && element.disabled)
  )
}
