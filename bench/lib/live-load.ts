import { setTimeout as sleep } from 'node:timers/promises'
import type WebSocket from 'ws'
import type { AgentState, ClientMessage, ServerMessage } from '../../shared/live/protocol'
import {
  agentLogin,
  BENCH_ARM_PATH,
  BENCH_SESSIONS_PATH,
  BENCH_STAMPS_PATH,
  monoMs,
  type HubStamp,
} from './gateway-child'
import { openLive, openLiveAll, terminateAll, type Connected } from './gateway-fanout'
import { connection, expectJson, type HttpConnection } from './gateway-http'
import type { CpuProbe, CpuWindow } from './live-cpu'

/**
 * A floor of agents and their supervisor on the live socket: `agents` agent sessions, each on its
 * own socket, change their state once per period (beschikbaar ⇄ pauze after a first beschikbaar
 * from offline, transitions server/gateway/live/transitions.ts allows), the agents' changes spread
 * evenly over the period; one supervisor session, whose feed is every event, receives them. The
 * agents may be on one gateway instance and the supervisor on another.
 *
 * Every socket lives in the benchmark process, so a change's send time and the supervisor's receive
 * time come from one clock (CLOCK_MONOTONIC, which the gateway children share for their hub stamps).
 * A change is matched to the supervisor's `agent.state` event for that login and state: each agent's
 * changes reach the hub in the order sent (the gateway handles a socket's messages one at a time),
 * so the supervisor sees an agent's events in the order of its sends.
 */
export interface LiveRun {
  /** Sent → the supervisor's socket received the matching event, one per measured change. */
  latencies: number[]
  /** Sent → the supervisor's gateway's hub handed the event to its first subscriber. */
  toHub: number[]
  /** That hub hand-off → the supervisor's socket received it (writing to the sockets, the wire, our loop). */
  hubToSupervisor: number[]
  /** Actual send − scheduled send, per measured change: the load generator's own lag. */
  sendLag: number[]
  /** State changes sent in the window. */
  sent: number
  /** Events the supervisor received in the window (every agent.state, measured or not). */
  supervisorEvents: number
  windowMs: number
  cpu: CpuWindow
  /** `error` messages (e.g. invalid_transition) and unasked snapshots sent to any socket; first few kept. */
  errors: string[]
  errorCount: number
  /** Sockets that closed or failed before the benchmark closed them. */
  closedSockets: number
  /** Changes sent (warm-up included) whose event never reached the supervisor. */
  lost: number
  /** Supervisor events for a bench agent that did not match that agent's next unmatched change. */
  mismatched: number
}

export interface LiveLoadOptions {
  /** Gateway instance of the agents' sockets. */
  agentsPort: number
  /** Gateway instance of the supervisor's socket (may be the same). */
  supervisorPort: number
  agents: number
  periodMs: number
  warmupMs: number
  windowMs: number
  probe: CpuProbe
}

export interface LiveLoad {
  run(): Promise<LiveRun>
  close(): Promise<void>
}

const DRAIN_TIMEOUT_MS = 15_000
const KEEP_ERRORS = 5

interface Pending {
  state: AgentState
  sentAt: number
  measured: boolean
}

const wsUrl = (port: number): string => `ws://127.0.0.1:${port}/api/live`

async function sessions(http: HttpConnection): Promise<{ tokens: string[]; agentTokens: string[] }> {
  return expectJson<{ tokens: string[]; agentTokens: string[] }>(
    await http.request('GET', BENCH_SESSIONS_PATH, {}),
    200,
    'bench sessions',
  )
}

