import { cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { OpenedPanel } from '../../../renderer/src/incoming-transfer'
import { NUMMER, fakeApi, problem } from './fixtures'
import { opened, renderWithServices, resetStore } from './render-with-services'

const field = () => screen.getByLabelText('Klantcontactnummer') as HTMLInputElement
const open = (value: string) => {
  fireEvent.change(field(), { target: { value } })
  fireEvent.click(screen.getByRole('button', { name: 'Openen' }))
}

beforeEach(resetStore)
afterEach(cleanup)

describe('Klantcontact openen', () => {
  it('has a numeric field for the klantcontactnummer', () => {
    renderWithServices(<OpenedPanel />, fakeApi())
    expect(field().inputMode).toBe('numeric')
    expect(field().type).toBe('text')
  })

  it('opens the klantcontact of a typed nummer and puts the focus on it', async () => {
    const api = fakeApi()
    renderWithServices(<OpenedPanel />, api)
    open(NUMMER)
    const heading = await screen.findByRole('heading', { name: `Klantcontact ${NUMMER}` })
    expect(api.klantcontactByNummer).toHaveBeenCalledExactlyOnceWith(NUMMER)
    expect(opened().source).toBe('manual')
    expect(document.activeElement).toBe(heading)
    // Opened by hand: not "via a transfer".
    expect(screen.queryByText('Doorverbonden door een collega, bij dit gesprek.')).toBeNull()
  })

  it('refuses anything but 1 to 10 digits in Dutch, without asking the gateway', () => {
    const api = fakeApi()
    renderWithServices(<OpenedPanel />, api)
    for (const value of ['26-000-042', '12345678901', '123 456 789 01', 'abc', '２６', '-1']) {
      open(value)
      expect(screen.getByText(/Een klantcontactnummer bestaat uit 1 tot 10 cijfers/)).toBeDefined()
      expect(field().getAttribute('aria-invalid')).toBe('true')
      expect(document.activeElement).toBe(field())
    }
    open('')
    expect(screen.getByText('Vul een klantcontactnummer in.')).toBeDefined()
    expect(api.klantcontactByNummer).not.toHaveBeenCalled()
  })

  it('accepts the nummer typed in the groups it is shown in, and asks for the digits only', async () => {
    const api = fakeApi()
    renderWithServices(<OpenedPanel />, api)
    open(' 26 000\u00a0042 ')
    await screen.findByRole('heading', { name: `Klantcontact ${NUMMER}` })
    expect(api.klantcontactByNummer).toHaveBeenCalledExactlyOnceWith('26000042')
  })

  it('says there is no klantcontact with an unknown nummer', async () => {
    renderWithServices(<OpenedPanel />, fakeApi({ byNummer: problem(404) }))
    open('1')
    const error = await screen.findByText('Geen klantcontact met dit nummer.')
    expect(error.getAttribute('role')).toBe('alert')
    expect(field().getAttribute('aria-describedby')).toContain(error.id)
    // About the nummer asked, so gone once the agent types another.
    fireEvent.change(field(), { target: { value: '12' } })
    expect(screen.queryByText('Geen klantcontact met dit nummer.')).toBeNull()
    expect(field().getAttribute('aria-invalid')).toBeNull()
  })
})
