import { act, render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { vi } from 'vitest'
import type { InboxStatus } from '../../../shared/live/inbox'
import { INITIAL_LIVE_VIEW } from '../../../renderer/src/live/live-view'
import { ServicesContext, type Services } from '../../../renderer/src/services/context'
import type { CallSnapshot, SoftphoneSnapshot } from '../../../renderer/src/softphone/types'
import { useAppStore } from '../../../renderer/src/store'
import { INITIAL_PHONE } from '../../../renderer/src/workspace/workspace-slice'
import { AGENT, KCC, NOW, VERGUNNINGEN, type FakeInboxApi } from './fixtures'

/**
 * A softphone as the inbox uses it: `call` records an outbound call as the real one does before its
 * INVITE goes out (the snapshot's current call), and the store follows its snapshots.
 */
export function fakeSoftphone(options: { fails?: boolean } = {}) {
  let snapshot: SoftphoneSnapshot = useAppStore.getState().workspace.phone
  const set = (next: SoftphoneSnapshot): void => {
    snapshot = next
    useAppStore.getState().workspace.setPhone(next)
  }
  return {
    call: vi.fn(async (target: string) => {
      if (options.fails === true) {
        throw new Error('socket down')
      }
      const call: CallSnapshot = {
        id: 'out-1',
        sipCallId: 'out-1@pc12.gemeente.example',
        state: 'ringing',
        direction: 'outbound',
        remoteNumber: target,
        startedAt: NOW,
        muted: false,
        held: false,
      }
      set({ ...snapshot, call })
    }),
    getSnapshot: () => snapshot,
    set,
  }
}

export type FakeSoftphone = ReturnType<typeof fakeSoftphone>

/** Logged in as AGENT (Vergunningen), the directory loaded, the live socket open. */
export function loggedIn(): void {
  const workspace = useAppStore.getState().workspace
  workspace.setSession({ status: 'active', agent: AGENT })
  workspace.setPhone(INITIAL_PHONE)
  workspace.setDirectory({
    status: 'ready',
    value: {
      afdelingen: [
        { ...VERGUNNINGEN, groupAddress: '3200', leden: [] },
        { ...KCC, groupAddress: '3100', leden: [] },
        { id: 'burgerzaken', naam: 'Burgerzaken', groupAddress: '3300', leden: [] },
      ],
      medewerkers: [],
    },
  })
  workspace.setLive({ ...INITIAL_LIVE_VIEW, connection: 'open' })
}

/** The live feed's `inbox.changed` (or a snapshot's `inboxes`): the afdeling's status replaced. */
export function inboxChanged(status: InboxStatus): void {
  act(() => {
    const live = useAppStore.getState().workspace.live
    useAppStore.getState().workspace.setLive({
      ...live,
      inboxes: [...live.inboxes.filter((i) => i.afdeling !== status.afdeling), status],
    })
  })
}

export function renderWith(ui: ReactElement, api: FakeInboxApi, softphone: FakeSoftphone = fakeSoftphone()) {
  const services = { api, softphone } as unknown as Services
  const view = render(<ServicesContext.Provider value={services}>{ui}</ServicesContext.Provider>)
  return { ...view, api, softphone }
}