/** Connects the supervisor, then the agents; nothing is sent until `run`. */
export async function liveLoad(options: LiveLoadOptions): Promise<LiveLoad> {
  const { agents, periodMs, warmupMs, windowMs } = options
  const agentsHttp = connection(options.agentsPort)
  const supervisorHttp =
    options.supervisorPort === options.agentsPort ? agentsHttp : connection(options.supervisorPort)
  const sockets: WebSocket[] = []
  const connected: Connected[] = []
  const indexOf = new Map<string, number>(Array.from({ length: agents }, (_, i) => [agentLogin(i), i]))
  const pending: Pending[][] = Array.from({ length: agents }, () => [])
  const errors: string[] = []
  let errorCount = 0
  let mismatched = 0

  // The measured changes as they are matched: parallel arrays, no object per sample.
  const matchedSent: number[] = []
  const matchedAt: number[] = []
  const matchedSeq: number[] = []
  const received: number[] = []

  const onError = (who: string, message: ServerMessage): void => {
    // After the handshake a snapshot comes only when the hub had to rebuild (it lost events).
    const problem =
      message.type === 'error'
        ? `${message.code}: ${message.message}`
        : message.type === 'snapshot'
          ? 'unasked snapshot (the hub rebuilt its state)'
          : undefined
    if (problem !== undefined) {
      errorCount += 1
      if (errors.length < KEEP_ERRORS) {
        errors.push(`${who}: ${problem}`)
      }
    }
  }

  const onSupervisor = (message: ServerMessage, at: number): void => {
    if (message.type !== 'event') {
      onError('supervisor', message)
      return
    }
    const { event } = message
    received.push(at)
    if (event.type !== 'agent.state') {
      return
    }
    const agent = indexOf.get(event.login)
    if (agent === undefined) {
      return // a demo account; nothing of ours
    }
    const next = pending[agent]!.shift()
    if (!next || next.state !== event.state) {
      mismatched += 1
      return
    }
    if (next.measured) {
      matchedSent.push(next.sentAt)
      matchedAt.push(at)
      matchedSeq.push(event.seq)
    }
  }

  const close = async (): Promise<void> => {
    agentsHttp.close()
    supervisorHttp.close()
    await terminateAll(sockets)
  }

  try {
    const supervisorToken = (await sessions(supervisorHttp)).tokens[0]
    const { agentTokens } = await sessions(agentsHttp)
    if (!supervisorToken || agentTokens.length !== agents) {
      throw new Error(
        `the gateway made ${agentTokens.length} agent sessions and ${supervisorToken ? 1 : 0} supervisor sessions, expected ${agents} and 1`,
      )
    }
    // The supervisor first: its snapshot is taken before any agent has a state.
    const supervisor = await openLive(wsUrl(options.supervisorPort), supervisorToken, onSupervisor)
    sockets.push(supervisor.socket)
    connected.push(supervisor)
    const agentSockets: WebSocket[] = []
    await openLiveAll(
      wsUrl(options.agentsPort),
      agentTokens,
      (agent, message) => onError(agentLogin(agent), message),
      (c) => {
        sockets.push(c.socket)
        agentSockets.push(c.socket)
        connected.push(c)
      },
    )
    // openLiveAll resolves batch by batch, in token order.
    expectJson(await supervisorHttp.request('POST', BENCH_ARM_PATH, {}), 200, 'arm the hub stamps')

    const run = async (): Promise<LiveRun> => {
      // Stamps of anything before the run (the supervisor's snapshot has none) are dropped.
      await supervisorHttp.request('GET', BENCH_STAMPS_PATH, {})
      const step = periodMs / agents
      const warmupSends = Math.round(warmupMs / periodMs) * agents
      const total = warmupSends + Math.round(windowMs / periodMs) * agents
      const states: AgentState[] = Array.from({ length: agents }, () => 'offline')
      const messages = {
        beschikbaar: JSON.stringify({ type: 'state', state: 'beschikbaar' } satisfies ClientMessage),
        pauze: JSON.stringify({ type: 'state', state: 'pauze' } satisfies ClientMessage),
      }
      const sendLag: number[] = []
      let windowStart = 0
      let windowEnd = 0
      let cpu: CpuWindow | undefined

      const t0 = monoMs() + 50
      // Change g is agent g mod N's (g div N)-th: due at t0 + g·step, so every agent changes once
      // per period and the N changes of a period are evenly spread over it.
      await new Promise<void>((resolve) => {
        let g = 0
        const tick = (): void => {
          const now = monoMs()
          while (g < total && t0 + g * step <= now) {
            if (g === warmupSends) {
              options.probe.start()
              windowStart = monoMs()
            }
            const agent = g % agents
            const next: AgentState = states[agent] === 'beschikbaar' ? 'pauze' : 'beschikbaar'
            states[agent] = next
            const sentAt = monoMs()
            pending[agent]!.push({ state: next, sentAt, measured: g >= warmupSends })
            agentSockets[agent]!.send(messages[next])
            if (g >= warmupSends) {
              sendLag.push(sentAt - (t0 + g * step))
            }
            g += 1
          }
          if (g < total) {
            setTimeout(tick, Math.max(0, t0 + g * step - monoMs()))
            return
          }
          // The window ends one period after its last period began: when its last change's slot ends.
          setTimeout(
            () => {
              windowEnd = monoMs()
              cpu = options.probe.end()
              resolve()
            },
            Math.max(0, t0 + total * step - monoMs()),
          )
        }
        setTimeout(tick, Math.max(0, t0 - monoMs()))
      })

      const outstanding = (): number => pending.reduce((n, queue) => n + queue.length, 0)
      const deadline = monoMs() + DRAIN_TIMEOUT_MS
      while (outstanding() > 0 && monoMs() < deadline) {
        await sleep(20)
      }
      const closedSockets = connected.filter((c) => c.failure() !== undefined).length
      const { stamps } = expectJson<{ stamps: HubStamp[] }>(
        await supervisorHttp.request('GET', BENCH_STAMPS_PATH, {}),
        200,
        'hub stamps',
      )
      const firstBySeq = new Map<number, number>(stamps.map(([seq, first]) => [seq, first]))
      const latencies: number[] = []
      const toHub: number[] = []
      const hubToSupervisor: number[] = []
      for (let i = 0; i < matchedSeq.length; i++) {
        const sent = matchedSent[i]!
        const at = matchedAt[i]!
        latencies.push(at - sent)
        const first = firstBySeq.get(matchedSeq[i]!)
        if (first !== undefined && Number.isFinite(first)) {
          toHub.push(first - sent)
          hubToSupervisor.push(at - first)
        }
      }
      if (!cpu) {
        throw new Error('the measured window did not end')
      }
      return {
        latencies,
        toHub,
        hubToSupervisor,
        sendLag,
        sent: total - warmupSends,
        supervisorEvents: received.filter((at) => at >= windowStart && at <= windowEnd).length,
        windowMs: windowEnd - windowStart,
        cpu,
        errors: [...errors],
        errorCount,
        closedSockets,
        lost: outstanding(),
        mismatched,
      }
    }
    return { run, close }
  } catch (error) {
    await close()
    throw error
  }
}
