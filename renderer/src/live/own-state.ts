import type { AgentState } from '../../../shared/live/protocol'

/**
 * Tells the agent's own state as the app asked for it apart from a state the gateway set by itself
 * (the queue puts an agent who let its call ring out on `pauze`; a gateway may set `offline`). The
 * hub echoes every change of the agent's state as an `agent.state` event, in its one order, so an
 * event naming a state the app asked for and has not yet seen echoed is the app's own; one it never
 * asked for is the gateway's.
 *
 * Events replayed after a resume happened while the socket was down: the `offline` among them is the
 * gateway's grace period running out, which the app's replayed state undoes (live-connection.ts),
 * so they are never followed. The app marks the replay's end with a ping: the gateway answers it
 * after it sent the whole replay.
 */
export class OwnState {
  private asked: AgentState | undefined
  /** States sent and not yet echoed, oldest first. An unchanged state is never echoed: it stays until a later echo. */
  private readonly unechoed: AgentState[] = []
  private catchingUp = false

  /** What the app wants to be now; re-sent after every reconnect. */
  get current(): AgentState | undefined {
    return this.asked
  }

  /** The app asks for `state` (it sends it every time; only a change can be echoed). */
  ask(state: AgentState): void {
    if (state === this.asked) {
      return
    }
    this.asked = state
    this.remember(state)
  }

  /** The current state goes out again (a reconnect): its echo, if any, is the app's too. */
  resent(): void {
    if (this.asked !== undefined) {
      this.remember(this.asked)
    }
  }

  /** A replay of missed events begins (after `resumed`). */
  catchUp(): void {
    this.catchingUp = true
  }

  /** The replay is over (the gateway answered the ping sent after `resumed`), or a snapshot came. */
  caughtUp(): void {
    this.catchingUp = false
  }

  /**
   * An `agent.state` event for the app's own login. Answers the state the app must now follow, or
   * undefined when the event is the echo of its own request, history, or nothing the app follows.
   */
  observed(state: AgentState): AgentState | undefined {
    const index = this.unechoed.indexOf(state)
    if (index >= 0) {
      // Earlier requests that never echoed (unchanged at the hub) are settled by this later one.
      this.unechoed.splice(0, index + 1)
      return undefined
    }
    if (this.catchingUp || this.asked === undefined || this.asked === state || !FOLLOWED.has(state)) {
      // The app that never set a state (a wallboard) leaves the state to the agent's own app; a
      // call state is the softphone's to tell.
      return undefined
    }
    this.asked = state
    return state
  }

  private remember(state: AgentState): void {
    this.unechoed.push(state)
    // A gateway that refuses a transition never echoes it; keep the list from growing without end.
    if (this.unechoed.length > 16) {
      this.unechoed.shift()
    }
  }
}

/** The states a gateway may set by itself: what an agent could choose, and offline. */
const FOLLOWED: ReadonlySet<AgentState> = new Set(['beschikbaar', 'pauze', 'nawerk', 'offline'])
