import { request as httpRequest } from 'node:http'
import { performance } from 'node:perf_hooks'
import type { SipRequest } from 'sip'
import WebSocket from 'ws'
import type { AgentState, ClientMessage, LiveEvent, ServerMessage } from '../../shared/live/protocol'
import { startMediaSockets } from './queue-media-sockets'
import { QueuePhone } from './queue-phone'
import { QUEUE_AGENT_PASSWORD, SUPERVISOR_PASSWORD } from './queue-protocol'
import { seededRandom } from './stats'

/**
 * The benchmark's agents: each logged in through the gateway's API, Beschikbaar on its live socket
 * and registered with Kamailio. Like the agent app, an agent reports its call on the live socket:
 * `ringing` when the INVITE arrives, `in_gesprek` when it answers (after a short random delay),
 * `nawerk` when the caller hangs up, and `beschikbaar` again after a short random wrap-up. Every
 * INVITE is recorded with when it arrived and when the agent last said Beschikbaar, on one clock
 * (this process's performance.now()).
 */
export interface Offer {
  login: string
  callId: string
  /** performance.now() when the INVITE arrived at the agent's phone. */
  at: number
  /** When this agent last sent `beschikbaar` on its live socket before the INVITE. */
  beschikbaarAt: number
}

export interface AgentFleet {
  offers: Offer[]
  /** Call-IDs offered to an agent while another agent's offer of the same call was not over. */
  offeredTwice: Set<string>
  /** INVITEs that reached an agent who was not Beschikbaar (its phone answered 486). */
  busyInvites: number
  /** RTP packets that reached the agents' media sockets, per Call-ID. */
  rtpPackets(): Promise<Map<string, number>>
  /** Live events seen on the supervisor's socket. */
  events: LiveEvent[]
  errors: string[]
  stop(): void
}

interface Agent {
  login: string
  index: number
  ws: WebSocket
  phone: QueuePhone
  state: AgentState
  beschikbaarAt: number
  /** The call this agent has now (offered, ringing or talking). */
  callId?: string
}

const ANSWER_MS = [300, 1500] as const
const WRAP_UP_MS = [1000, 3000] as const

/**
 * Logs in through the gateway's API. The gateway allows 30 logins a minute per client address (a
 * shift starting behind one address); the agents log in from a few loopback addresses instead, as
 * 50 agents of a real contact centre would mostly come from more than one.
 */
function login(
  port: number,
  name: string,
  localAddress: string,
  password = QUEUE_AGENT_PASSWORD,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ login: name, password })
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/api/session',
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = ''
        response.on('data', (chunk: Buffer) => (text += chunk.toString()))
        response.on('end', () => {
          if (response.statusCode !== 201) {
            reject(new Error(`${name} could not log in: HTTP ${response.statusCode} ${text}`))
          } else {
            resolve((JSON.parse(text) as { token: string }).token)
          }
        })
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

