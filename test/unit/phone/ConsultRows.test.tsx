import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FOCUS_TARGETS } from '../../../renderer/src/lib/focus-targets'
import { hangUp, hangUpTarget } from '../../../renderer/src/phone/phone-commands'
import { useAppStore } from '../../../renderer/src/store'
import { VERGUNNINGEN, callOf, transferOf } from '../transfer/fixtures'
import { handed, resetStore, violations } from '../transfer/render-panel'
import { phone, renderStrip } from './render-strip'

beforeEach(() => {
  resetStore()
  vi.spyOn(console, 'debug').mockImplementation(() => undefined)
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const HELD = callOf({ state: 'on_hold', held: true })
const consultOf = (state: 'connecting' | 'active') =>
  callOf({
    id: 'consult-1',
    direction: 'outbound',
    remoteNumber: 'vergunningen',
    state,
    ...(state === 'connecting' ? { answeredAt: undefined } : {}),
  })

/** The strip with a warm transfer to Vergunningen under way, the consult ringing or answered. */
function consulting(state: 'connecting' | 'active') {
  const rendered = renderStrip({ call: callOf() })
  handed('warm')
  phone({ call: HELD, consult: consultOf(state), transfer: transferOf({ state: 'consulting' }) })
  return rendered
}

const customerRow = () => screen.getByRole('group', { name: 'Klant (in de wacht)' })
const consultRow = () => screen.getByRole('group', { name: 'Overleg met Vergunningen' })

describe('the phone strip during a consult', () => {
  it('shows both calls, each in its own row with its own buttons', () => {
    consulting('connecting')
    expect(within(customerRow()).getByTestId('call-remote').textContent).toBe('0612345678')
    expect(within(customerRow()).getByRole('button', { name: 'Klant ophangen' })).toBeDefined()
    expect(within(consultRow()).getByText('gaat over')).toBeDefined()
    expect(within(consultRow()).getByRole('button', { name: 'Doorverbinden voltooien' })).toBeDefined()
    expect(within(consultRow()).getByRole('button', { name: 'Annuleren' })).toBeDefined()
    // Never one ambiguous hang-up button for both calls.
    expect(screen.queryByRole('button', { name: 'Ophangen' })).toBeNull()
  })

  it('offers Doorverbinden voltooien only once the colleague answers, with its focus id', async () => {
    const { transfers } = consulting('connecting')
    const complete = () => within(consultRow()).getByRole('button', { name: 'Doorverbinden voltooien' })
    expect(complete().getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(complete())
    phone({ consult: consultOf('active') })
    expect(within(consultRow()).getByText('in gesprek')).toBeDefined()
    expect(complete().getAttribute('aria-disabled')).toBeNull()
    expect(complete().id).toBe(FOCUS_TARGETS.consultComplete)
    fireEvent.click(complete())
    await waitFor(() => expect(transfers.complete).toHaveBeenCalledTimes(1))
  })

  it('ends only the consult with the consult row’s Annuleren and Overleg ophangen', async () => {
    const { transfers, softphone } = consulting('connecting')
    fireEvent.click(within(consultRow()).getByRole('button', { name: 'Annuleren' }))
    await waitFor(() => expect(transfers.cancel).toHaveBeenCalledTimes(1))
    phone({ consult: consultOf('active') })
    const hangup = within(consultRow()).getByRole('button', { name: 'Overleg ophangen' })
    expect(hangup.getAttribute('aria-keyshortcuts')).toBe('Alt+H')
    fireEvent.click(hangup)
    await waitFor(() => expect(transfers.cancel).toHaveBeenCalledTimes(2))
    expect(softphone.hangup).not.toHaveBeenCalled()
  })

  it('says each step of the consult, with Annuleren in every step that waits', () => {
    consulting('connecting')
    phone({ transfer: transferOf({ state: 'consulting', step: 'holding' }) })
    expect(within(consultRow()).getByText('de klant wordt in de wacht gezet…')).toBeDefined()
    expect(within(consultRow()).getByRole('button', { name: 'Annuleren' })).toBeDefined()
    phone({ transfer: transferOf({ state: 'consulting', step: 'dialling' }) })
    expect(within(consultRow()).getByText('gaat over')).toBeDefined()
    expect(within(consultRow()).getByRole('button', { name: 'Annuleren' })).toBeDefined()
    phone({ consult: consultOf('active'), transfer: transferOf({ state: 'consulting', step: 'talking' }) })
    expect(within(consultRow()).queryByRole('button', { name: 'Annuleren' })).toBeNull()
    phone({ transfer: transferOf({ state: 'completing', step: 'referring' }) })
    expect(within(consultRow()).getByText('wordt doorverbonden…')).toBeDefined()
    expect(within(consultRow()).getByRole('button', { name: 'Annuleren' })).toBeDefined()
  })

  it('offers Annuleren while the transfer is being completed', () => {
    consulting('active')
    phone({ transfer: transferOf({ state: 'completing' }) })
    expect(within(consultRow()).getByText('wordt doorverbonden…')).toBeDefined()
    expect(within(consultRow()).getByRole('button', { name: 'Annuleren' })).toBeDefined()
  })

  it('asks before hanging up the waiting customer, with Annuleren focused, and keeps them on Annuleren', async () => {
    const { softphone } = consulting('active')
    const hangupCustomer = within(customerRow()).getByRole('button', { name: 'Klant ophangen' })
    fireEvent.click(hangupCustomer)
    const dialog = screen.getByRole('alertdialog', { name: 'Klant ophangen?' })
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(within(dialog).getByText('De klant wordt dan ook verbroken. Weet u het zeker?')).toBeDefined()
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Annuleren' }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuleren' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(document.activeElement).toBe(hangupCustomer)
    await act(async () => Promise.resolve())
    expect(softphone.hangup).not.toHaveBeenCalled()
  })

  it('hangs up the customer once the agent confirms, and Escape does not', async () => {
    const { softphone } = consulting('active')
    fireEvent.click(within(customerRow()).getByRole('button', { name: 'Klant ophangen' }))
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' })
    expect(screen.queryByRole('alertdialog')).toBeNull()
    fireEvent.click(within(customerRow()).getByRole('button', { name: 'Klant ophangen' }))
    fireEvent.click(screen.getByRole('button', { name: 'Ja, klant ophangen' }))
    await waitFor(() => expect(softphone.hangup).toHaveBeenCalledTimes(1))
  })

  it('says how a cancelled consult ended, once the agent is back with the customer', () => {
    consulting('active')
    phone({
      call: callOf(),
      consult: callOf({ id: 'consult-1', state: 'ended' }),
      transfer: transferOf({ state: 'cancelled' }),
    })
    expect(screen.queryByRole('group', { name: 'Overleg met Vergunningen' })).toBeNull()
    expect(screen.getByRole('region', { name: 'Telefoon' }).textContent).toContain(
      'Overleg met Vergunningen geannuleerd. U bent weer in gesprek met de klant.',
    )
  })
})

describe('Ophangen by shortcut', () => {
  const services = () => ({
    softphone: { hangup: vi.fn(() => Promise.resolve()) },
    transfers: { cancel: vi.fn(() => Promise.resolve()) },
  })

  it('ends the consult during a consult, never the customer', async () => {
    const phoneState = {
      call: HELD,
      consult: consultOf('active'),
      transfer: transferOf({ state: 'consulting' }),
    }
    expect(hangUpTarget(phoneState)).toBe('consult')
    const s = services()
    await hangUp(phoneState, s)
    expect(s.transfers.cancel).toHaveBeenCalledTimes(1)
    expect(s.softphone.hangup).not.toHaveBeenCalled()
  })

  it('ends the call otherwise, and does nothing without one', async () => {
    const s = services()
    await hangUp({ call: callOf(), consult: null, transfer: null }, s)
    expect(s.softphone.hangup).toHaveBeenCalledTimes(1)
    expect(hangUpTarget({ call: callOf({ state: 'ended' }), consult: null, transfer: null })).toBe('none')
    expect(
      hangUpTarget({
        call: callOf(),
        consult: null,
        transfer: transferOf({ state: 'failed', target: VERGUNNINGEN.address }),
      }),
    ).toBe('call')
  })
})

describe('the transfer dialog’s store actions', () => {
  it('opens and closes by the actions the shortcut uses', () => {
    useAppStore.getState().transfer.openDialog()
    expect(useAppStore.getState().transfer.dialogOpen).toBe(true)
    useAppStore.getState().transfer.closeDialog()
    expect(useAppStore.getState().transfer.dialogOpen).toBe(false)
  })
})

describe('the phone strip and axe-core (WCAG 2.1 AA)', () => {
  it('has no violations while ringing, in a call, and during a consult with its confirmation', async () => {
    renderStrip({ call: callOf({ state: 'ringing', answeredAt: undefined }) })
    expect(await violations(document.body)).toEqual([])
    phone({ call: callOf() })
    expect(await violations(document.body)).toEqual([])
    handed('warm')
    phone({ call: HELD, consult: consultOf('active'), transfer: transferOf({ state: 'consulting' }) })
    fireEvent.click(within(customerRow()).getByRole('button', { name: 'Klant ophangen' }))
    expect(await violations(document.body)).toEqual([])
  })
})
