import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import axe from 'axe-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { KlantcontactPanel } from '../../../renderer/src/klantcontact/KlantcontactPanel'
import { useAppStore } from '../../../renderer/src/store'
import { fakeApi } from '../incoming-transfer/fixtures'
import { renderWithServices } from '../incoming-transfer/render-with-services'
import { viewOf } from './store-fixtures'

const AGENT = 'medewerker1'
const PARTIJ = { uuid: '5e0f8a51-59b5-4f1a-a9a1-6d1f64f4c0a1', naam: 'Jan de Vries' }
const k = () => useAppStore.getState().klantcontact

/**
 * axe-core's WCAG 2.1 A and AA rules on the panel in each state. happy-dom has no layout, so axe
 * reports colour contrast as "incomplete" here: klantcontact.css documents the measured ratios, and
 * contrast is for a real browser to check (@axe-core/playwright in the e2e run).
 */
async function violations(container: HTMLElement): Promise<string[]> {
  const result = await axe.run(container, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  })
  return result.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.html}`),
  )
}

function popCall(callId: string): string {
  let id = ''
  act(() => {
    id = k().openForCall({ agentLogin: AGENT, callId, callerNumber: '0612345678', at: Date.now() - 60_000 })
  })
  return id
}

beforeEach(() => {
  localStorage.clear()
  useAppStore.setState(useAppStore.getInitialState(), true)
})

afterEach(() => {
  cleanup()
})

describe('the klantcontact panel and axe-core (WCAG 2.1 AA)', () => {
  it('would notice a control without a label (the check itself works here)', async () => {
    const { container } = render(<input type="text" />)
    expect(await violations(container)).not.toEqual([])
  })

  it('has no violations without a klantcontact', async () => {
    const { container } = render(<KlantcontactPanel agentLogin={AGENT} />)
    expect(await violations(container)).toEqual([])
  })

  it('has no violations with a suggestion, field errors and a second draft in the list', async () => {
    const { container } = render(<KlantcontactPanel agentLogin={AGENT} />)
    popCall('call-1')
    const id = popCall('call-2')
    act(() => k().setSuggestion(id, PARTIJ))
    fireEvent.change(screen.getByLabelText('Inhoud'), { target: { value: 'x'.repeat(1001) } })
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))
    expect(await violations(container)).toEqual([])
  })

  it('has no violations for a manual klantcontact with the discard question open', async () => {
    const { container } = render(<KlantcontactPanel agentLogin={AGENT} />)
    fireEvent.click(screen.getByRole('button', { name: 'Nieuw klantcontact' }))
    fireEvent.click(screen.getByRole('button', { name: 'Concept verwijderen' }))
    expect(await violations(container)).toEqual([])
  })

  it('has no violations while waiting, after a refusal, and with the saved nummer', async () => {
    const { container } = renderWithServices(<KlantcontactPanel agentLogin={AGENT} />, fakeApi())
    const id = popCall('call-1')
    fireEvent.change(screen.getByLabelText('Onderwerp'), { target: { value: 'Paspoort' } })
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))
    act(() => {
      k().markSending(id)
      k().markWaiting(id, 'Failed to fetch')
    })
    expect(await violations(container)).toEqual([])

    act(() => {
      k().markSending(id)
      k().markRejected(id, {
        invalidParams: [{ name: 'onderwerp', code: 'invalid', reason: 'Niet toegestaan.' }],
      })
    })
    expect(await violations(container)).toEqual([])

    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))
    act(() => {
      k().markSending(id)
      k().markSaved(id, viewOf('26000001'))
    })
    expect(await violations(container)).toEqual([])
  })
})
