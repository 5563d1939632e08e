import { setTimeout as sleep } from 'node:timers/promises'
import WebSocket from 'ws'
import type { AgentState, ClientMessage, ServerMessage } from '../../shared/live/protocol'
import {
  BENCH_ARM_PATH,
  BENCH_SESSIONS_PATH,
  BENCH_STAMPS_PATH,
  demoPassword,
  monoMs,
  type HubStamp,
} from './gateway-child'
import { connection, expectJson } from './gateway-http'
import { seededRandom } from './stats'

/**
 * Live-event fan-out: `clients` live sockets of supervisor sessions (a supervisor's feed is every
 * event, so each event goes to every one of them: the hub's and the socket layer's largest
 * fan-out) and one agent (medewerker1) publishing its own state changes, beschikbaar ↔ pauze.
 *
 * All sockets live in the benchmark process, so the send time and every receive time come from one
 * clock (CLOCK_MONOTONIC, which the gateway child shares for its hub stamps). A delivery's latency
 * runs from just before the agent's socket sends the `state` message to the moment the supervisor's
 * socket emits the event message in the benchmark process. The receiving end is one event loop for
 * all clients (on a real floor each has its own PC), so the later clients of an event also wait for
 * the benchmark to read the earlier ones: the figures are an upper bound for that part.
 */
export interface FanoutRun {
  /** Sent → received, one per (event, client). */
  deliveries: number[]
  /** Sent → received by the last client, one per event. */
  allDelivered: number[]
  /** Sent → the hub hands the event to its first subscriber (socket read, session, publish). */
  ingest: number[]
  /** First → last subscriber: the gateway's loop writing the event to every socket. */
  fanoutLoop: number[]
  events: number
  clients: number
}

export interface FanoutBench {
  run(events: number, gapMinMs: number, gapMaxMs: number, seed: number): Promise<FanoutRun>
  close(): Promise<void>
}

const CONNECT_TIMEOUT_MS = 15_000
/** Live sockets opened at once while connecting many (their handshakes overlap, then the next batch). */
export const CONNECT_BATCH = 25
const DELIVERY_TIMEOUT_MS = 15_000
const PUBLISHER = 'medewerker1'

/** Deliveries as they arrive, in three parallel arrays (no object per delivery). */
class Recorder {
  client: number[] = []
  seq: number[] = []
  at: number[] = []

  reset(): void {
    this.client = []
    this.seq = []
    this.at = []
  }

  get count(): number {
    return this.at.length
  }
}

export interface Connected {
  socket: WebSocket
  /** Why the socket failed after the handshake, if it did. */
  failure(): string | undefined
}

/**
 * Opens a live socket, authenticates with `token` and asks for a snapshot; resolves once the
 * snapshot is in (from then on the socket is subscribed). Later messages go to `onMessage`, stamped
 * before anything else happens.
 */
export function openLive(
  url: string,
  token: string,
  onMessage: (message: ServerMessage, at: number) => void,
): Promise<Connected> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false })
    let phase: 'welcome' | 'snapshot' | 'live' = 'welcome'
    let failure: string | undefined
    const timer = setTimeout(() => {
      socket.terminate()
      reject(new Error(`live socket: no snapshot within ${CONNECT_TIMEOUT_MS / 1000} s`))
    }, CONNECT_TIMEOUT_MS)
    const fail = (reason: string): void => {
      clearTimeout(timer)
      failure ??= reason
      reject(new Error(`live socket: ${reason}`))
    }
    socket.on('open', () => {
      const send = (message: ClientMessage): void => socket.send(JSON.stringify(message))
      send({ type: 'auth', token })
      send({ type: 'snapshot' })
    })
    socket.on('message', (data: Buffer) => {
      const at = monoMs()
      const message = JSON.parse(data.toString('utf8')) as ServerMessage
      if (phase === 'live') {
        onMessage(message, at)
        return
      }
      if (message.type === 'error') {
        fail(`server error ${message.code}: ${message.message}`)
      } else if (phase === 'welcome' && message.type === 'welcome') {
        phase = 'snapshot'
      } else if (phase === 'snapshot' && message.type === 'snapshot') {
        phase = 'live'
        clearTimeout(timer)
        resolve({ socket, failure: () => failure })
      } else {
        fail(`unexpected ${message.type} during the handshake`)
      }
    })
    socket.on('error', (error) => fail(error.message))
    socket.on('close', (code, reason) => {
      fail(`closed (${code} ${reason.toString('utf8')})`)
    })
  })
}

