import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { NotificationPort } from '../../../renderer/src/alerts/notifications'
import { LoginScreen } from '../../../renderer/src/login/LoginScreen'
import { violations } from '../transfer/render-panel'

afterEach(() => cleanup())

const LABEL = 'Aanmelden met uw Gemeente-account'
const ssoOnly = { password: false, oidc: { label: LABEL } }
const both = { password: true, oidc: { label: LABEL } }
const ssoButton = () => screen.getByRole('button', { name: LABEL })

describe('the login screen with single sign-on', () => {
  it('offers only the provider’s button when the gateway has no passwords, with focus on it', async () => {
    const onSso = vi.fn()
    const { container } = render(
      <LoginScreen busy={false} error={undefined} onLogin={vi.fn()} methods={ssoOnly} onSso={onSso} />,
    )
    expect(screen.queryByLabelText('Gebruikersnaam')).toBeNull()
    expect(screen.queryByLabelText('Wachtwoord')).toBeNull()
    expect(document.activeElement).toBe(ssoButton())
    fireEvent.click(ssoButton())
    expect(onSso).toHaveBeenCalledOnce()
    expect(await violations(container)).toEqual([])
  })

  it('offers both, the provider first, when the gateway has both', async () => {
    const onLogin = vi.fn()
    const { container } = render(
      <LoginScreen busy={false} error={undefined} onLogin={onLogin} methods={both} onSso={vi.fn()} />,
    )
    expect(document.activeElement).toBe(ssoButton())
    fireEvent.change(screen.getByLabelText('Gebruikersnaam'), { target: { value: 'beheer' } })
    fireEvent.change(screen.getByLabelText('Wachtwoord'), { target: { value: 'geheim' } })
    fireEvent.click(screen.getByRole('button', { name: 'Inloggen' }))
    expect(onLogin).toHaveBeenCalledWith('beheer', 'geheim')
    expect(await violations(container)).toEqual([])
  })

  it('offers only the password form when the gateway has no single sign-on', () => {
    render(
      <LoginScreen
        busy={false}
        error={undefined}
        onLogin={vi.fn()}
        methods={{ password: true, oidc: null }}
        onSso={vi.fn()}
      />,
    )
    expect(screen.queryByRole('button', { name: LABEL })).toBeNull()
    expect(document.activeElement).toBe(screen.getByLabelText('Gebruikersnaam'))
  })

  it('reads out why a sign-in failed and puts focus back on the button', () => {
    const props = { busy: false, onLogin: vi.fn(), methods: ssoOnly, onSso: vi.fn() }
    const { rerender } = render(<LoginScreen {...props} error={undefined} />)
    screen.getByRole('heading', { level: 2 }).setAttribute('tabindex', '-1')
    screen.getByRole('heading', { level: 2 }).focus()
    rerender(<LoginScreen {...props} error="Aanmelden is niet gelukt. Probeer het opnieuw." />)
    expect(screen.getByRole('alert').textContent).toBe('Aanmelden is niet gelukt. Probeer het opnieuw.')
    expect(document.activeElement).toBe(ssoButton())
  })

  it('does not start twice while busy', () => {
    const onSso = vi.fn()
    render(<LoginScreen busy={true} error={undefined} onLogin={vi.fn()} methods={ssoOnly} onSso={onSso} />)
    fireEvent.click(screen.getByRole('button', { name: 'Bezig met aanmelden…' }))
    expect(onSso).not.toHaveBeenCalled()
  })

  it('in the web build asks for notifications first, then leaves for the provider', async () => {
    const port = {
      permission: () => 'default' as NotificationPermission,
      request: vi.fn(async () => 'denied' as NotificationPermission),
      show: vi.fn(),
    } satisfies NotificationPort
    const onSso = vi.fn()
    render(
      <LoginScreen
        busy={false}
        error={undefined}
        onLogin={vi.fn()}
        methods={ssoOnly}
        onSso={onSso}
        notifications={port}
      />,
    )
    fireEvent.click(ssoButton())
    expect(port.request).toHaveBeenCalledOnce()
    await waitFor(() => expect(onSso).toHaveBeenCalledOnce())
  })

  it('while the desktop app waits for the browser, says so and lets the agent cancel', async () => {
    const onCancelSso = vi.fn()
    const { container } = render(
      <LoginScreen
        busy={true}
        error={undefined}
        onLogin={vi.fn()}
        methods={ssoOnly}
        onSso={vi.fn()}
        waitingForBrowser
        onCancelSso={onCancelSso}
      />,
    )
    expect(screen.getByRole('status').textContent).toContain('browservenster dat is geopend')
    const cancel = screen.getByRole('button', { name: 'Annuleren' })
    expect(document.activeElement).toBe(cancel)
    fireEvent.click(cancel)
    expect(onCancelSso).toHaveBeenCalledOnce()
    expect(await violations(container)).toEqual([])
  })
})
