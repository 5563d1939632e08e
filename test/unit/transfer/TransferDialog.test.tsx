import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useAppStore } from '../../../renderer/src/store'
import { FOCUS_TARGETS } from '../../../renderer/src/lib/focus-targets'
import { TransferAbortedError } from '../../../renderer/src/transfer/slice'
import {
  BRAM,
  SELF,
  UUID,
  VERGUNNINGEN,
  callOf,
  directoryOf,
  liveOf,
  savedDraftForCall,
  transferOf,
} from './fixtures'
import { fakeTransfers, handed, liveAgents, phone, renderPanel, resetStore } from './render-panel'

const targets = () => within(screen.getByRole('group', { name: 'Doorverbinden naar' })).getAllByRole('radio')
const transferButton = () => screen.getByRole('button', { name: 'Doorverbinden' })
const intentActions = () => useAppStore.getState().transfer

beforeEach(() => {
  resetStore()
  // The transfer slice logs an ignored step at debug.
  vi.spyOn(console, 'debug').mockImplementation(() => undefined)
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('TransferDialog, choosing whom to transfer to', () => {
  it.each([
    ['no call', null],
    ['a ringing call', callOf({ state: 'ringing', answeredAt: undefined })],
    ['a call being set up', callOf({ state: 'connecting', answeredAt: undefined })],
    ['an ended call', callOf({ state: 'ended' })],
  ] as const)('is not there with %s', (_name, call) => {
    const { container } = renderPanel({ call })
    expect(container.innerHTML).toBe('')
  })

  it('appears for a call on hold as well', () => {
    renderPanel({ call: callOf({ state: 'on_hold', held: true }) })
    expect(screen.getByRole('heading', { name: 'Doorverbinden' })).toBeDefined()
  })

  it('lists the afdelingen and the colleagues with their state, never the agent themself', () => {
    renderPanel()
    expect(targets()).toHaveLength(5)
    expect(screen.getByRole('radio', { name: 'Vergunningen · 1 van 2 beschikbaar' })).toBeDefined()
    expect(screen.getByRole('radio', { name: 'Burgerzaken · 0 van 1 beschikbaar' })).toBeDefined()
    expect(screen.getByRole('radio', { name: 'Bram Jansen · Vergunningen · Beschikbaar' })).toBeDefined()
    expect(screen.getByRole('radio', { name: 'Chloë Özdemir · Vergunningen · In gesprek' })).toBeDefined()
    expect(screen.getByRole('radio', { name: 'Daan Smit · Burgerzaken · Status onbekend' })).toBeDefined()
    expect(screen.queryByRole('radio', { name: /Anna de Wit/ })).toBeNull()
  })

  it('follows the live states as they change', () => {
    renderPanel()
    liveAgents([liveOf('medewerker2', 'ringing')])
    expect(screen.getByRole('radio', { name: 'Bram Jansen · Vergunningen · Gaat over' })).toBeDefined()
    expect(screen.getByRole('radio', { name: 'Vergunningen · 0 van 2 beschikbaar' })).toBeDefined()
  })

  it('asks for the colleagues’ states as soon as the picker is shown', () => {
    const { transfers } = renderPanel()
    expect(transfers.refreshTargets).toHaveBeenCalled()
  })

  it('asks again every 3 seconds while the picker is on screen, and stops once a transfer is under way', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const { transfers } = renderPanel()
      expect(transfers.refreshTargets).toHaveBeenCalledTimes(1)
      act(() => vi.advanceTimersByTime(6_000))
      expect(transfers.refreshTargets).toHaveBeenCalledTimes(3)
      act(() => intentActions().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: true }))
      act(() => vi.advanceTimersByTime(9_000))
      expect(transfers.refreshTargets).toHaveBeenCalledTimes(3)
    } finally {
      vi.useRealTimers()
    }
  })

  it('narrows the list as the agent types, and says when nothing matches', () => {
    renderPanel()
    const search = screen.getByRole('searchbox', { name: 'Zoek afdeling of collega' })
    fireEvent.change(search, { target: { value: 'chloe' } })
    expect(targets().map((radio) => radio.closest('li')?.textContent)).toEqual([
      'Chloë Özdemir · Vergunningen · In gesprek',
    ])
    fireEvent.change(search, { target: { value: 'belastingen' } })
    expect(screen.getByText('Geen afdeling of collega gevonden.')).toBeDefined()
  })

  it('asks to choose an afdeling or colleague when Doorverbinden is pressed without one', () => {
    const { transfers } = renderPanel()
    fireEvent.click(transferButton())
    expect(screen.getByRole('alert').textContent).toBe('Kies een afdeling of collega.')
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Zoek afdeling of collega' }))
    expect(transfers.start).not.toHaveBeenCalled()
  })

  it('clears that request once a target is chosen', () => {
    renderPanel()
    fireEvent.click(transferButton())
    fireEvent.click(screen.getByRole('radio', { name: /^Bram Jansen/ }))
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('starts a warm transfer to the chosen afdeling by default', () => {
    const { transfers } = renderPanel()
    fireEvent.click(screen.getByRole('radio', { name: /^Vergunningen/ }))
    fireEvent.click(transferButton())
    expect(transfers.start).toHaveBeenCalledTimes(1)
    expect(transfers.start).toHaveBeenCalledWith(VERGUNNINGEN, 'warm')
  })

  it('starts a blind transfer when the agent chooses to transfer without consulting', () => {
    const { transfers } = renderPanel()
    expect(screen.getByRole('radio', { name: 'Eerst overleggen (de klant wacht)' })).toHaveProperty(
      'checked',
      true,
    )
    fireEvent.click(screen.getByRole('radio', { name: /^Bram Jansen/ }))
    fireEvent.click(screen.getByRole('radio', { name: 'Direct doorverbinden, zonder overleg' }))
    fireEvent.click(transferButton())
    expect(transfers.start).toHaveBeenCalledWith(BRAM, 'blind')
  })

  it('does not start a target that the search has filtered away since it was chosen', () => {
    const { transfers } = renderPanel()
    fireEvent.click(screen.getByRole('radio', { name: /^Bram Jansen/ }))
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'burgerzaken' } })
    fireEvent.click(transferButton())
    expect(transfers.start).not.toHaveBeenCalled()
    expect(screen.getByRole('alert').textContent).toBe('Kies een afdeling of collega.')
  })

  it('says when no klantcontact goes with the call', () => {
    renderPanel()
    expect(screen.getByText(/Er is geen klantcontact bij dit gesprek/)).toBeDefined()
    act(() => {
      savedDraftForCall(useAppStore)
    })
    expect(screen.queryByText(/Er is geen klantcontact bij dit gesprek/)).toBeNull()
  })
})

