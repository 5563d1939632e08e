import type { StateCreator } from 'zustand'
import type { AgentView, DirectoryView } from '../../../shared/gateway/api'
import type { KlantcontactSearchView } from '../../../shared/gateway/search'
import { INITIAL_LIVE_VIEW, type LiveView } from '../live/live-view'
import { INITIAL_SNAPSHOT } from '../softphone/snapshot-store'
import type { SoftphoneSnapshot } from '../softphone/types'
import type { AgentState } from '../../../shared/live/protocol'
import type { StoreState } from '../store/types'
import type { Availability, PauseReason } from './agent-state'

/**
 * The agent's workspace as plain data: who is logged in, the softphone's last snapshot, the live
 * connection and the team, the agent's chosen availability, recent contacts and the directory.
 * The services (workspace/session.ts, workspace/call-coordinator.ts) write it; components read it.
 *
 *   session: checking ──▶ anonymous ──login──▶ logging_in ──▶ active ──logout/401──▶ anonymous
 */
export type SessionState =
  | { readonly status: 'checking' }
  | { readonly status: 'anonymous'; readonly error?: string }
  /** `browser`: the desktop app waits for the sign-in in the system browser (login/sso-login.ts). */
  | { readonly status: 'logging_in'; readonly waitingFor?: 'browser' }
  | { readonly status: 'active'; readonly agent: AgentView }

export type Loadable<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly error: string }

export interface WorkspaceSlice {
  readonly workspace: {
    readonly session: SessionState
    readonly phone: SoftphoneSnapshot
    readonly live: LiveView
    readonly availability: Availability
    /** Why the agent chose Pauze, when they said; gone once the availability is anything else. */
    readonly pauseReason: PauseReason | undefined
    /**
     * The own state the gateway set by itself (live/own-state.ts), until the agent chooses again:
     * the workspace says so.
     */
    readonly stateSetByGateway: AgentState | undefined
    /** The first page of "Mijn recente" (search/SearchPanel.tsx), kept fresh by the runtime. */
    readonly recent: Loadable<KlantcontactSearchView>
    readonly directory: Loadable<DirectoryView>
    setSession(session: SessionState): void
    setPhone(phone: SoftphoneSnapshot): void
    setLive(live: LiveView): void
    setAvailability(availability: Availability): void
    setPauseReason(reason: PauseReason | undefined): void
    setStateSetByGateway(state: AgentState | undefined): void
    setRecent(recent: Loadable<KlantcontactSearchView>): void
    setDirectory(directory: Loadable<DirectoryView>): void
  }
}

export const INITIAL_PHONE: SoftphoneSnapshot = INITIAL_SNAPSHOT

export const createWorkspaceSlice: StateCreator<StoreState, [], [], WorkspaceSlice> = (set) => {
  const patch = (values: Partial<WorkspaceSlice['workspace']>): void =>
    set((state) => ({ workspace: { ...state.workspace, ...values } }))
  return {
    workspace: {
      session: { status: 'checking' },
      phone: INITIAL_PHONE,
      live: INITIAL_LIVE_VIEW,
      availability: 'beschikbaar',
      pauseReason: undefined,
      stateSetByGateway: undefined,
      recent: { status: 'idle' },
      directory: { status: 'idle' },
      setSession: (session) => patch({ session }),
      setPhone: (phone) => patch({ phone }),
      setLive: (live) => patch({ live }),
      setAvailability: (availability) =>
        set((state) => ({
          workspace: {
            ...state.workspace,
            availability,
            pauseReason: availability === 'pauze' ? state.workspace.pauseReason : undefined,
          },
        })),
      setPauseReason: (pauseReason) => patch({ pauseReason }),
      setStateSetByGateway: (stateSetByGateway) => patch({ stateSetByGateway }),
      setRecent: (recent) => patch({ recent }),
      setDirectory: (directory) => patch({ directory }),
    },
  }
}
