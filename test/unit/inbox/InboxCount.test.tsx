import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AgentView } from '../../../shared/gateway/api'
import { InboxCount } from '../../../renderer/src/inbox/InboxCount'
import { resetStore, violations } from '../transfer/render-panel'
import { AGENT, ago } from './fixtures'
import { inboxChanged, loggedIn } from './render-inbox'

beforeEach(() => {
  resetStore()
  loggedIn()
})
afterEach(() => {
  cleanup()
})

const count = () => screen.getByRole('status')

describe('InboxCount, the open contactverzoeken in the status bar', () => {
  it('says none before the live feed names any', () => {
    render(<InboxCount agent={AGENT} />)
    expect(count().textContent).toBe('Geen open contactverzoeken')
  })

  it('counts the agent’s own afdeling from the live feed, and follows it', () => {
    render(<InboxCount agent={AGENT} />)
    inboxChanged({ afdeling: 'vergunningen', open: 3, oldestSince: ago(60_000) })
    inboxChanged({ afdeling: 'kcc', open: 7, oldestSince: ago(60_000) })
    expect(count().textContent).toBe('3 open contactverzoeken')
    inboxChanged({ afdeling: 'vergunningen', open: 1, oldestSince: ago(60_000) })
    expect(count().textContent).toBe('1 open contactverzoek')
  })

  it('counts a supervisor’s own and supervised afdelingen', () => {
    const supervisor: AgentView = { ...AGENT, role: 'supervisor', supervises: ['kcc'] }
    render(<InboxCount agent={supervisor} />)
    inboxChanged({ afdeling: 'vergunningen', open: 2, oldestSince: ago(60_000) })
    inboxChanged({ afdeling: 'kcc', open: 5, oldestSince: ago(60_000) })
    inboxChanged({ afdeling: 'burgerzaken', open: 9, oldestSince: ago(60_000) })
    expect(count().textContent).toBe('7 open contactverzoeken')
  })

  it('has no accessibility violations', async () => {
    const { container } = render(<InboxCount agent={AGENT} />)
    inboxChanged({ afdeling: 'vergunningen', open: 3, oldestSince: ago(60_000) })
    expect(await violations(container)).toEqual([])
  })
})
