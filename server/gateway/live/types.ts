import type { LiveEvent, LiveEventType, LiveRole } from '../../../shared/live/protocol'

/**
 * Types of the live hub. What crosses the wire lives in shared/live/protocol.ts (the agent app
 * imports it); this file re-exports those and adds what only the gateway uses.
 */
export type {
  AgentState,
  AgentStatus,
  CallDirection,
  CallEndReason,
  CallInfo,
  ClientCallInfo,
  ClientMessage,
  LiveCall,
  LiveErrorCode,
  LiveEvent,
  LiveEventBody,
  LiveEventType,
  LiveRole,
  LiveSnapshot,
  ServerMessage,
  TransferInfo,
  TransferOffer,
  TransferOutcome,
  TransferTarget,
} from '../../../shared/live/protocol'
export { AGENT_STATES, LiveCloseCode } from '../../../shared/live/protocol'

/** Who is on the other end of a live socket, as the gateway's session check says. */
export interface LiveIdentity {
  login: string
  role: LiveRole
  afdeling: string
}

/**
 * Which events a subscriber gets. `everything` is the supervisor's feed; `agent` is what one agent
 * may see (its own state and calls, transfers addressed to it or its afdeling, transfers it
 * offered); `types` is for server-side consumers that need only some kinds of event.
 */
export type LiveFilter =
  | { kind: 'everything' }
  | { kind: 'agent'; login: string; afdeling: string }
  | { kind: 'types'; types: readonly LiveEventType[] }

export type LiveListener = (event: LiveEvent) => void

/** Called when a hub had to rebuild its state and cannot account for every event in between. */
export type ResetListener = () => void
