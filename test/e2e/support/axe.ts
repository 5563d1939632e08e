import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** WCAG 2.1 A and AA: what the Dutch government's accessibility requirement (EN 301 549) asks of the app. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

export interface AxeScope {
  /** CSS selectors of the parts to check (default: the whole page). */
  include?: string[]
  /** CSS selectors of parts to leave out. */
  exclude?: string[]
}

/**
 * Runs axe-core on the page as it is now (or the parts named by `context`, a selector or a scope) and
 * fails with one line per violation: the rule id, its impact and the elements it found, so the
 * report says what to fix without opening the trace.
 */
export async function expectNoAxeViolations(page: Page, context?: string | AxeScope): Promise<void> {
  const scope: AxeScope = typeof context === 'string' ? { include: [context] } : (context ?? {})
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS)
  for (const selector of scope.include ?? []) {
    builder = builder.include(selector)
  }
  for (const selector of scope.exclude ?? []) {
    builder = builder.exclude(selector)
  }
  const { violations } = await builder.analyze()
  const lines = violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help} at ` +
      violation.nodes.map((node) => JSON.stringify(node.target)).join(', '),
  )
  expect(lines, `axe: WCAG 2.1 A/AA violations on ${page.url()}`).toEqual([])
}
