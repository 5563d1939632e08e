import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FOCUS_TARGETS } from '../../../renderer/src/lib/focus-targets'
import { useAppStore } from '../../../renderer/src/store'
import { callOf } from '../transfer/fixtures'
import { resetStore } from '../transfer/render-panel'
import { registration, renderStrip } from './render-strip'

beforeEach(() => {
  resetStore()
  vi.spyOn(console, 'debug').mockImplementation(() => undefined)
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const strip = () => screen.getByRole('region', { name: 'Telefoon' })

describe('the phone strip, the phone itself', () => {
  it('says nothing about the connection while it is fine, and says so in plain words when it is not', () => {
    renderStrip()
    expect(within(strip()).getByText('Geen gesprek')).toBeDefined()
    // Told to assistive technology, not shown.
    expect(within(strip()).getByText('Telefoon verbonden').className).toBe('phone-visually-hidden')
    registration('reconnecting')
    const status = within(strip()).getByText('Telefoon niet verbonden, opnieuw verbinden…')
    expect(status.getAttribute('role')).toBe('status')
    expect(status.className).not.toContain('visually-hidden')
    expect(strip().textContent).not.toMatch(/telefooncentrale|gateway|SIP/)
  })
})

describe('the phone strip, one call', () => {
  it('says an inbound call rings once, and offers Opnemen with its id and shortcut', async () => {
    const { softphone } = renderStrip({ call: callOf({ state: 'ringing', answeredAt: undefined }) })
    expect(strip().textContent).toContain('Inkomend gesprek')
    expect(strip().textContent).not.toMatch(/Inkomend gesprek.*Inkomend/)
    const opnemen = screen.getByRole('button', { name: 'Opnemen' })
    expect(opnemen.id).toBe(FOCUS_TARGETS.answer)
    expect(opnemen.getAttribute('aria-keyshortcuts')).toBe('Alt+O')
    expect(opnemen.textContent).toContain('Alt+O')
    expect(screen.getByRole('button', { name: 'Weigeren' }).getAttribute('aria-keyshortcuts')).toBe('Alt+N')
    fireEvent.click(opnemen)
    await waitFor(() => expect(softphone.answer).toHaveBeenCalledTimes(1))
  })

  it('names a colleague who calls by their name from the directory, not by their account', () => {
    renderStrip({
      call: callOf({
        state: 'ringing',
        remoteNumber: 'medewerker2',
        assertedCaller: '2002',
        answeredAt: undefined,
      }),
    })
    expect(screen.getByTestId('call-remote').textContent).toBe('Bram Jansen')
    expect(strip().textContent).not.toContain('medewerker2')
  })

  it('shows a caller who merely calls themself a colleague by their number', () => {
    renderStrip({ call: callOf({ state: 'ringing', remoteNumber: '2002', answeredAt: undefined }) })
    expect(screen.getByTestId('call-remote').textContent).toBe('2002')
  })

  it('in a call: Ophangen, Wacht and Doorverbinden with their shortcuts; the microphone shows it is off', async () => {
    const { softphone } = renderStrip({ call: callOf() })
    expect(screen.getByRole('button', { name: 'Ophangen' }).getAttribute('aria-keyshortcuts')).toBe('Alt+H')
    expect(screen.getByRole('button', { name: 'Wacht' }).getAttribute('aria-keyshortcuts')).toBe('Alt+W')
    expect(screen.getByRole('button', { name: 'Doorverbinden' }).getAttribute('aria-keyshortcuts')).toBe(
      'Alt+V',
    )
    const mic = screen.getByRole('button', { name: 'Microfoon uit' })
    expect(mic.getAttribute('aria-pressed')).toBe('false')
    fireEvent.click(mic)
    await waitFor(() => expect(softphone.mute).toHaveBeenCalledWith(true))
    act(() => {
      const { workspace } = useAppStore.getState()
      workspace.setPhone({ ...workspace.phone, call: callOf({ muted: true }) })
    })
    const muted = screen.getByRole('button', { name: 'Microfoon uit' })
    expect(muted.getAttribute('aria-pressed')).toBe('true')
    expect(muted.className).toContain('phone-muted')
  })

  it('offers Hervatten for a call on hold', async () => {
    const { softphone } = renderStrip({ call: callOf({ state: 'on_hold', held: true }) })
    expect(within(strip()).getByText('In de wacht')).toBeDefined()
    fireEvent.click(screen.getByRole('button', { name: 'Hervatten' }))
    await waitFor(() => expect(softphone.resume).toHaveBeenCalledTimes(1))
  })

  it('opens the Doorverbinden dialog from the strip', () => {
    renderStrip({ call: callOf() })
    fireEvent.click(screen.getByRole('button', { name: 'Doorverbinden' }))
    expect(useAppStore.getState().transfer.dialogOpen).toBe(true)
    expect(screen.getByRole('dialog', { name: 'Doorverbinden' })).toBeDefined()
  })

  it('does not offer Doorverbinden to the colleague on a consult call', () => {
    renderStrip({
      call: callOf({
        remoteNumber: 'medewerker1',
        assertedCaller: '2001',
        klantcontactnummer: '26000042' as never,
      }),
    })
    expect(screen.getByRole('button', { name: 'Ophangen' })).toBeDefined()
    expect(screen.queryByRole('button', { name: 'Doorverbinden' })).toBeNull()
  })

  it('offers Doorverbinden again once the customer has taken the consult call’s place', () => {
    renderStrip({
      call: callOf({ klantcontactnummer: '26000042' as never, replacedSipCallId: 'consult-1@kcc' }),
    })
    expect(screen.getByRole('button', { name: 'Doorverbinden' })).toBeDefined()
  })
})

describe('the phone strip, a call that was not answered', () => {
  const failed = (reason: string, remoteNumber = '0201234567') =>
    callOf({
      direction: 'outbound',
      state: 'ended',
      remoteNumber,
      answeredAt: undefined,
      ...({ failure: { reason } } as object),
    })

  it.each([
    ['busy', 'In gesprek (bezet)'],
    ['declined', 'Geweigerd'],
    ['no_answer', 'Geen gehoor'],
    ['not_found', 'Nummer onbekend'],
    ['unavailable', 'Niet bereikbaar'],
    ['network', 'Geen verbinding'],
  ])('says why (%s) in Dutch', (reason, text) => {
    renderStrip({ call: failed(reason) })
    const status = within(strip())
      .getAllByRole('status')
      .find((element) => element.textContent?.includes('niet bereikt'))
    expect(status?.textContent).toContain(`0201234567 niet bereikt: ${text}`)
  })

  it('names the colleague who was not reached, and goes away with Sluiten', () => {
    renderStrip({ call: failed('busy', '2002') })
    expect(strip().textContent).toContain('Bram Jansen niet bereikt: In gesprek (bezet)')
    fireEvent.click(within(strip()).getByRole('button', { name: 'Sluiten' }))
    expect(strip().textContent).not.toContain('niet bereikt')
  })

  it('says nothing of the kind for an answered call that ended', () => {
    renderStrip({ call: callOf({ direction: 'outbound', state: 'ended' }) })
    expect(strip().textContent).not.toContain('niet bereikt')
    expect(within(strip()).getByText('Gesprek beëindigd')).toBeDefined()
  })
})