/** The agent's ephemeral SIP credentials, as the app gets them (GET /api/softphone). */
async function softphoneCredentials(
  port: number,
  name: string,
  token: string,
): Promise<{ authorizationUsername: string; password: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/api/softphone`, {
    headers: { authorization: `Bearer ${token}` },
  })
  if (!response.ok) {
    throw new Error(`${name}: no softphone account: HTTP ${response.status}`)
  }
  return (await response.json()) as { authorizationUsername: string; password: string }
}

async function openLive(
  url: string,
  token: string,
  onMessage: (message: ServerMessage) => void,
): Promise<WebSocket> {
  const ws = new WebSocket(url)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const ready = new Promise<void>((resolve) => {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ServerMessage
      if (message.type === 'welcome') {
        ws.send(JSON.stringify({ type: 'snapshot' } satisfies ClientMessage))
      } else if (message.type === 'snapshot') {
        resolve()
      }
      onMessage(message)
    })
  })
  ws.send(JSON.stringify({ type: 'auth', token } satisfies ClientMessage))
  await ready
  return ws
}

export async function startAgents(options: {
  gatewayPort: number
  sipUrl: string
  domain: string
  accounts: Array<{ login: string }>
  seed: number
}): Promise<AgentFleet> {
  const random = seededRandom(options.seed)
  const between = ([low, high]: readonly [number, number]): number => low + random() * (high - low)
  const fleet: AgentFleet = {
    offers: [],
    offeredTwice: new Set(),
    busyInvites: 0,
    rtpPackets: () => media.packets(),
    events: [],
    errors: [],
    stop: () => {
      supervisor.close()
      for (const agent of agents) {
        agent.ws.close()
        agent.phone.close()
      }
      media.close()
    },
  }
  const agents: Agent[] = []
  /** Call-ID → logins whose offer of it is not over (ringing or talking). */
  const holders = new Map<string, Set<string>>()

  const setState = (agent: Agent, state: AgentState): void => {
    agent.state = state
    if (state === 'beschikbaar') {
      agent.beschikbaarAt = performance.now()
    }
    agent.ws.send(JSON.stringify({ type: 'state', state } satisfies ClientMessage))
  }

  const onInvite = (agent: Agent, invite: SipRequest, at: number): void => {
    const callId = String(invite.headers['call-id'])
    if (agent.state !== 'beschikbaar' || agent.callId !== undefined) {
      fleet.busyInvites += 1
      agent.phone.respond(invite, 486)
      return
    }
    fleet.offers.push({ login: agent.login, callId, at, beschikbaarAt: agent.beschikbaarAt })
    const others = holders.get(callId) ?? new Set<string>()
    if (others.size > 0) {
      fleet.offeredTwice.add(callId)
    }
    others.add(agent.login)
    holders.set(callId, others)
    agent.callId = callId
    media.setCall(agent.index, callId)
    const toTag = Math.random().toString(36).slice(2)
    agent.phone.respond(invite, 180, toTag)
    setState(agent, 'ringing')
    setTimeout(() => {
      agent.phone.respond(invite, 200, toTag)
      setState(agent, 'in_gesprek')
    }, between(ANSWER_MS))
  }

  const onBye = (agent: Agent, bye: SipRequest): void => {
    const callId = String(bye.headers['call-id'])
    holders.get(callId)?.delete(agent.login)
    if (agent.callId !== callId) {
      return
    }
    agent.callId = undefined
    media.setCall(agent.index, undefined)
    setState(agent, 'nawerk')
    setTimeout(() => setState(agent, 'beschikbaar'), between(WRAP_UP_MS))
  }

  const media = await startMediaSockets(options.accounts.length)
  const supervisorToken = await login(options.gatewayPort, 'supervisor', '127.0.0.9', SUPERVISOR_PASSWORD)
  const supervisor = await openLive(
    `ws://127.0.0.1:${options.gatewayPort}/api/live`,
    supervisorToken,
    (message) => {
      if (message.type === 'event') {
        fleet.events.push(message.event)
      }
    },
  )
  for (const [i, account] of options.accounts.entries()) {
    const token = await login(options.gatewayPort, account.login, `127.0.0.${10 + Math.floor(i / 20)}`)
    const agent = { index: i, login: account.login, state: 'offline', beschikbaarAt: 0 } as Agent
    agent.ws = await openLive(`ws://127.0.0.1:${options.gatewayPort}/api/live`, token, (message) => {
      if (message.type === 'error') {
        fleet.errors.push(`${account.login}: live ${message.code}: ${message.message}`)
      }
    })
    agent.phone = new QueuePhone(
      options.sipUrl,
      options.domain,
      account.login,
      await softphoneCredentials(options.gatewayPort, account.login, token),
      { invite: (request, at) => onInvite(agent, request, at), bye: (request) => onBye(agent, request) },
      media.ports[i]!,
    )
    await agent.phone.connect()
    const status = await agent.phone.register()
    if (status !== 200) {
      throw new Error(`${account.login}: REGISTER answered ${status}`)
    }
    agents.push(agent)
  }
  for (const agent of agents) {
    setState(agent, 'beschikbaar')
  }
  return fleet
}
