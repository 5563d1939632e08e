import { expect, type Locator, type Page } from '@playwright/test'

/**
 * An agent who uses the keyboard alone: Tab, the arrow keys in a radio group, and the app's
 * shortcuts; never the mouse, and never Playwright's click or fill (which act like one).
 *
 * The guard counts every pointer event a person's mouse, pen or finger would cause, and every click
 * that did not come from the keyboard (a keyboard's click has `detail` 0, a mouse's 1 or more), in
 * the page from its first script on; a keyboard-only test asserts the count is 0 at the end.
 */
const POINTER_EVENTS = [
  'pointerdown',
  'pointerup',
  'pointermove',
  'mousedown',
  'mouseup',
  'mousemove',
  'dblclick',
  'auxclick',
  'contextmenu',
  'wheel',
  'touchstart',
  'touchend',
]

export async function guardAgainstPointer(page: Page): Promise<void> {
  await page.addInitScript((types: string[]) => {
    const seen: string[] = []
    ;(window as unknown as { __pointerEvents: string[] }).__pointerEvents = seen
    for (const type of types) {
      window.addEventListener(type, (event) => event.isTrusted && seen.push(type), { capture: true })
    }
    window.addEventListener(
      'click',
      (event) => {
        if (event.isTrusted && event.detail > 0) {
          seen.push('click (mouse)')
        }
      },
      { capture: true },
    )
  }, POINTER_EVENTS)
}

/** The pointer events that reached the page since it loaded (see {@link guardAgainstPointer}). */
export async function pointerEventsOf(page: Page): Promise<string[]> {
  return page.evaluate(
    () => (window as unknown as { __pointerEvents?: string[] }).__pointerEvents ?? ['no guard'],
  )
}

export async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement)
}

/**
 * Moves the focus to `target` as a person does: Tab through the page, and inside a radio group the
 * arrow keys (which also choose the radio). Fails when `max` key presses do not get there.
 */
export async function focusByKeyboard(page: Page, target: Locator, max = 80): Promise<void> {
  await expect(target).toBeVisible()
  for (let presses = 0; presses < max; presses++) {
    if (await isFocused(target)) {
      return
    }
    const inSameRadioGroup = await target.evaluate((element) => {
      const active = document.activeElement
      return (
        element instanceof HTMLInputElement &&
        element.type === 'radio' &&
        active instanceof HTMLInputElement &&
        active.type === 'radio' &&
        active.name === element.name
      )
    })
    await page.keyboard.press(inSameRadioGroup ? 'ArrowDown' : 'Tab')
  }
  const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'none')
  throw new Error(`${String(target)} not reached by keyboard in ${max} presses; focus is on ${active}`)
}

/** Tabs to the field and types into it (as a person who starts typing in an empty field). */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await focusByKeyboard(page, field)
  await page.keyboard.type(text)
  await expect(field).toHaveValue(text)
}
