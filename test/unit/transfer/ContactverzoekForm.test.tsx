import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ContactverzoekForm } from '../../../renderer/src/transfer/ContactverzoekForm'
import { UUID, fakeApi, problem } from '../incoming-transfer/fixtures'
import { renderWithServices, resetStore } from '../incoming-transfer/render-with-services'

const AFDELING = { type: 'afdeling', id: 'vergunningen', naam: 'Afdeling Vergunningen' } as const

function form(api = fakeApi(), props: Partial<Parameters<typeof ContactverzoekForm>[0]> = {}) {
  renderWithServices(
    <ContactverzoekForm
      klantcontactUuid={UUID}
      target={AFDELING}
      onderwerp="Dakkapel zonder vergunning"
      callerNumber="0612345678"
      {...props}
    />,
    api,
  )
  return api
}

const text = (label: string) => (screen.getByLabelText(label) as HTMLInputElement | HTMLTextAreaElement).value

beforeEach(resetStore)
afterEach(cleanup)

describe('ContactverzoekForm', () => {
  it('is prefilled for the afdeling the transfer did not reach', () => {
    form()
    expect(screen.getByRole('heading', { name: 'Contactverzoek voor Afdeling Vergunningen' })).toBeDefined()
    expect(screen.getByText('Toegewezen aan: Afdeling Vergunningen (afdeling)')).toBeDefined()
    expect(text('Gevraagde handeling')).toBe('Klant terugbellen over: Dakkapel zonder vergunning')
    expect(text('Toelichting')).toContain('Onderwerp: Dakkapel zonder vergunning')
    expect(text('Toelichting')).toContain('Telefoonnummer klant: 0612345678')
    expect((screen.getByLabelText('Gevraagde handeling') as HTMLInputElement).required).toBe(true)
  })

  it('makes the contactverzoek in one click, for the target, and says so', async () => {
    const api = form(fakeApi(), { target: { type: 'agent', id: 'medewerker3', naam: 'Medewerker Drie' } })
    fireEvent.click(screen.getByRole('button', { name: 'Contactverzoek maken' }))
    const status = await screen.findByText('Contactverzoek gemaakt')
    expect(status.getAttribute('role')).toBe('status')
    expect(api.createContactverzoek).toHaveBeenCalledExactlyOnceWith({
      klantcontactUuid: UUID,
      gevraagdeHandeling: 'Klant terugbellen over: Dakkapel zonder vergunning',
      toelichting: expect.stringContaining('Doorverbinden met Medewerker Drie is niet gelukt.'),
      toegewezenAan: { type: 'agent', id: 'medewerker3' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Contactverzoek maken' }))
    expect(api.createContactverzoek).toHaveBeenCalledOnce()
    expect((screen.getByLabelText('Gevraagde handeling') as HTMLInputElement).readOnly).toBe(true)
  })

  it('sends what the agent changed, and no empty toelichting', async () => {
    const api = form()
    fireEvent.change(screen.getByLabelText('Gevraagde handeling'), {
      target: { value: 'Vergunning nakijken' },
    })
    fireEvent.change(screen.getByLabelText('Toelichting'), { target: { value: '  ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Contactverzoek maken' }))
    await screen.findByText('Contactverzoek gemaakt')
    expect(api.createContactverzoek.mock.calls[0]![0]).toEqual({
      klantcontactUuid: UUID,
      gevraagdeHandeling: 'Vergunning nakijken',
      toegewezenAan: { type: 'afdeling', id: 'vergunningen' },
    })
  })

  it('requires a gevraagde handeling and goes to it', () => {
    const api = form()
    fireEvent.change(screen.getByLabelText('Gevraagde handeling'), { target: { value: '' } })
    fireEvent.click(screen.getByRole('button', { name: 'Contactverzoek maken' }))
    expect(screen.getByText('Vul in wat er moet gebeuren.')).toBeDefined()
    expect(document.activeElement).toBe(screen.getByLabelText('Gevraagde handeling'))
    expect(api.createContactverzoek).not.toHaveBeenCalled()
  })

  it("shows the gateway's refusal next to the field and as an alert", async () => {
    form(
      fakeApi({
        contactverzoek: problem(400, {
          invalidParams: [
            {
              name: 'toelichting',
              code: 'max_length',
              reason: 'Zorg ervoor dat dit veld niet meer dan 1000 tekens bevat.',
            },
          ],
        }),
      }),
    )
    fireEvent.click(screen.getByRole('button', { name: 'Contactverzoek maken' }))
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText('Het contactverzoek is niet gemaakt.')).toBeDefined()
    expect(screen.getByText('Zorg ervoor dat dit veld niet meer dan 1000 tekens bevat.')).toBeDefined()
    expect(screen.getByLabelText('Toelichting').getAttribute('aria-invalid')).toBe('true')
  })
})
