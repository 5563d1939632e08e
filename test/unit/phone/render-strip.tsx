import { act, render } from '@testing-library/react'
import { vi } from 'vitest'
import { ServicesContext, type Services } from '../../../renderer/src/services/context'
import type { RegistrationState } from '../../../renderer/src/softphone/states'
import type { CallSnapshot, TransferSnapshot } from '../../../renderer/src/softphone/types'
import { useAppStore } from '../../../renderer/src/store'
import { PhoneStrip } from '../../../renderer/src/phone/PhoneStrip'
import { fakeApi } from '../incoming-transfer/fixtures'
import { AGENT_VIEW, directoryOf, setPhone } from '../transfer/fixtures'
import { fakeTransfers } from '../transfer/render-panel'

/** The softphone's verbs as the strip calls them: every one a spy. */
export function fakeSoftphone() {
  return {
    answer: vi.fn(() => Promise.resolve()),
    decline: vi.fn(() => Promise.resolve()),
    hangup: vi.fn(() => Promise.resolve()),
    hold: vi.fn(() => Promise.resolve()),
    resume: vi.fn(() => Promise.resolve()),
    mute: vi.fn((_on: boolean) => undefined),
    sendDtmf: vi.fn((_tone: string) => Promise.resolve()),
    call: vi.fn((_target: string) => Promise.resolve()),
    listDevices: vi.fn(() => Promise.resolve({ microphones: [], speakers: [] })),
    setDevices: vi.fn(() => Promise.resolve()),
  }
}

/** Renders the strip in a logged-in workspace with the directory loaded and the phone registered. */
export function renderStrip(options: { call?: CallSnapshot | null } = {}) {
  const softphone = fakeSoftphone()
  const transfers = fakeTransfers()
  const workspace = useAppStore.getState().workspace
  workspace.setSession({ status: 'active', agent: AGENT_VIEW })
  workspace.setDirectory({ status: 'ready', value: directoryOf() })
  workspace.setPhone({ ...useAppStore.getState().workspace.phone, registration: 'registered' })
  setPhone(useAppStore, { call: options.call ?? null })
  const services = { api: fakeApi(), softphone, transfers } as unknown as Services
  const view = render(
    <ServicesContext.Provider value={services}>
      <PhoneStrip />
    </ServicesContext.Provider>,
  )
  return { ...view, softphone, transfers }
}

export function registration(state: RegistrationState): void {
  act(() => {
    const { workspace } = useAppStore.getState()
    workspace.setPhone({ ...workspace.phone, registration: state })
  })
}

export function phone(changes: {
  call?: CallSnapshot | null
  consult?: CallSnapshot | null
  transfer?: TransferSnapshot | null
}): void {
  act(() => setPhone(useAppStore, changes))
}