describe('TransferDialog, the choice survives', () => {
  it('keeps the chosen target and manner after a refusal, and when the dialog is opened again', () => {
    renderPanel()
    fireEvent.click(screen.getByRole('radio', { name: /^Bram Jansen/ }))
    fireEvent.click(screen.getByRole('radio', { name: 'Direct doorverbinden, zonder overleg' }))
    // The klantcontact had invalid fields: the dialog closes so the agent can fill them in.
    act(() => {
      intentActions().begin({ callId: 'call-1', kind: 'blind', target: BRAM, saving: true })
      intentActions().step('call-1', 'refuse', { refusal: 'klantcontact_invalid' })
    })
    expect(screen.queryByRole('dialog')).toBeNull()
    act(() => {
      intentActions().clear()
      intentActions().openDialog()
    })
    expect(screen.getByRole('radio', { name: /^Bram Jansen/ })).toHaveProperty('checked', true)
    expect(screen.getByRole('radio', { name: 'Direct doorverbinden, zonder overleg' })).toHaveProperty(
      'checked',
      true,
    )
  })

  it('keeps the choice when Doorverbinden is pressed after the chosen colleague was filtered away', () => {
    renderPanel()
    fireEvent.click(screen.getByRole('radio', { name: /^Bram Jansen/ }))
    fireEvent.click(screen.getByRole('radio', { name: 'Direct doorverbinden, zonder overleg' }))
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'burgerzaken' } })
    fireEvent.click(transferButton())
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '' } })
    expect(screen.getByRole('radio', { name: /^Bram Jansen/ })).toHaveProperty('checked', true)
    expect(screen.getByRole('radio', { name: 'Direct doorverbinden, zonder overleg' })).toHaveProperty(
      'checked',
      true,
    )
  })
})

