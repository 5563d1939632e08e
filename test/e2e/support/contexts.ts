import type { Browser, BrowserContext } from '@playwright/test'

/**
 * The browser contexts a test opened itself (`browser.newContext()`, one per person in the scene).
 * Playwright closes only its own `context` fixture; these stay open for the worker's life unless
 * closed, and a page left running keeps reconnecting to a rig that is gone and keeps its audio
 * (tones, WebRTC) going, slowing every later test. The rig's `test` closes them after each test.
 */
const opened = new Set<BrowserContext>()

export async function newTrackedContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext()
  opened.add(context)
  context.once('close', () => opened.delete(context))
  return context
}

export async function closeOpenedContexts(): Promise<void> {
  const contexts = [...opened]
  opened.clear()
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)))
}
