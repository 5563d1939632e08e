import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Page } from '@playwright/test'
import { REPO } from '../../support/sip-servers'
import { axeProblems, type AxeScope } from './axe'

/** The screen sizes the workplace must work at: a common office laptop and a full HD monitor. */
export const WORKPLACE_SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const

/**
 * Where the images go. Every run writes them under test-results (Playwright's output, not in git),
 * so CI keeps them as artefacts without changing the repository; with KCC_SCREENSHOTS=1 they go to
 * docs/screenshots instead, which docs/agent-app.md shows.
 */
export const SCREENSHOT_DIR =
  process.env['KCC_SCREENSHOTS'] === '1'
    ? join(REPO, 'docs/screenshots')
    : join(REPO, 'test-results/screenshots')

/**
 * One state of the workplace as a person sees it, at each size in turn: checks it with axe (WCAG
 * 2.1 A/AA violations and serious "needs review" items) and writes `<state>-<width>.png` of the
 * window. The axe check is soft, so one run reports every state that fails instead of only the
 * first; the test still fails. The page is left at the smallest size, where the agent works.
 */
export async function captureState(page: Page, state: string, scope?: AxeScope): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  for (const size of WORKPLACE_SIZES) {
    await page.setViewportSize(size)
    await settle(page)
    expect
      .soft(await axeProblems(page, scope), `axe on "${state}" at ${size.width}×${size.height}`)
      .toEqual([])
    await page.screenshot({
      path: join(SCREENSHOT_DIR, `${state}-${size.width}.png`),
      // Call timers and caret blinks change from frame to frame; the image shows the layout.
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
    })
  }
  await page.setViewportSize(WORKPLACE_SIZES[0])
}

/**
 * From the top of the page, web fonts loaded and two frames drawn after the resize, so layout and
 * paint have caught up. The top, because the status bar and the phone stay on top of the page as it
 * scrolls: axe cannot tell the contrast of text scrolled under them and asks to review it, and an
 * image from the top shows what an agent sees first.
 */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    window.scrollTo(0, 0)
    await document.fonts.ready
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))
  })
}
