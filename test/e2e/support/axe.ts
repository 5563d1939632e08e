import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** WCAG 2.1 A and AA: what the Dutch government's accessibility requirement (EN 301 549) asks of the app. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * axe's "needs review" (incomplete) results it cannot decide by itself, e.g. a contrast over a
 * gradient or a partly covered element. Those of these impacts count as failures too: a serious
 * problem axe could not rule out is one a person relying on it may well meet.
 */
const BLOCKING_REVIEW_IMPACTS: ReadonlySet<string> = new Set(['serious', 'critical'])

export interface AxeScope {
  /** CSS selectors of the parts to check (default: the whole page). */
  include?: string[]
  /** CSS selectors of parts to leave out. */
  exclude?: string[]
}

interface AxeFinding {
  id: string
  impact?: string | null
  help: string
  nodes: Array<{ target: unknown; impact?: string | null; any?: Array<{ message: string }> }>
}

/**
 * Runs axe-core on the page as it is now (or the parts named by `context`, a selector or a scope) and
 * fails with one line per violation, and per "needs review" item of serious or critical impact: the
 * rule id, its impact and the elements it found (for a review item also axe's reason), so the
 * report says what to fix without opening the trace.
 */
export async function expectNoAxeViolations(page: Page, context?: string | AxeScope): Promise<void> {
  const lines = await axeProblems(page, context)
  expect(lines, `axe: WCAG 2.1 A/AA violations or serious items to review on ${page.url()}`).toEqual([])
}

/** What `expectNoAxeViolations` would fail on, one line each (empty when clean). */
export async function axeProblems(page: Page, context?: string | AxeScope): Promise<string[]> {
  const scope: AxeScope = typeof context === 'string' ? { include: [context] } : (context ?? {})
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS)
  for (const selector of scope.include ?? []) {
    builder = builder.include(selector)
  }
  for (const selector of scope.exclude ?? []) {
    builder = builder.exclude(selector)
  }
  const { violations, incomplete } = await builder.analyze()
  const toReview = incomplete
    .map((item) => ({
      ...item,
      nodes: item.nodes.filter((node) => BLOCKING_REVIEW_IMPACTS.has(node.impact ?? item.impact ?? '')),
    }))
    .filter((item) => item.nodes.length > 0)
  return [
    ...violations.map((violation) => describe('violation', violation)),
    ...toReview.map((item) => describe('needs review', item)),
  ]
}

function describe(kind: string, finding: AxeFinding): string {
  const where = finding.nodes
    .map((node) => {
      const reason = kind === 'needs review' ? node.any?.[0]?.message : undefined
      return JSON.stringify(node.target) + (reason ? ` (${reason})` : '')
    })
    .join(', ')
  return `${kind} ${finding.id} (${finding.impact ?? 'unknown impact'}): ${finding.help} at ${where}`
}
