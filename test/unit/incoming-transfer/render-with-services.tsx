import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { ServicesContext, type Services } from '../../../renderer/src/services/context'
import { useAppStore } from '../../../renderer/src/store'
import type { fakeApi } from './fixtures'

/** Renders `ui` in a logged-in workspace whose gateway is `api` (no softphone: these views use none). */
export function renderWithServices(ui: ReactElement, api: ReturnType<typeof fakeApi>) {
  const services = { api, softphone: undefined } as unknown as Services
  return render(<ServicesContext.Provider value={services}>{ui}</ServicesContext.Provider>)
}

/** Back to a fresh store between tests (the components use the app's one store). */
export function resetStore(): void {
  localStorage.clear()
  useAppStore.setState(useAppStore.getInitialState(), true)
}

export const opened = () => useAppStore.getState().opened
