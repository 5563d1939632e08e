import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { GatewayError } from '../../../renderer/src/api/errors'
import { InboxPanel } from '../../../renderer/src/inbox/InboxPanel'
import { useAppStore } from '../../../renderer/src/store'
import { resetStore, violations } from '../transfer/render-panel'
import { AGENT, ago, fakeInboxApi, itemOf, NOW } from './fixtures'
import { fakeSoftphone, inboxChanged, loggedIn, renderWith } from './render-inbox'

beforeEach(() => {
  resetStore()
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  loggedIn()
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

function renderInbox(api = fakeInboxApi([itemOf()]), softphone = fakeSoftphone()) {
  return renderWith(<InboxPanel agent={AGENT} />, api, softphone)
}

const items = () =>
  within(screen.getByRole('list', { name: 'Open contactverzoeken, oudste eerst' })).getAllByRole('listitem')

describe('InboxPanel, the open contactverzoeken', () => {
  it('lists them oldest first, each with what is asked, the number, its age, afdeling, who has it and its aanleiding', async () => {
    const newer = itemOf({
      gevraagdeHandeling: 'Klant terugbellen over: paspoort',
      terugbelverzoek: false,
      toegewezenOp: ago(3 * 3_600_000),
      medewerker: { login: AGENT.login, naam: AGENT.displayName },
    })
    const older = itemOf({ toegewezenOp: ago(2 * 86_400_000), telefoonnummer: null })
    renderInbox(fakeInboxApi([newer, older]))

    await waitFor(() => expect(items()).toHaveLength(2))
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Contactverzoeken (2 open)')
    const [first, second] = items()
    expect(first?.textContent).toContain('Terugbellen')
    expect(within(first!).queryByText('Terugbelverzoek', { selector: '.inbox-tag' })).not.toBeNull()
    expect(first?.textContent).toContain('Klant onbekend (geen telefoonnummer bekend)')
    expect(first?.textContent).toContain('2 dagen geleden')
    expect(first?.textContent).toContain('Voor Vergunningen')
    expect(first?.textContent).toContain(
      `Aanleiding: klantcontact ${older.klantcontact?.nummer}: Terugbelverzoek`,
    )
    expect(second?.textContent).toContain('Klant terugbellen over: paspoort')
    expect(within(second!).queryByText('Terugbelverzoek', { selector: '.inbox-tag' })).toBeNull()
    expect(second?.textContent).toContain('0612345678')
    expect(second?.textContent).toContain('3 uur geleden')
    expect(second?.textContent).toContain('Opgepakt door u')
    // Nothing to call without a number; nothing to claim that is the agent's already.
    expect(within(first!).queryByRole('button', { name: /^Terugbellen:/ })).toBeNull()
    expect(within(second!).queryByRole('button', { name: /^Oppakken:/ })).toBeNull()
  })

  it('shows a colleague’s contactverzoek as theirs, without actions', async () => {
    renderInbox(fakeInboxApi([itemOf({ medewerker: { login: 'm-anna', naam: 'Anna de Wit' } })]))
    await waitFor(() => expect(items()).toHaveLength(1))
    expect(items()[0]?.textContent).toContain('Opgepakt door Anna de Wit')
    expect(within(items()[0]!).queryAllByRole('button')).toHaveLength(0)
  })

  it('says so when there are none', async () => {
    renderInbox(fakeInboxApi([]))
    expect(await screen.findByText('Geen open contactverzoeken.')).toBeTruthy()
  })

  it('Oppakken assigns it to the agent and says so', async () => {
    const item = itemOf()
    const { api } = renderInbox(fakeInboxApi([item]))
    fireEvent.click(await screen.findByRole('button', { name: 'Oppakken: Terugbellen, 0612345678' }))
    await waitFor(() => expect(items()[0]?.textContent).toContain('Opgepakt door u'))
    expect(api.claimInboxItem).toHaveBeenCalledWith(item.uuid)
    expect(screen.getByRole('status').textContent).toBe('U hebt het contactverzoek opgepakt.')
    expect(screen.queryByRole('button', { name: /^Oppakken:/ })).toBeNull()
  })

  it('Verwerkt asks what was done, sends it, and the contactverzoek leaves the list', async () => {
    const item = itemOf()
    const { api } = renderInbox(fakeInboxApi([item]))
    fireEvent.click(await screen.findByRole('button', { name: 'Verwerkt: Terugbellen, 0612345678' }))
    const form = screen.getByRole('form', { name: 'Verwerkt: Terugbellen, 0612345678' })
    const resultaat = within(form).getByLabelText('Resultaat')
    expect(document.activeElement).toBe(resultaat)

    fireEvent.click(within(form).getByRole('button', { name: 'Verwerkt melden' }))
    expect(within(form).getByText('Vul in wat er met het contactverzoek is gedaan.')).toBeTruthy()
    expect(api.inboxItemVerwerkt).not.toHaveBeenCalled()

    fireEvent.change(resultaat, { target: { value: '  Klant gebeld, vergunning niet nodig. ' } })
    fireEvent.click(within(form).getByRole('button', { name: 'Verwerkt melden' }))
    await screen.findByText('Geen open contactverzoeken.')
    expect(api.inboxItemVerwerkt).toHaveBeenCalledWith(item.uuid, {
      resultaat: 'Klant gebeld, vergunning niet nodig.',
    })
    expect(screen.getByRole('status').textContent).toBe('Het contactverzoek is verwerkt.')
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 }))
  })

  it('Doorzetten offers the other afdelingen, sends the choice and why, and the contactverzoek leaves the list', async () => {
    const item = itemOf()
    const { api } = renderInbox(fakeInboxApi([item]))
    fireEvent.click(await screen.findByRole('button', { name: 'Doorzetten: Terugbellen, 0612345678' }))
    const form = screen.getByRole('form', { name: 'Doorzetten: Terugbellen, 0612345678' })
    const select = within(form).getByLabelText('Naar afdeling')
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Kies een afdeling', 'KCC', 'Burgerzaken'])
    fireEvent.click(within(form).getByRole('button', { name: 'Doorzetten' }))
    expect(within(form).getByText('Kies de afdeling die het contactverzoek overneemt.')).toBeTruthy()

    fireEvent.change(select, { target: { value: 'kcc' } })
    fireEvent.change(within(form).getByLabelText('Toelichting (niet verplicht)'), {
      target: { value: 'Gaat over een afvalpas' },
    })
    fireEvent.click(within(form).getByRole('button', { name: 'Doorzetten' }))
    await screen.findByText('Geen open contactverzoeken.')
    expect(api.doorzettenInboxItem).toHaveBeenCalledWith(item.uuid, {
      afdeling: 'kcc',
      toelichting: 'Gaat over een afvalpas',
    })
    expect(screen.getByRole('status').textContent).toBe('Het contactverzoek is doorgezet naar KCC.')
  })

  it('Annuleren closes the form and puts the focus back on its button', async () => {
    renderInbox()
    const button = await screen.findByRole('button', { name: 'Doorzetten: Terugbellen, 0612345678' })
    fireEvent.click(button)
    fireEvent.click(screen.getByRole('button', { name: 'Annuleren' }))
    expect(screen.queryByRole('form')).toBeNull()
    await waitFor(() => expect(document.activeElement).toBe(button))
  })

  it('shows the gateway’s own reason when it refuses, and keeps the contactverzoek', async () => {
    const api = fakeInboxApi([itemOf()])
    api.claimInboxItem.mockRejectedValueOnce(
      new GatewayError('rejected', 409, { detail: 'Deze taak is al opgepakt door Anna de Wit.' }, '409'),
    )
    renderInbox(api)
    fireEvent.click(await screen.findByRole('button', { name: 'Oppakken: Terugbellen, 0612345678' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Deze taak is al opgepakt door Anna de Wit.')
    expect(items()).toHaveLength(1)
  })

  it('says when the inbox cannot be loaded, and loads it again on request', async () => {
    const api = fakeInboxApi([itemOf()])
    api.inbox.mockRejectedValueOnce(new GatewayError('unreachable', undefined, undefined, 'down'))
    renderInbox(api)
    expect((await screen.findByRole('alert')).textContent).toBe(
      'De contactverzoeken konden niet worden geladen.',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Opnieuw laden' }))
    await waitFor(() => expect(items()).toHaveLength(1))
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('Terugbellen waits while a call is on', async () => {
    const softphone = fakeSoftphone()
    renderInbox(fakeInboxApi([itemOf()]), softphone)
    const button = await screen.findByRole('button', { name: 'Terugbellen: Terugbellen, 0612345678' })
    act(() => {
      softphone.set({
        ...softphone.getSnapshot(),
        call: {
          id: 'in-1',
          sipCallId: 'in-1@x',
          state: 'active',
          direction: 'inbound',
          remoteNumber: '0201234567',
          muted: false,
          held: false,
        },
      })
    })
    expect(button.getAttribute('aria-disabled')).toBe('true')
    expect(screen.getByText('Terugbellen kan na het huidige gesprek.')).toBeTruthy()
    fireEvent.click(button)
    expect(softphone.call).not.toHaveBeenCalled()
  })

  it('has no accessibility violations, with a form open', async () => {
    const { container } = renderInbox(fakeInboxApi([itemOf(), itemOf({ terugbelverzoek: false })]))
    fireEvent.click((await screen.findAllByRole('button', { name: /^Verwerkt:/ }))[0]!)
    expect(await violations(container)).toEqual([])
  })
})

describe('InboxPanel, live', () => {
  it('fetches the inbox again when the live feed says the agent’s afdeling’s inbox changed', async () => {
    const api = fakeInboxApi([])
    renderInbox(api)
    await screen.findByText('Geen open contactverzoeken.')
    const calls = api.inbox.mock.calls.length

    api.state.open.push(itemOf())
    inboxChanged({ afdeling: 'vergunningen', open: 1, oldestSince: ago(60_000) })
    await waitFor(() => expect(items()).toHaveLength(1))
    expect(api.inbox.mock.calls.length).toBe(calls + 1)
  })

  it('leaves it alone when another afdeling’s inbox changed', async () => {
    const api = fakeInboxApi([])
    renderInbox(api)
    await screen.findByText('Geen open contactverzoeken.')
    const calls = api.inbox.mock.calls.length
    inboxChanged({ afdeling: 'kcc', open: 4, oldestSince: ago(60_000) })
    // A change of the own afdeling afterwards proves the panel was listening all along.
    inboxChanged({ afdeling: 'vergunningen', open: 0 })
    await waitFor(() => expect(api.inbox.mock.calls.length).toBe(calls + 1))
  })

  it('forgets the inbox when the workspace closes (logout)', async () => {
    const { unmount } = renderInbox()
    await waitFor(() => expect(items()).toHaveLength(1))
    unmount()
    expect(useAppStore.getState().inbox.open).toEqual({ status: 'idle' })
    expect(useAppStore.getState().inbox.known).toEqual({})
  })
})