describe('TransferDialog, who can be chosen', () => {
  it('shows an afgemeld colleague as Afgemeld, and does not let the agent choose them', () => {
    const { transfers } = renderPanel()
    liveAgents([liveOf('medewerker2', 'offline')])
    const bram = screen.getByRole('radio', { name: 'Bram Jansen · Vergunningen · Afgemeld' })
    expect(bram).toHaveProperty('disabled', true)
    fireEvent.click(bram)
    fireEvent.click(transferButton())
    expect(transfers.start).not.toHaveBeenCalled()
    expect(screen.getByRole('alert').textContent).toBe('Kies een afdeling of collega.')
  })

  it('says nobody else is in an afdeling of the agent alone, instead of 0 van 0', () => {
    renderPanel()
    act(() => {
      const directory = directoryOf()
      useAppStore.getState().workspace.setDirectory({
        status: 'ready',
        value: {
          ...directory,
          afdelingen: [
            ...directory.afdelingen,
            { id: 'eigen', naam: 'Eigen', groupAddress: '3200', leden: [SELF] },
          ],
        },
      })
    })
    const eigen = screen.getByRole('radio', { name: 'Eigen · Niemand anders in deze afdeling' })
    expect(eigen).toHaveProperty('disabled', true)
    expect(screen.queryByText(/0 van 0/)).toBeNull()
  })

  it('names the states in words, never as the raw values', () => {
    renderPanel()
    liveAgents([liveOf('medewerker2', 'nawerk'), liveOf('medewerker3', 'consulting')])
    expect(screen.getByRole('radio', { name: 'Bram Jansen · Vergunningen · Nawerk' })).toBeDefined()
    expect(screen.getByRole('radio', { name: 'Chloë Özdemir · Vergunningen · In overleg' })).toBeDefined()
    expect(document.body.textContent).not.toMatch(/nawerk|consulting|in_gesprek/)
  })
})

describe('TransferDialog, as a dialog', () => {
  it('is a labelled modal dialog whose search takes the focus', () => {
    renderPanel()
    const dialog = screen.getByRole('dialog', { name: 'Doorverbinden' })
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Zoek afdeling of collega' }))
    expect(document.activeElement?.id).toBe(FOCUS_TARGETS.transferFirst)
  })

  it('closes with Escape', () => {
    renderPanel()
    fireEvent.keyDown(screen.getByRole('searchbox'), { key: 'Escape' })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(useAppStore.getState().transfer.dialogOpen).toBe(false)
  })

  it('closes when the consult starts, and opens again when the transfer fails', () => {
    renderPanel()
    handed('warm')
    phone({
      call: callOf({ state: 'on_hold', held: true }),
      consult: callOf({ id: 'consult-1', direction: 'outbound', state: 'connecting', answeredAt: undefined }),
      transfer: transferOf({ state: 'consulting' }),
    })
    expect(screen.queryByRole('dialog')).toBeNull()
    phone({
      call: callOf(),
      consult: callOf({ id: 'consult-1', direction: 'outbound', state: 'ended' }),
      transfer: transferOf({ state: 'failed', reason: 'busy' }),
    })
    expect(screen.getByRole('dialog', { name: 'Doorverbinden' })).toBeDefined()
    expect(screen.getByRole('button', { name: 'Contactverzoek maken' })).toBeDefined()
  })
})

