import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useAppStore } from '../../../renderer/src/store'
import { StatusControl } from '../../../renderer/src/workspace/StatusControl'
import { StateSetByGateway } from '../../../renderer/src/workspace/StateSetByGateway'
import { resetStore, violations } from '../transfer/render-panel'

function gatewaySet(state: 'pauze' | 'offline' | 'nawerk' | undefined): void {
  act(() => {
    const { workspace } = useAppStore.getState()
    if (state !== undefined) {
      workspace.setAvailability(state)
    }
    workspace.setStateSetByGateway(state)
  })
}

beforeEach(() => resetStore())
afterEach(() => cleanup())

describe('the notice that the gateway set the agent’s state', () => {
  it('says nothing while the agent’s own choice stands', () => {
    const { container } = render(<StateSetByGateway />)
    expect(container.innerHTML).toBe('')
  })

  it('tells the agent they let a call ring out and are on Pauze now', () => {
    render(<StateSetByGateway />)
    gatewaySet('pauze')
    expect(screen.getByRole('status').textContent).toBe(
      'U hebt een gesprek laten overgaan; uw status is nu Pauze.',
    )
  })

  it('tells the agent they were afgemeld and how to get calls again', () => {
    render(<StateSetByGateway />)
    gatewaySet('offline')
    expect(screen.getByRole('status').textContent).toContain('uw status is nu Afgemeld')
    expect(screen.getByRole('status').textContent).toContain('Kies Beschikbaar')
  })

  it('names any other state the gateway set in Dutch', () => {
    render(<StateSetByGateway />)
    gatewaySet('nawerk')
    expect(screen.getByRole('status').textContent).toBe(
      'Het systeem heeft uw status gewijzigd; uw status is nu Nawerk.',
    )
  })

  it('goes once the agent chooses again', () => {
    const { container } = render(<StateSetByGateway />)
    gatewaySet('pauze')
    gatewaySet(undefined)
    expect(container.innerHTML).toBe('')
  })
})

describe('the status control after the gateway set the state', () => {
  beforeEach(() =>
    act(() => {
      const { workspace } = useAppStore.getState()
      workspace.setLive({ ...workspace.live, connection: 'open' })
    }),
  )

  it('shows Pauze when the gateway set Pauze', () => {
    render(<StatusControl onChoose={() => undefined} />)
    gatewaySet('pauze')
    expect(screen.getByTestId('agent-state').textContent).toBe('Pauze')
  })

  it('shows Afgemeld, which the agent cannot choose, and lets them choose Beschikbaar', async () => {
    const onChoose = vi.fn()
    const { container } = render(<StatusControl onChoose={onChoose} />)
    gatewaySet('offline')
    expect(screen.getByTestId('agent-state').textContent).toBe('Afgemeld')
    fireEvent.click(screen.getByRole('button', { name: /^Mijn status/ }))
    expect(screen.queryByRole('button', { name: 'Afgemeld' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Beschikbaar' }))
    expect(onChoose).toHaveBeenCalledWith('beschikbaar')
    expect(await violations(container)).toEqual([])
  })
})
