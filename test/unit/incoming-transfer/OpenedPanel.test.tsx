import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OpenedPanel } from '../../../renderer/src/incoming-transfer'
import { NUMMER, RING, UUID, fakeApi, problem, viewOf } from './fixtures'
import { opened, renderWithServices, resetStore } from './render-with-services'

const TRANSFER = { source: 'transfer', nummer: NUMMER, callId: 'call-1' } as const

function transferred(view = viewOf()) {
  act(() => opened().show(TRANSFER, view))
}

/** The value shown for a label in the details list (dt/dd). */
function detail(label: string): string {
  const term = screen.getByText(label, { selector: 'dt' })
  return term.nextElementSibling?.textContent ?? ''
}

beforeEach(resetStore)
afterEach(cleanup)

describe('OpenedPanel', () => {
  it('offers only "Klantcontact openen" while nothing is open', () => {
    renderWithServices(<OpenedPanel />, fakeApi())
    expect(screen.getByRole('heading', { name: 'Klantcontact openen' })).toBeDefined()
    expect(screen.queryByLabelText('Antwoord')).toBeNull()
  })

  it('shows what the colleague registered: onderwerp, inhoud, naam klant, by whom and when', () => {
    renderWithServices(<OpenedPanel />, fakeApi())
    transferred()
    expect(screen.getByRole('heading', { name: `Klantcontact ${NUMMER}` })).toBeDefined()
    expect(screen.getByText('Doorverbonden door een collega, bij dit gesprek.')).toBeDefined()
    expect(detail('Onderwerp')).toBe('Dakkapel zonder vergunning')
    expect(detail('Inhoud')).toBe('Buurman bouwt een dakkapel.\nVraagt of daar een vergunning voor is.')
    expect(screen.getByText('Inhoud', { selector: 'dt' }).nextElementSibling?.className).toContain('op-text')
    expect(detail('Naam klant')).toBe('Jan de Vries')
    expect(detail('Geregistreerd door')).toBe('Medewerker Een')
    const when = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short' }).format(RING)
    expect(detail('Plaatsgevonden op')).toBe(when)
    expect(when).toMatch(/maart 2026/)
  })

  it('does not take focus from the ringing call when a transfer opens', () => {
    renderWithServices(<OpenedPanel />, fakeApi())
    transferred()
    expect(document.activeElement).toBe(document.body)
  })

  it('shows that a vertrouwelijk klantcontact exists, without its content and without an answer form', () => {
    renderWithServices(<OpenedPanel />, fakeApi())
    transferred(
      viewOf({
        vertrouwelijk: true,
        afgeschermd: true,
        onderwerp: null,
        inhoud: null,
        reactie: null,
        betrokkenen: [{ uuid: 'b-1', rol: 'klant', initiator: true, volledigeNaam: null }],
      }),
    )
    expect(screen.getByText(/Dit klantcontact is vertrouwelijk/)).toBeDefined()
    expect(screen.queryByText('Onderwerp', { selector: 'dt' })).toBeNull()
    expect(screen.queryByText('Naam klant', { selector: 'dt' })).toBeNull()
    expect(detail('Geregistreerd door')).toBe('Medewerker Een')
    expect(screen.queryByLabelText('Antwoord')).toBeNull()
  })

  it('counts down what still fits in the inhoud as the colleague types', () => {
    renderWithServices(<OpenedPanel />, fakeApi())
    transferred(viewOf({ inhoud: 'x'.repeat(900) }))
    // 1000 − 900 − the blank line (2) − "Antwoord: " (10)
    const counter = screen.getByText('Nog 88 tekens beschikbaar')
    expect(screen.getByLabelText('Antwoord').getAttribute('aria-describedby')).toContain(counter.id)
    fireEvent.change(screen.getByLabelText('Antwoord'), { target: { value: 'y'.repeat(90) } })
    expect(screen.getByText('2 tekens te veel')).toBeDefined()
    expect(screen.getByLabelText('Antwoord').getAttribute('aria-invalid')).toBe('true')
  })

  it('counts against reactie when the gateway keeps answers there', () => {
    renderWithServices(<OpenedPanel answerField="reactie" />, fakeApi())
    transferred(viewOf({ reactie: '' }))
    expect(screen.getByText('Nog 4000 tekens beschikbaar')).toBeDefined()
    expect(
      screen.getByText('Het antwoord wordt in de reactie van het klantcontact vastgelegd.'),
    ).toBeDefined()
  })

  it('saves the answer and shows the klantcontact with it, and "Antwoord opgeslagen"', async () => {
    const updated = viewOf({ inhoud: 'Vraag\n\nAntwoord: Ja, daar is een vergunning voor nodig.' })
    const api = fakeApi({ answer: updated })
    renderWithServices(<OpenedPanel />, api)
    transferred(viewOf({ inhoud: 'Vraag' }))
    fireEvent.change(screen.getByLabelText('Antwoord'), {
      target: { value: 'Ja, daar is een vergunning voor nodig.' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Antwoord opslaan' }))
    await screen.findByText('Antwoord opgeslagen')
    expect(screen.getByText('Antwoord opgeslagen').getAttribute('role')).toBe('status')
    expect(api.answer).toHaveBeenCalledExactlyOnceWith(UUID, 'Ja, daar is een vergunning voor nodig.')
    expect(detail('Inhoud')).toBe('Vraag\n\nAntwoord: Ja, daar is een vergunning voor nodig.')
    expect((screen.getByLabelText('Antwoord') as HTMLTextAreaElement).value).toBe('')
  })

  it("shows the gateway's Dutch reason as an alert when it refuses the answer (400)", async () => {
    const reason = 'Het antwoord past niet in de inhoud van het klantcontact: 3 tekens te veel.'
    const api = fakeApi({
      answer: problem(400, { invalidParams: [{ name: 'antwoord', code: 'max_length', reason }] }),
    })
    renderWithServices(<OpenedPanel />, api)
    transferred()
    fireEvent.change(screen.getByLabelText('Antwoord'), { target: { value: 'Ja' } })
    fireEvent.click(screen.getByRole('button', { name: 'Antwoord opslaan' }))
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText('Het antwoord is niet opgeslagen.')).toBeDefined()
    expect(within(alert).getByText(reason)).toBeDefined()
    expect((screen.getByLabelText('Antwoord') as HTMLTextAreaElement).value).toBe('Ja')
  })

  it('says so when a vertrouwelijk klantcontact may not be answered (403)', async () => {
    const detailText =
      'Dit klantcontact is vertrouwelijk; alleen betrokken medewerkers kunnen het beantwoorden.'
    renderWithServices(<OpenedPanel />, fakeApi({ answer: problem(403, { detail: detailText }) }))
    transferred()
    fireEvent.change(screen.getByLabelText('Antwoord'), { target: { value: 'Ja' } })
    fireEvent.keyDown(screen.getByLabelText('Antwoord'), { key: 's', ctrlKey: true })
    expect(within(await screen.findByRole('alert')).getByText(detailText)).toBeDefined()
  })

  it('asks for an answer instead of sending an empty one', () => {
    const api = fakeApi()
    renderWithServices(<OpenedPanel />, api)
    transferred()
    fireEvent.click(screen.getByRole('button', { name: 'Antwoord opslaan' }))
    expect(within(screen.getByRole('alert')).getByText('Vul een antwoord in.')).toBeDefined()
    expect(api.answer).not.toHaveBeenCalled()
  })

  it('offers to try again when a transfer could not be opened, and opens it through its record', async () => {
    const api = fakeApi()
    renderWithServices(<OpenedPanel />, api)
    act(() => opened().fail(TRANSFER, { kind: 'unreachable' }))
    const alert = screen.getByRole('alert')
    expect(within(alert).getByText(`Klantcontact ${NUMMER} kon niet worden geopend.`)).toBeDefined()
    fireEvent.click(within(alert).getByRole('button', { name: 'Opnieuw proberen' }))
    await screen.findByRole('heading', { name: `Klantcontact ${NUMMER}` })
    expect(api.resolveTransfer).toHaveBeenCalledWith(NUMMER)
  })

  it('closes the klantcontact', () => {
    renderWithServices(<OpenedPanel />, fakeApi())
    transferred()
    fireEvent.click(screen.getByRole('button', { name: 'Sluiten' }))
    expect(opened().status).toBe('idle')
    expect(screen.queryByRole('heading', { name: `Klantcontact ${NUMMER}` })).toBeNull()
  })
})
