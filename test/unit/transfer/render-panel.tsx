import { act, render } from '@testing-library/react'
import axe from 'axe-core'
import { vi } from 'vitest'
import type { AgentStatus } from '../../../shared/live/protocol'
import { ServicesContext, type Services } from '../../../renderer/src/services/context'
import type { CallSnapshot, TransferSnapshot } from '../../../renderer/src/softphone/types'
import { useAppStore } from '../../../renderer/src/store'
import { TransferDialog } from '../../../renderer/src/transfer'
import type { TransferredKlantcontact } from '../../../renderer/src/transfer/state'
import type { TransferService } from '../../../renderer/src/transfer/transfer-service'
import type { TransferTarget } from '../../../renderer/src/transfer/target'
import { fakeApi } from '../incoming-transfer/fixtures'
import { RING } from '../klantcontact/fixtures'
import { AGENT_VIEW, NUMMER, UUID, VERGUNNINGEN, callOf, directoryOf, setPhone } from './fixtures'

export const KLANTCONTACT: TransferredKlantcontact = {
  uuid: UUID,
  nummer: NUMMER,
  onderwerp: 'Dakkapel zonder vergunning',
}

/** The transfer service as the panel uses it: every verb a spy. */
export function fakeTransfers() {
  return {
    start: vi.fn((_target: TransferTarget, _kind: 'warm' | 'blind') => Promise.resolve()),
    complete: vi.fn(() => Promise.resolve()),
    cancel: vi.fn(() => Promise.resolve()),
    dismiss: vi.fn(() => undefined),
    refreshTargets: vi.fn(() => undefined),
  } satisfies Partial<TransferService>
}

/**
 * Renders the Doorverbinden dialog, opened, in a logged-in workspace with the directory loaded and
 * the customer's call up.
 */
export function renderPanel(
  options: {
    call?: CallSnapshot | null
    transfers?: ReturnType<typeof fakeTransfers>
    api?: ReturnType<typeof fakeApi>
  } = {},
) {
  const transfers = options.transfers ?? fakeTransfers()
  const api = options.api ?? fakeApi()
  const workspace = useAppStore.getState().workspace
  workspace.setSession({ status: 'active', agent: AGENT_VIEW })
  workspace.setDirectory({ status: 'ready', value: directoryOf() })
  setPhone(useAppStore, { call: options.call === undefined ? callOf() : options.call })
  useAppStore.getState().transfer.openDialog()
  const services = { api, softphone: undefined, transfers } as unknown as Services
  const view = render(
    <ServicesContext.Provider value={services}>
      <TransferDialog />
    </ServicesContext.Provider>,
  )
  return { ...view, transfers, api }
}

/** Back to a fresh app store between tests (the panel uses the app's one store). */
export function resetStore(): void {
  localStorage.clear()
  useAppStore.setState(useAppStore.getInitialState(), true)
}

export function phone(changes: {
  call?: CallSnapshot | null
  consult?: CallSnapshot | null
  transfer?: TransferSnapshot | null
}): void {
  act(() => setPhone(useAppStore, changes))
}

export function liveAgents(agents: AgentStatus[]): void {
  act(() => {
    const live = useAppStore.getState().workspace.live
    useAppStore.getState().workspace.setLive({ ...live, connection: 'open', agents })
  })
}

/** The intent for call-1 as the transfer service leaves it once the softphone has it (null: no klantcontact). */
export function handed(
  kind: 'warm' | 'blind',
  klantcontact: TransferredKlantcontact | null = KLANTCONTACT,
  target: TransferTarget = VERGUNNINGEN,
): void {
  act(() => {
    const { transfer } = useAppStore.getState()
    transfer.begin({ callId: 'call-1', kind, target, saving: false, at: RING })
    transfer.step('call-1', 'announced', klantcontact ? { klantcontact } : {})
    transfer.step('call-1', 'handed')
  })
}

/**
 * axe-core's WCAG 2.1 A and AA rules. happy-dom has no layout, so colour contrast is "incomplete"
 * here: contrast is for a real browser to check (@axe-core/playwright in the e2e run).
 */
export async function violations(container: HTMLElement): Promise<string[]> {
  const result = await axe.run(container, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  })
  return result.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${node.html}`),
  )
}
