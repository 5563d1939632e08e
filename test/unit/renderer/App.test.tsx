import { cleanup, render, screen } from '@testing-library/react'
import { StrictMode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../renderer/src/App'
import { useAppStore } from '../../../renderer/src/store'
import type { AgentBridge } from '../../../shared/bridge'

function stubBridge(getInfo: AgentBridge['app']['getInfo']): AgentBridge {
  return { app: { getInfo } }
}

afterEach(() => {
  cleanup()
  useAppStore.setState(useAppStore.getInitialState(), true)
  vi.restoreAllMocks()
})

describe('App', () => {
  it('shows the Dutch heading in a plain browser, without a desktop bridge', () => {
    render(<App bridge={undefined} />)
    expect(screen.getByRole('heading', { level: 1, name: 'KCC Werkplek' })).toBeDefined()
    expect(screen.queryByTestId('app-version')).toBeNull()
    expect(useAppStore.getState().app.info).toEqual({ status: 'unavailable' })
  })

  it('shows the app version from the desktop bridge', async () => {
    const getInfo = vi.fn(async () => ({
      ok: true as const,
      value: { name: 'kcc-desktop', version: '1.2.3' },
    }))
    render(<App bridge={stubBridge(getInfo)} />)
    expect((await screen.findByTestId('app-version')).textContent).toBe('Versie 1.2.3')
  })

  it('asks the bridge only once, even when effects run twice in StrictMode', async () => {
    const getInfo = vi.fn(async () => ({
      ok: true as const,
      value: { name: 'kcc-desktop', version: '1.2.3' },
    }))
    render(
      <StrictMode>
        <App bridge={stubBridge(getInfo)} />
      </StrictMode>,
    )
    await screen.findByTestId('app-version')
    expect(getInfo).toHaveBeenCalledOnce()
  })

  it('tells the agent in Dutch when the version cannot be read', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const getInfo = vi.fn(async () => ({
      ok: false as const,
      error: { code: 'FORBIDDEN_SENDER' as const, message: 'no' },
    }))
    render(<App bridge={stubBridge(getInfo)} />)
    expect((await screen.findByRole('alert')).textContent).toBe(
      'De versie van de app kon niet worden opgehaald.',
    )
  })

  it('does not trust a bridge reply that breaks the contract', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const getInfo = vi.fn(async () => ({ ok: true, value: { version: 42 } }) as never)
    render(<App bridge={stubBridge(getInfo)} />)
    await screen.findByRole('alert')
    expect(screen.queryByTestId('app-version')).toBeNull()
  })
})