/**
 * Opens one live socket per token, `CONNECT_BATCH` at a time. `onMessage` gets the token's index;
 * `onOpen` each socket as soon as it is in (in token order), so a caller can close what was opened
 * when a later one fails (it throws then).
 */
export async function openLiveAll(
  url: string,
  tokens: readonly string[],
  onMessage: (client: number, message: ServerMessage, at: number) => void,
  onOpen: (connected: Connected) => void,
): Promise<void> {
  for (let from = 0; from < tokens.length; from += CONNECT_BATCH) {
    const batch = tokens
      .slice(from, from + CONNECT_BATCH)
      .map((token, j) => openLive(url, token, (message, at) => onMessage(from + j, message, at)))
    const settled = await Promise.allSettled(batch)
    for (const result of settled) {
      if (result.status === 'fulfilled') {
        onOpen(result.value)
      }
    }
    const failed = settled.find((r) => r.status === 'rejected')
    if (failed) {
      throw failed.reason
    }
  }
}

/** Terminates every socket and waits (at most 5 s) until all are closed. */
export async function terminateAll(sockets: readonly WebSocket[]): Promise<void> {
  const closing = sockets.map(
    (socket) =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) {
          resolve()
          return
        }
        socket.once('close', () => resolve())
        socket.terminate()
      }),
  )
  await Promise.race([Promise.all(closing), sleep(5_000)])
}