describe('TransferDialog, the transfer under way', () => {
  it('shows each step before the colleague’s phone rings, with Annuleren, without the picker', () => {
    renderPanel()
    act(() => intentActions().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: true }))
    expect(screen.getByRole('status').textContent).toBe('Het klantcontact wordt eerst opgeslagen…')
    expect(screen.queryByRole('button', { name: 'Doorverbinden' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Annuleren' })).toBeDefined()
    act(() => {
      intentActions().step('call-1', 'saved')
    })
    expect(screen.getByRole('status').textContent).toBe('De overdracht wordt vastgelegd…')
    expect(screen.getByRole('button', { name: 'Annuleren' })).toBeDefined()
    act(() => {
      intentActions().step('call-1', 'announced')
    })
    expect(screen.getByRole('status').textContent).toBe('Vergunningen wordt gebeld…')
    expect(screen.getByRole('button', { name: 'Annuleren' })).toBeDefined()
  })

  it('stops a transfer that is still being prepared with Annuleren: its next step does not happen', () => {
    const { transfers } = renderPanel()
    act(() => intentActions().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: true }))
    fireEvent.click(screen.getByRole('button', { name: 'Annuleren' }))
    expect(transfers.cancel).not.toHaveBeenCalled()
    expect(screen.getByRole('alert').textContent).toContain('Doorverbinden geannuleerd.')
    expect(() => intentActions().step('call-1', 'saved')).toThrow(TransferAbortedError)
    // The picker is back for another try.
    expect(screen.getByRole('group', { name: 'Doorverbinden naar' })).toBeDefined()
  })

  it('hangs up the consult being dialled with Annuleren', async () => {
    const { transfers } = renderPanel()
    act(() => {
      intentActions().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: false })
      intentActions().step('call-1', 'announced')
    })
    fireEvent.click(screen.getByRole('button', { name: 'Annuleren' }))
    await waitFor(() => expect(transfers.cancel).toHaveBeenCalledTimes(1))
  })

  it('shows that a blind transfer is on its way, with Annuleren', () => {
    const { transfers } = renderPanel()
    handed('blind')
    phone({ transfer: transferOf({ kind: 'blind', state: 'completing' }) })
    expect(screen.getByRole('status').textContent).toBe(
      'De klant wordt direct doorverbonden met Vergunningen…',
    )
    fireEvent.click(screen.getByRole('button', { name: 'Annuleren' }))
    expect(transfers.cancel).toHaveBeenCalledTimes(1)
  })

  it('says so when Annuleren is refused', async () => {
    const transfers = fakeTransfers()
    transfers.cancel.mockRejectedValueOnce(new Error('no consult'))
    renderPanel({ transfers })
    handed('blind')
    phone({ transfer: transferOf({ kind: 'blind', state: 'completing' }) })
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    fireEvent.click(screen.getByRole('button', { name: 'Annuleren' }))
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Het gesprek kon niet worden doorverbonden.'),
    )
  })

  it('says the customer is transferred, with the klantcontactnummer that went along', () => {
    renderPanel()
    handed('blind')
    phone({ transfer: transferOf({ kind: 'blind', state: 'completing' }) })
    phone({ call: callOf({ state: 'ended' }), transfer: transferOf({ kind: 'blind', state: 'completed' }) })
    const status = screen.getByRole('status')
    expect(within(status).getByText('De klant is doorverbonden met Vergunningen.')).toBeDefined()
    expect(within(status).getByText('Klantcontact 26000042 is meegegeven.')).toBeDefined()
  })

  it('after a failed transfer: the reason in Dutch, back with the customer, and the contactverzoek', () => {
    const { transfers } = renderPanel()
    handed('warm')
    phone({ transfer: transferOf({ state: 'failed', reason: 'busy' }) })
    const alert = screen.getByRole('alert')
    expect(
      within(alert).getByText('Doorverbinden met Vergunningen is niet gelukt: in gesprek (bezet).'),
    ).toBeDefined()
    expect(within(alert).getByText('U bent weer in gesprek met de klant.')).toBeDefined()
    expect(screen.getByRole('button', { name: 'Contactverzoek maken' })).toBeDefined()
    // The agent may try someone else straight away.
    expect(screen.getByRole('group', { name: 'Doorverbinden naar' })).toBeDefined()
    fireEvent.click(screen.getByRole('button', { name: 'Sluiten' }))
    expect(transfers.dismiss).toHaveBeenCalledTimes(1)
  })

  it('makes the contactverzoek for the afdeling the transfer did not reach', async () => {
    const { api } = renderPanel()
    handed('warm')
    phone({ transfer: transferOf({ state: 'failed', reason: 'no_answer' }) })
    fireEvent.click(screen.getByRole('button', { name: 'Contactverzoek maken' }))
    await screen.findByText('Contactverzoek gemaakt')
    expect(api.createContactverzoek).toHaveBeenCalledWith(
      expect.objectContaining({
        klantcontactUuid: UUID,
        gevraagdeHandeling: 'Klant terugbellen over: Dakkapel zonder vergunning',
        toelichting: expect.stringContaining('0612345678'),
        toegewezenAan: { type: 'afdeling', id: 'vergunningen' },
      }),
    )
  })

  it('writes the caller’s number as onbekend in the contactverzoek when the caller has none', () => {
    renderPanel({ call: callOf({ remoteNumber: 'burger' }) })
    handed('warm')
    phone({ transfer: transferOf({ state: 'failed', reason: 'no_answer' }) })
    const toelichting = screen.getByLabelText(/Toelichting/) as HTMLTextAreaElement
    expect(toelichting.value).toContain('Telefoonnummer klant: onbekend')
    expect(toelichting.value).not.toContain('burger')
  })

  it('does not say the agent is back with the customer when the customer hung up', () => {
    renderPanel()
    handed('warm')
    phone({
      call: callOf({ state: 'ended' }),
      transfer: transferOf({ state: 'failed', reason: 'customer_hung_up' }),
    })
    expect(screen.getByRole('alert').textContent).toBe(
      'Doorverbinden met Vergunningen is niet gelukt: de klant heeft opgehangen.',
    )
  })

  it('offers no contactverzoek after a failed transfer without a klantcontact', () => {
    renderPanel()
    handed('warm', null)
    phone({ transfer: transferOf({ state: 'failed', reason: 'declined' }) })
    expect(screen.getByRole('alert').textContent).toContain('geweigerd')
    expect(screen.queryByRole('button', { name: 'Contactverzoek maken' })).toBeNull()
  })

  it('shows why the transfer was refused, with the server’s own reason, and closes it', () => {
    const { transfers } = renderPanel()
    act(() => {
      intentActions().begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: false })
      intentActions().step('call-1', 'refuse', {
        refusal: 'announce_refused',
        detail: 'U bent niet betrokken bij dit klantcontact.',
      })
    })
    const alert = screen.getByRole('alert')
    expect(within(alert).getByText('De overdracht werd geweigerd.')).toBeDefined()
    expect(within(alert).getByText('U bent niet betrokken bij dit klantcontact.')).toBeDefined()
    fireEvent.click(within(alert).getByRole('button', { name: 'Sluiten' }))
    expect(transfers.dismiss).toHaveBeenCalledTimes(1)
  })

  it('shows nothing of a transfer that belonged to an earlier call', () => {
    renderPanel()
    act(() => intentActions().begin({ callId: 'call-0', kind: 'warm', target: VERGUNNINGEN, saving: true }))
    expect(screen.queryByRole('status')).toBeNull()
    expect(screen.getByRole('group', { name: 'Doorverbinden naar' })).toBeDefined()
  })
})
