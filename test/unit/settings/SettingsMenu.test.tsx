import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SettingsMenu } from '../../../renderer/src/settings/SettingsMenu'
import { useAppStore } from '../../../renderer/src/store'
import { resetStore, violations } from '../transfer/render-panel'

beforeEach(() => resetStore())
afterEach(() => cleanup())

const open = () => fireEvent.click(screen.getByRole('button', { name: 'Instellingen' }))

describe('Instellingen in the status bar', () => {
  it('turns "open bij overgaan" on and off', async () => {
    const { container } = render(<SettingsMenu desktop={false} />)
    open()
    const box = screen.getByRole('checkbox', { name: 'Klantcontact openen zodra de telefoon overgaat' })
    expect(document.activeElement).toBe(box)
    fireEvent.click(box)
    expect(useAppStore.getState().settings.openOnRing).toBe(true)
    fireEvent.click(box)
    expect(useAppStore.getState().settings.openOnRing).toBe(false)
    expect(await violations(container)).toEqual([])
  })

  it('offers bringing the window to the front only in the desktop app', () => {
    const { unmount } = render(<SettingsMenu desktop={false} />)
    open()
    expect(screen.queryByRole('checkbox', { name: /Venster naar voren halen/ })).toBeNull()
    unmount()
    render(<SettingsMenu desktop={true} />)
    open()
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Venster naar voren halen bij een inkomend gesprek' }),
    )
    expect(useAppStore.getState().settings.bringToFront).toBe(true)
  })

  it('closes on Escape and gives focus back to Instellingen', () => {
    render(<SettingsMenu desktop={false} />)
    open()
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    const trigger = screen.getByRole('button', { name: 'Instellingen' })
    expect(trigger.getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(trigger)
  })
})