export async function fanoutBench(port: number, clients: number): Promise<FanoutBench> {
  const http = connection(port)
  const url = `ws://127.0.0.1:${port}/api/live`
  const sockets: WebSocket[] = []
  const receivers: Connected[] = []
  const recorder = new Recorder()
  const echoes: { seq: number; state: AgentState }[] = []
  const publisherErrors: string[] = []

  const closeAll = async (): Promise<void> => {
    http.close()
    await terminateAll(sockets)
  }

  try {
    const { tokens } = expectJson<{ tokens: string[] }>(
      await http.request('GET', BENCH_SESSIONS_PATH, {}),
      200,
      'bench sessions',
    )
    if (tokens.length !== clients) {
      throw new Error(`the gateway made ${tokens.length} sessions, expected ${clients}`)
    }
    await openLiveAll(
      url,
      tokens,
      (client, message, at) => {
        if (message.type === 'event') {
          recorder.client.push(client)
          recorder.seq.push(message.event.seq)
          recorder.at.push(at)
        }
      },
      (connected) => {
        sockets.push(connected.socket)
        receivers.push(connected)
      },
    )

    // The publisher logs in as an agent app does (password, session), then opens its socket.
    const session = expectJson<{ token: string }>(
      await http.request(
        'POST',
        '/api/session',
        { 'content-type': 'application/json' },
        JSON.stringify({ login: PUBLISHER, password: demoPassword(PUBLISHER) }),
      ),
      201,
      `login as ${PUBLISHER}`,
    )
    const publisher = await openLive(url, session.token, (message) => {
      if (message.type === 'event' && message.event.type === 'agent.state') {
        echoes.push({ seq: message.event.seq, state: message.event.state })
      } else if (message.type === 'error') {
        publisherErrors.push(`${message.code}: ${message.message}`)
      }
    })
    sockets.push(publisher.socket)
    expectJson(await http.request('POST', BENCH_ARM_PATH, {}), 200, 'arm the hub stamps')

    const checkHealth = (): void => {
      if (publisherErrors.length > 0) {
        throw new Error(`the publisher got an error: ${publisherErrors[0]}`)
      }
      const broken = [publisher, ...receivers].find((r) => r.failure() !== undefined)
      if (broken) {
        throw new Error(`a live socket failed during the run: ${broken.failure()}`)
      }
    }

    let state: AgentState = 'pauze'
    return {
      async run(events, gapMinMs, gapMaxMs, seed) {
        recorder.reset()
        echoes.length = 0
        // Stamps of anything before this run (there should be none) are dropped.
        await http.request('GET', BENCH_STAMPS_PATH, {})
        const random = seededRandom(seed)
        const sentAt: number[] = []
        const sentState: AgentState[] = []
        for (let k = 0; k < events; k++) {
          state = state === 'beschikbaar' ? 'pauze' : 'beschikbaar'
          const text = JSON.stringify({ type: 'state', state } satisfies ClientMessage)
          sentAt.push(monoMs())
          publisher.socket.send(text)
          sentState.push(state)
          await sleep(gapMinMs + random() * (gapMaxMs - gapMinMs))
          checkHealth()
        }
        const expected = events * clients
        const deadline = Date.now() + DELIVERY_TIMEOUT_MS
        while ((recorder.count < expected || echoes.length < events) && Date.now() < deadline) {
          checkHealth()
          await sleep(20)
        }
        if (echoes.length !== events || recorder.count !== expected) {
          throw new Error(
            `after ${DELIVERY_TIMEOUT_MS / 1000} s: ${echoes.length}/${events} events published, ${recorder.count}/${expected} deliveries`,
          )
        }
        const { stamps } = expectJson<{ stamps: HubStamp[] }>(
          await http.request('GET', BENCH_STAMPS_PATH, {}),
          200,
          'hub stamps',
        )
        return summarise(sentAt, sentState, echoes, recorder, stamps, clients)
      },
      close: closeAll,
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}

/** Matches the k-th sent state to its event (the publisher's own feed echoes them in order). */
function summarise(
  sentAt: readonly number[],
  sentState: readonly AgentState[],
  echoes: readonly { seq: number; state: AgentState }[],
  recorder: Recorder,
  stamps: readonly HubStamp[],
  clients: number,
): FanoutRun {
  const sentBySeq = new Map<number, number>()
  for (const [k, echo] of echoes.entries()) {
    if (echo.state !== sentState[k]) {
      throw new Error(`event ${k}: published ${sentState[k]}, the hub says ${echo.state}`)
    }
    sentBySeq.set(echo.seq, sentAt[k]!)
  }
  const lastBySeq = new Map<number, number>()
  const perSeq = new Map<number, Set<number>>()
  const deliveries: number[] = []
  for (let i = 0; i < recorder.count; i++) {
    const seq = recorder.seq[i]!
    const sent = sentBySeq.get(seq)
    if (sent === undefined) {
      throw new Error(`a client received event ${seq}, which the publisher did not send`)
    }
    const at = recorder.at[i]!
    deliveries.push(at - sent)
    lastBySeq.set(seq, Math.max(lastBySeq.get(seq) ?? -Infinity, at))
    const seen = perSeq.get(seq) ?? new Set<number>()
    seen.add(recorder.client[i]!)
    perSeq.set(seq, seen)
  }
  for (const [seq, seen] of perSeq) {
    if (seen.size !== clients) {
      throw new Error(`event ${seq} reached ${seen.size} of ${clients} clients`)
    }
  }
  const ingest: number[] = []
  const fanoutLoop: number[] = []
  for (const [seq, first, last] of stamps) {
    const sent = sentBySeq.get(seq)
    if (sent !== undefined && Number.isFinite(first)) {
      ingest.push(first - sent)
      fanoutLoop.push(last - first)
    }
  }
  if (ingest.length !== echoes.length) {
    throw new Error(`the gateway stamped ${ingest.length} of ${echoes.length} events`)
  }
  return {
    deliveries,
    allDelivered: [...lastBySeq].map(([seq, last]) => last - sentBySeq.get(seq)!),
    ingest,
    fanoutLoop,
    events: echoes.length,
    clients,
  }
}
