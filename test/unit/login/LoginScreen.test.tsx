import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { NotificationPort } from '../../../renderer/src/alerts/notifications'
import { LoginScreen } from '../../../renderer/src/login/LoginScreen'
import { violations } from '../transfer/render-panel'

afterEach(() => cleanup())

function notifications(permission: NotificationPermission) {
  return {
    permission: () => permission,
    request: vi.fn(async () => 'granted' as NotificationPermission),
    show: vi.fn(),
  } satisfies NotificationPort
}

const name = () => screen.getByLabelText('Gebruikersnaam')
const password = () => screen.getByLabelText('Wachtwoord')
const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Inloggen' }))

describe('the login screen', () => {
  it('starts with focus on the user name', () => {
    render(<LoginScreen busy={false} error={undefined} onLogin={vi.fn()} />)
    expect(document.activeElement).toBe(name())
    expect(name().id).toBe('login-name')
  })

  it('after an empty submit names both fields, puts focus on the user name and does not log in', async () => {
    const onLogin = vi.fn()
    const { container } = render(<LoginScreen busy={false} error={undefined} onLogin={onLogin} />)
    password().focus()
    submit()
    expect(onLogin).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(name())
    expect(name().getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('Vul uw gebruikersnaam in.').id).toBe(name().getAttribute('aria-describedby'))
    expect(screen.getByText('Vul uw wachtwoord in.')).toBeDefined()
    expect(await violations(container)).toEqual([])
  })

  it('puts focus on the password when only that is missing', () => {
    const onLogin = vi.fn()
    render(<LoginScreen busy={false} error={undefined} onLogin={onLogin} />)
    fireEvent.change(name(), { target: { value: 'medewerker1' } })
    submit()
    expect(onLogin).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(password())
    expect(name().getAttribute('aria-invalid')).toBeNull()
  })

  it('after a refused login reads the reason out and puts focus back on the user name', () => {
    const onLogin = vi.fn()
    const { rerender } = render(<LoginScreen busy={false} error={undefined} onLogin={onLogin} />)
    fireEvent.change(name(), { target: { value: ' medewerker1 ' } })
    fireEvent.change(password(), { target: { value: 'fout' } })
    submit()
    expect(onLogin).toHaveBeenCalledWith('medewerker1', 'fout')
    rerender(<LoginScreen busy={true} error={undefined} onLogin={onLogin} />)
    password().focus()
    rerender(
      <LoginScreen busy={false} error="Onbekende gebruikersnaam of onjuist wachtwoord." onLogin={onLogin} />,
    )
    expect(screen.getByRole('alert').textContent).toBe('Onbekende gebruikersnaam of onjuist wachtwoord.')
    expect(document.activeElement).toBe(name())
  })

  it('explains the notifications and asks for them once, on submit, in the web build', () => {
    const port = notifications('default')
    const onLogin = vi.fn()
    render(<LoginScreen busy={false} error={undefined} onLogin={onLogin} notifications={port} />)
    expect(screen.getByText(/zodat u een melding krijgt als er een gesprek binnenkomt/)).toBeDefined()
    expect(port.request).not.toHaveBeenCalled()
    fireEvent.change(name(), { target: { value: 'medewerker1' } })
    fireEvent.change(password(), { target: { value: 'welkom' } })
    submit()
    expect(port.request).toHaveBeenCalledOnce()
    expect(onLogin).toHaveBeenCalledOnce()
  })

  it('does not ask for notifications on an empty submit', () => {
    const port = notifications('default')
    render(<LoginScreen busy={false} error={undefined} onLogin={vi.fn()} notifications={port} />)
    submit()
    expect(port.request).not.toHaveBeenCalled()
  })

  it.each(['granted', 'denied'] as const)(
    'neither explains nor asks when the agent already answered (%s)',
    (permission) => {
      const port = notifications(permission)
      render(<LoginScreen busy={false} error={undefined} onLogin={vi.fn()} notifications={port} />)
      expect(screen.queryByText(/zodat u een melding krijgt/)).toBeNull()
      fireEvent.change(name(), { target: { value: 'medewerker1' } })
      fireEvent.change(password(), { target: { value: 'welkom' } })
      submit()
      expect(port.request).not.toHaveBeenCalled()
    },
  )

  it('neither explains nor asks in the desktop app, which shows its own notifications', () => {
    render(<LoginScreen busy={false} error={undefined} onLogin={vi.fn()} />)
    expect(screen.queryByText(/zodat u een melding krijgt/)).toBeNull()
  })
})
