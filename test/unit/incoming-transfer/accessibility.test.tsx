import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import axe from 'axe-core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OpenedPanel } from '../../../renderer/src/incoming-transfer'
import { ContactverzoekForm } from '../../../renderer/src/transfer/ContactverzoekForm'
import { NUMMER, UUID, fakeApi, problem, viewOf } from './fixtures'
import { opened, renderWithServices, resetStore } from './render-with-services'

const TRANSFER = { source: 'transfer', nummer: NUMMER, callId: 'call-1' } as const

/**
 * axe-core's WCAG 2.1 A and AA rules on each state. happy-dom has no layout, so colour contrast is
 * "incomplete" here; opened.css reuses the klantcontact panel's measured palette (klantcontact.css).
 */
async function violations(container: HTMLElement): Promise<string[]> {
  const result = await axe.run(container, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  })
  return result.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.html}`),
  )
}

beforeEach(resetStore)
afterEach(cleanup)

describe('the opened klantcontact and axe-core (WCAG 2.1 AA)', () => {
  it('has no violations with nothing open, and with an invalid nummer', async () => {
    const { container } = renderWithServices(<OpenedPanel />, fakeApi())
    expect(await violations(container)).toEqual([])
    fireEvent.change(screen.getByLabelText('Klantcontactnummer'), { target: { value: 'abc' } })
    fireEvent.click(screen.getByRole('button', { name: 'Openen' }))
    expect(await violations(container)).toEqual([])
  })

  it('has no violations for a transferred klantcontact, an answer too long, and a refusal', async () => {
    const { container } = renderWithServices(
      <OpenedPanel />,
      fakeApi({ answer: problem(403, { detail: 'Nee.' }) }),
    )
    act(() => opened().show(TRANSFER, viewOf()))
    expect(await violations(container)).toEqual([])
    fireEvent.change(screen.getByLabelText('Antwoord'), { target: { value: 'x'.repeat(1001) } })
    expect(await violations(container)).toEqual([])
    fireEvent.change(screen.getByLabelText('Antwoord'), { target: { value: 'Ja' } })
    fireEvent.click(screen.getByRole('button', { name: 'Antwoord opslaan' }))
    await screen.findByRole('alert')
    expect(await violations(container)).toEqual([])
  })

  it('has no violations for a saved answer, a vertrouwelijk klantcontact and a failed transfer', async () => {
    const { container } = renderWithServices(<OpenedPanel />, fakeApi())
    act(() => opened().show(TRANSFER, viewOf()))
    fireEvent.change(screen.getByLabelText('Antwoord'), { target: { value: 'Ja' } })
    fireEvent.click(screen.getByRole('button', { name: 'Antwoord opslaan' }))
    await screen.findByText('Antwoord opgeslagen')
    expect(await violations(container)).toEqual([])

    act(() =>
      opened().show(
        { source: 'manual', nummer: '7' },
        viewOf({ uuid: 'x', nummer: '7', afgeschermd: true, onderwerp: null, inhoud: null, reactie: null }),
      ),
    )
    expect(await violations(container)).toEqual([])

    act(() => opened().fail(TRANSFER, { kind: 'unreachable' }))
    expect(await violations(container)).toEqual([])
  })

  it('has no violations for the contactverzoek, before and after it was made', async () => {
    const { container } = renderWithServices(
      <ContactverzoekForm
        klantcontactUuid={UUID}
        target={{ type: 'afdeling', id: 'vergunningen', naam: 'Afdeling Vergunningen' }}
        onderwerp="Dakkapel"
      />,
      fakeApi(),
    )
    expect(await violations(container)).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: 'Contactverzoek maken' }))
    await screen.findByText('Contactverzoek gemaakt')
    expect(await violations(container)).toEqual([])
  })
})
