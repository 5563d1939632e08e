import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { KlantcontactPanel } from '../../../renderer/src/klantcontact/KlantcontactPanel'
import { useAppStore } from '../../../renderer/src/store'
import { fakeApi } from '../incoming-transfer/fixtures'
import { renderWithServices } from '../incoming-transfer/render-with-services'
import { viewOf } from './store-fixtures'

const AGENT = 'medewerker1'
const PARTIJ = { uuid: '5e0f8a51-59b5-4f1a-a9a1-6d1f64f4c0a1', naam: 'Jan de Vries' }

const k = () => useAppStore.getState().klantcontact

function popCall(callId = 'call-1'): string {
  let id = ''
  act(() => {
    id = k().openForCall({ agentLogin: AGENT, callId, callerNumber: '0612345678', at: Date.now() - 60_000 })
  })
  return id
}

function input(name: string): HTMLInputElement {
  return screen.getByLabelText(name)
}

beforeEach(() => {
  localStorage.clear()
  useAppStore.setState(useAppStore.getInitialState(), true)
})

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('KlantcontactPanel', () => {
  it('offers "Nieuw klantcontact" while no klantcontact is open', () => {
    render(<KlantcontactPanel agentLogin={AGENT} />)
    expect(screen.getByText('Er is geen klantcontact open.')).toBeDefined()
    fireEvent.click(screen.getByRole('button', { name: 'Nieuw klantcontact' }))
    expect(screen.getByRole('heading', { name: 'Nieuw klantcontact' })).toBeDefined()
    expect(input('Kanaal').tagName).toBe('SELECT')
    expect(document.activeElement).toBe(input('Naam klant'))
  })

  it('pops a prefilled form for a call and puts the focus on Naam klant', () => {
    render(<KlantcontactPanel agentLogin={AGENT} />)
    popCall()
    expect(document.activeElement).toBe(input('Naam klant'))
    expect(input('Kanaal').value).toBe('Telefoon')
    expect(input('Kanaal').readOnly).toBe(true)
    const taal = screen.getByLabelText('Taal') as HTMLSelectElement
    expect(taal.value).toBe('nld')
    expect(taal.selectedOptions[0]?.textContent).toBe('Nederlands')
    expect(input('Vertrouwelijk').checked).toBe(false)
    expect(screen.getByRole('group', { name: 'Plaatsgevonden op' })).toBeDefined()
    expect(input('Datum').value).toMatch(/^\d{2}-\d{2}-\d{4}$/)
    expect(input('Tijd').value).toMatch(/^\d{2}:\d{2}$/)
    expect(screen.getByRole('group', { name: 'Gegevens van het contact' })).toBeDefined()
    expect(screen.getByRole('button', { name: 'Opslaan' })).toBeDefined()
  })

  it('takes plaatsgevondenOp as a Dutch date and time, and says how to write one it cannot read', () => {
    render(<KlantcontactPanel agentLogin={AGENT} />)
    const id = popCall()
    fireEvent.change(input('Datum'), { target: { value: '2-3-2026' } })
    fireEvent.change(input('Tijd'), { target: { value: '9.05' } })
    expect(k().drafts[id]?.plaatsgevondenOp).toBe(new Date(2026, 2, 2, 9, 5).toISOString())
    expect(input('Datum').value).toBe('2-3-2026')

    fireEvent.change(input('Datum'), { target: { value: '03/02/26' } })
    fireEvent.blur(input('Datum'))
    expect(k().drafts[id]?.plaatsgevondenOp).toBe('')
    const error = screen.getByText('Vul de datum in als dd-mm-jjjj, bijvoorbeeld 02-03-2026.')
    expect(input('Datum').getAttribute('aria-describedby')).toContain(error.id)
    expect(input('Datum').getAttribute('aria-invalid')).toBe('true')
    expect(input('Datum').value).toBe('03/02/26')
  })

  it('counts Onderwerp and Inhoud live, tied to the fields, and marks text past the limit', () => {
    render(<KlantcontactPanel agentLogin={AGENT} />)
    popCall()
    expect(screen.getByText('0/200')).toBeDefined()
    expect(screen.getByText('0/1000')).toBeDefined()
    fireEvent.change(input('Onderwerp'), { target: { value: 'Paspoort' } })
    const counter = screen.getByText('8/200')
    expect(input('Onderwerp').getAttribute('aria-describedby')).toContain(counter.id)

    fireEvent.change(input('Inhoud'), { target: { value: 'x'.repeat(1003) } })
    expect(screen.getByText('1003/1000: 3 tekens te veel')).toBeDefined()
    expect(input('Inhoud').getAttribute('aria-invalid')).toBe('true')
  })

  it('saves with Ctrl+S from anywhere in the form, and with Cmd+S', () => {
    render(<KlantcontactPanel agentLogin={AGENT} />)
    const id = popCall()
    fireEvent.change(input('Onderwerp'), { target: { value: 'Paspoort' } })
    fireEvent.keyDown(input('Inhoud'), { key: 's', ctrlKey: true })
    expect(k().drafts[id]?.status).toBe('queued')

    const other = popCall('call-2')
    fireEvent.change(input('Onderwerp'), { target: { value: 'Rijbewijs' } })
    fireEvent.keyDown(input('Naam klant'), { key: 'S', metaKey: true })
    expect(k().drafts[other]?.status).toBe('queued')
  })

  it('shows a Dutch error for a missing onderwerp, moves focus there, and keeps what was typed', () => {
    render(<KlantcontactPanel agentLogin={AGENT} />)
    const id = popCall()
    fireEvent.change(input('Naam klant'), { target: { value: 'Jan de Vries' } })
    fireEvent.change(input('Inhoud'), { target: { value: 'Belt over een afvalpas' } })
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))

    const onderwerp = input('Onderwerp')
    expect(k().drafts[id]?.status).toBe('editing')
    expect(screen.getByText('Vul een onderwerp in.')).toBeDefined()
    expect(onderwerp.getAttribute('aria-invalid')).toBe('true')
    expect(onderwerp.getAttribute('aria-describedby')).toContain(screen.getByText('Vul een onderwerp in.').id)
    expect(document.activeElement).toBe(onderwerp)
    expect(input('Naam klant').value).toBe('Jan de Vries')
    expect(input('Inhoud').value).toBe('Belt over een afvalpas')
  })

  it('keeps a too long onderwerp as typed, with the error next to it', () => {
    render(<KlantcontactPanel agentLogin={AGENT} />)
    popCall()
    const long = 'o'.repeat(205)
    fireEvent.change(input('Onderwerp'), { target: { value: long } })
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))
    expect(screen.getByText('Dit is 205 tekens lang; maximaal 200.')).toBeDefined()
    expect(input('Onderwerp').value).toBe(long)
  })

  it('offers the known klant by the caller number and fills the name only on "Naam overnemen"', () => {
    render(<KlantcontactPanel agentLogin={AGENT} />)
    const id = popCall()
    act(() => k().setSuggestion(id, PARTIJ))
    expect(screen.getByText('Bekende klant bij dit nummer: Jan de Vries')).toBeDefined()
    expect(input('Naam klant').value).toBe('')

    fireEvent.click(screen.getByRole('button', { name: 'Naam overnemen' }))
    expect(input('Naam klant').value).toBe('Jan de Vries')
    expect(k().drafts[id]?.partijUuid).toBe(PARTIJ.uuid)
    expect(screen.queryByRole('button', { name: 'Naam overnemen' })).toBeNull()
  })

  it('makes the fields read-only and says it is saving while the registration is on its way', () => {
    render(<KlantcontactPanel agentLogin={AGENT} />)
    const id = popCall()
    fireEvent.change(input('Onderwerp'), { target: { value: 'Paspoort' } })
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))
    act(() => k().markSending(id))
    expect(screen.getByText('Wordt opgeslagen…').getAttribute('role')).toBe('status')
    expect(input('Onderwerp').readOnly).toBe(true)
    expect((screen.getByLabelText('Taal') as HTMLSelectElement).disabled).toBe(true)

    act(() => k().markWaiting(id, 'Failed to fetch'))
    expect(
      screen
        .getByText('Wacht op verbinding met de server; wordt automatisch opnieuw verstuurd.')
        .getAttribute('role'),
    ).toBe('status')
  })

  it('shows the refusal as an alert and the field errors next to the fields', () => {
    render(<KlantcontactPanel agentLogin={AGENT} />)
    const id = popCall()
    fireEvent.change(input('Onderwerp'), { target: { value: 'Paspoort' } })
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))
    act(() => {
      k().markSending(id)
      k().markRejected(id, {
        invalidParams: [{ name: 'onderwerp', code: 'invalid', reason: 'Niet toegestaan.' }],
      })
    })
    expect(screen.getByRole('alert').textContent).toContain('niet opgeslagen')
    expect(screen.getByText('Niet toegestaan.')).toBeDefined()
    expect(input('Onderwerp').readOnly).toBe(false)
  })

  it('shows the saved nummer large with a copy button', async () => {
    const writeText = vi.fn((_text: string) => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    renderWithServices(<KlantcontactPanel agentLogin={AGENT} />, fakeApi())
    const id = popCall()
    fireEvent.change(input('Onderwerp'), { target: { value: 'Paspoort' } })
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))
    act(() => {
      k().markSending(id)
      k().markSaved(id, viewOf('26000001'))
    })
    expect(screen.getByTestId('klantcontactnummer').textContent).toBe('26000001')
    expect(screen.getByRole('heading', { name: 'Klantcontact opgeslagen' })).toBeDefined()

    fireEvent.click(screen.getByRole('button', { name: 'Kopieer nummer' }))
    expect(await screen.findByText('Gekopieerd')).toBeDefined()
    expect(writeText).toHaveBeenCalledWith('26000001')

    fireEvent.click(screen.getByRole('button', { name: 'Sluiten' }))
    expect(k().drafts[id]).toBeUndefined()
  })

  it('after a reload shows the saved nummer and reads the content from the register only when asked', async () => {
    const api = fakeApi()
    renderWithServices(<KlantcontactPanel agentLogin={AGENT} />, api)
    const id = popCall()
    fireEvent.change(input('Onderwerp'), { target: { value: 'Paspoort' } })
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))
    act(() => {
      k().markSending(id)
      k().markSaved(id, viewOf('26000001'))
    })
    // What persistence.ts keeps of a saved draft: its nummer, not what was typed.
    act(() => {
      useAppStore.setState((state) => ({
        klantcontact: {
          ...state.klantcontact,
          drafts: { [id]: { ...state.klantcontact.drafts[id]!, onderwerp: '', inhoud: '', naamKlant: '' } },
        },
      }))
    })
    expect(screen.getByTestId('klantcontactnummer').textContent).toBe('26000001')
    expect(screen.queryByText('Niet ingevuld')).toBeNull()
    expect(api.klantcontactByNummer).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: 'Inhoud tonen' }))
    expect(api.klantcontactByNummer).toHaveBeenCalledWith('26000001')
    await act(async () => {
      await Promise.resolve()
    })
    expect(useAppStore.getState().opened.status).not.toBe('idle')
  })

  it('lists the open drafts when there is more than one, and switches between them', () => {
    render(<KlantcontactPanel agentLogin={AGENT} />)
    const first = popCall('call-1')
    fireEvent.change(input('Onderwerp'), { target: { value: 'Paspoort' } })
    popCall('call-2')
    const list = screen.getByRole('navigation', { name: 'Open klantcontacten' })
    const buttons = list.querySelectorAll('button')
    expect(buttons).toHaveLength(2)
    fireEvent.click(screen.getByRole('button', { name: /^Paspoort/ }))
    expect(k().activeId).toBe(first)
    expect(input('Onderwerp').value).toBe('Paspoort')
  })

  it('discards an unsaved draft only after the agent confirms', () => {
    render(<KlantcontactPanel agentLogin={AGENT} />)
    const id = popCall()
    fireEvent.click(screen.getByRole('button', { name: 'Concept verwijderen' }))
    expect(k().drafts[id]).toBeDefined()
    fireEvent.click(screen.getByRole('button', { name: 'Annuleren' }))
    fireEvent.click(screen.getByRole('button', { name: 'Concept verwijderen' }))
    fireEvent.click(screen.getByRole('button', { name: 'Ja, verwijderen' }))
    expect(k().drafts[id]).toBeUndefined()
  })

  it("shows only the logged-in agent's drafts", () => {
    render(<KlantcontactPanel agentLogin="medewerker2" />)
    popCall()
    expect(screen.getByText('Er is geen klantcontact open.')).toBeDefined()
    expect(screen.queryByLabelText('Naam klant')).toBeNull()
  })

  it('gives every control a label and resolves every aria-describedby', () => {
    const { container } = render(<KlantcontactPanel agentLogin={AGENT} />)
    const id = popCall()
    act(() => k().setSuggestion(id, PARTIJ))
    fireEvent.click(screen.getByRole('button', { name: 'Opslaan' }))
    for (const control of container.querySelectorAll<HTMLInputElement>('input, select, textarea')) {
      expect(control.labels?.length, control.id).toBe(1)
    }
    const ids = [...container.querySelectorAll('[id]')].map((element) => element.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const element of container.querySelectorAll('[aria-describedby]')) {
      for (const described of element.getAttribute('aria-describedby')?.split(' ') ?? []) {
        expect(document.getElementById(described), described).not.toBeNull()
      }
    }
  })

  it('writes every keystroke to localStorage at once', () => {
    render(<KlantcontactPanel agentLogin={AGENT} />)
    popCall()
    fireEvent.change(input('Inhoud'), { target: { value: 'Wil een nieuwe afvalpas' } })
    expect(localStorage.getItem('kcc.klantcontact.v1')).toContain('Wil een nieuwe afvalpas')
  })
})
