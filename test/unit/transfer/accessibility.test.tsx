import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useAppStore } from '../../../renderer/src/store'
import { VERGUNNINGEN, transferOf } from './fixtures'
import { handed, phone, renderPanel, resetStore, violations } from './render-panel'

beforeEach(() => {
  resetStore()
  vi.spyOn(console, 'debug').mockImplementation(() => undefined)
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

describe('the Doorverbinden dialog and axe-core (WCAG 2.1 AA)', () => {
  it('would notice a radio button without a label (the check itself works here)', async () => {
    const { container } = render(<input type="radio" name="x" />)
    expect(await violations(container)).not.toEqual([])
  })

  it('has no violations in the picker, nor with its "choose a target" error', async () => {
    renderPanel()
    expect(await violations(document.body)).toEqual([])
    fireEvent.click(screen.getByRole('button', { name: 'Doorverbinden' }))
    expect(await violations(document.body)).toEqual([])
  })

  it('has no violations after a failed transfer, with the contactverzoek form and the picker', async () => {
    renderPanel()
    handed('warm')
    phone({ transfer: transferOf({ state: 'failed', reason: 'no_answer' }) })
    expect(screen.getByRole('button', { name: 'Contactverzoek maken' })).toBeDefined()
    expect(await violations(document.body)).toEqual([])
  })

  it('has no violations while a blind transfer is on its way', async () => {
    renderPanel()
    handed('blind')
    phone({ transfer: transferOf({ kind: 'blind', state: 'completing' }) })
    expect(screen.getByRole('button', { name: 'Annuleren' })).toBeDefined()
    expect(await violations(document.body)).toEqual([])
  })

  it('has no violations after a refusal, with the picker back', async () => {
    renderPanel()
    act(() => {
      const { transfer } = useAppStore.getState()
      transfer.begin({ callId: 'call-1', kind: 'warm', target: VERGUNNINGEN, saving: false })
      transfer.step('call-1', 'refuse', { refusal: 'announce_refused', detail: 'Nee.' })
    })
    expect(screen.getByRole('alert')).toBeDefined()
    expect(await violations(document.body)).toEqual([])
  })
})
