import { setTimeout as sleep } from 'node:timers/promises'
import type { AgentState } from '../../shared/live/protocol'
import { demoPassword } from './browser-rig'
import { SOAK_AGENT_PASSWORD, SOAK_EXTRA_AGENTS, soakAgentLogin } from './soak-protocol'
import { ErrorTally, taskApi } from './soak-http'
import { LiveSocket } from './soak-live'
import { SoakSipPhone } from './soak-sip'
import { seededRandom } from './stats'

/**
 * The soak's traffic: a floor of agents doing their day's work at a steady, modest rate against one
 * server. Each agent is logged in, has its live socket and its softphone's SIP registration, and
 * every `cycleMs` takes a call: ringing → in_gesprek, registers the klantcontact, consulting,
 * announces a warm transfer to the next agent, who opens it by nummer and writes an answer, the
 * transfer is closed as accepted, nawerk → beschikbaar (every fourth cycle a pauze too). The
 * softphones re-REGISTER every `sipEveryMs` and reconnect every `sipReconnectEvery`-th time. A
 * supervisor watches everything on the live socket and reads the directory now and then.
 *
 * Nothing here stops on an error: every failure is counted by kind, and the next cycle goes on.
 */
export interface TrafficOptions {
  port: number
  seed: number
  cycleMs: number
  sipEveryMs: number
  sipReconnectEvery: number
  supervisorPollMs: number
}

export interface TrafficCounts {
  cycles: number
  registrations: number
  transfers: number
  answers: number
  stateChanges: number
  sipRegisters: number
  sipReconnects: number
  supervisorEvents: number
  httpRequests: number
}

export interface Traffic {
  counts: TrafficCounts
  errors: ErrorTally
  stop(): Promise<void>
}

const SIP_EXPIRES_S = 120

interface Agent {
  login: string
  token: string
  socket: LiveSocket
  phone: SoakSipPhone
}

export const soakAgentLogins = (): string[] => [
  'medewerker1',
  'medewerker3',
  'medewerker2',
  ...Array.from({ length: SOAK_EXTRA_AGENTS }, (_, i) => soakAgentLogin(i)),
]

export async function startTraffic(options: TrafficOptions): Promise<Traffic> {
  const base = `http://127.0.0.1:${options.port}`
  const random = seededRandom(options.seed)
  const counts: TrafficCounts = {
    cycles: 0,
    registrations: 0,
    transfers: 0,
    answers: 0,
    stateChanges: 0,
    sipRegisters: 0,
    sipReconnects: 0,
    supervisorEvents: 0,
    httpRequests: 0,
  }
  const errors = new ErrorTally()
  const fail = (kind: string, detail: string): void => errors.add(kind, detail)
  let stopping = false
  const call = taskApi(base, errors, () => (counts.httpRequests += 1))

  const login = async (name: string, password: string): Promise<string> => {
    const session = await call<{ token: string }>('login', undefined, 'POST', '/api/session', 201, {
      login: name,
      password,
    })
    if (!session) {
      throw new Error(`${name} could not log in: ${[...errors.examples.values()].join('; ')}`)
    }
    return session.token
  }

  const openSocket = async (name: string, onEvent?: () => void): Promise<LiveSocket> => {
    const socket = new LiveSocket(
      `ws://127.0.0.1:${options.port}/api/live`,
      name,
      fail,
      () => stopping,
      onEvent,
    )
    await socket.open(await login(name, passwordOf(name)))
    return socket
  }

  // The supervisor first, so it sees the agents arrive.
  const supervisorToken = await login('supervisor', demoPassword('supervisor'))
  const supervisor = new LiveSocket(
    `ws://127.0.0.1:${options.port}/api/live`,
    'supervisor',
    fail,
    () => stopping,
    () => (counts.supervisorEvents += 1),
  )
  await supervisor.open(supervisorToken)

  const agents: Agent[] = []
  for (const name of soakAgentLogins()) {
    const socket = await openSocket(name)
    const token = socket.token
    const account = await call<{
      websocketUrl: string
      domain: string
      extension: string
      authorizationUsername: string
      password: string
    }>('softphone', token, 'GET', '/api/softphone', 200)
    if (!account) {
      throw new Error(`${name}: no softphone account`)
    }
    const phone = new SoakSipPhone(
      account.websocketUrl,
      account.domain,
      account.extension,
      account.password,
      account.authorizationUsername,
    )
    await phone.connect()
    agents.push({ login: name, token, socket, phone })
  }

  const state = (agent: Agent, next: AgentState): void => {
    counts.stateChanges += 1
    agent.socket.send({ type: 'state', state: next })
  }

  const cycle = async (agent: Agent, colleague: Agent, n: number): Promise<void> => {
    counts.cycles += 1
    state(agent, 'ringing')
    await sleep(200)
    state(agent, 'in_gesprek')
    await sleep(500)
    const contact = await call<{ uuid: string; nummer: string }>(
      'register klantcontact',
      agent.token,
      'POST',
      '/api/klantcontacten',
      201,
      {
        kanaal: 'Telefoon',
        onderwerp: `Soak ${agent.login} ${n}`,
        inhoud: 'Vraag over de voorwaarden voor een vergunningsvrije dakkapel.',
        taal: 'nld',
        vertrouwelijk: false,
        indicatieContactGelukt: true,
        contactnaam: { voornaam: 'Jan', voorvoegselAchternaam: 'de', achternaam: 'Vries' },
      },
      { 'idempotency-key': crypto.randomUUID() },
    )
    if (contact) {
      counts.registrations += 1
      state(agent, 'consulting')
      const transfer = await call<{ id: string }>(
        'announce transfer',
        agent.token,
        'POST',
        '/api/transfers',
        201,
        {
          klantcontactUuid: contact.uuid,
          target: { type: 'agent', id: colleague.login },
        },
      )
      if (transfer) {
        counts.transfers += 1
        const resolved = await call(
          'resolve transfer',
          colleague.token,
          'GET',
          `/api/transfers/resolve/${contact.nummer}`,
          200,
        )
        if (resolved) {
          const answered = await call(
            'answer',
            colleague.token,
            'POST',
            `/api/klantcontacten/${contact.uuid}/antwoord`,
            200,
            {
              antwoord: `Beantwoord door ${colleague.login}: een dakkapel aan de achterkant mag meestal zonder vergunning.`,
            },
          )
          if (answered) {
            counts.answers += 1
          }
        }
        await call('close transfer', agent.token, 'POST', `/api/transfers/${transfer.id}/close`, 204, {
          outcome: 'accepted',
        })
      }
    }
    state(agent, 'nawerk')
    await sleep(300)
    state(agent, 'beschikbaar')
    if (n % 4 === 3) {
      await sleep(300)
      state(agent, 'pauze')
      await sleep(300)
      state(agent, 'beschikbaar')
    }
  }

  const sipLoop = async (agent: Agent, offsetMs: number): Promise<void> => {
    await sleep(offsetMs)
    for (let n = 0; !stopping; n++) {
      try {
        if (n > 0 && n % options.sipReconnectEvery === 0) {
          counts.sipReconnects += 1
          await agent.phone.reconnect()
        }
        counts.sipRegisters += 1
        const status = await agent.phone.register(SIP_EXPIRES_S)
        if (status !== 200) {
          fail(`SIP REGISTER: ${status}`, agent.login)
        }
      } catch (error) {
        fail('SIP REGISTER: no answer', String(error))
        await agent.phone.reconnect().catch(() => {})
      }
      await pause(options.sipEveryMs)
    }
  }

  const agentLoop = async (index: number, offsetMs: number): Promise<void> => {
    const agent = agents[index]!
    const colleague = agents[(index + 1) % agents.length]!
    state(agent, 'beschikbaar')
    await sleep(offsetMs)
    let next = performance.now()
    for (let n = 0; !stopping; n++) {
      await cycle(agent, colleague, n)
      next += options.cycleMs
      // Behind schedule (a slow server): start the next call now rather than catching up in a burst.
      next = Math.max(next, performance.now())
      await pause(next - performance.now())
    }
  }

  const supervisorLoop = async (): Promise<void> => {
    while (!stopping) {
      await call('supervisor directory', supervisorToken, 'GET', '/api/directory', 200)
      await pause(options.supervisorPollMs)
    }
  }

  // An interruptible wait, so stop() does not wait out a full cycle.
  const wakers = new Set<() => void>()
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (stopping || ms <= 0) {
        resolve()
        return
      }
      const done = (): void => {
        clearTimeout(timer)
        wakers.delete(done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      wakers.add(done)
    })

  const loops = [
    ...agents.map((_, i) => agentLoop(i, Math.floor(random() * options.cycleMs))),
    ...agents.map((agent) => sipLoop(agent, Math.floor(random() * options.sipEveryMs))),
    supervisorLoop(),
  ]

  return {
    counts,
    errors,
    async stop() {
      stopping = true
      for (const wake of [...wakers]) {
        wake()
      }
      await Promise.all(loops)
      for (const agent of agents) {
        agent.phone.close()
        agent.socket.close()
      }
      supervisor.close()
    },
  }
}

const passwordOf = (login: string): string =>
  login.startsWith('soak') ? SOAK_AGENT_PASSWORD : demoPassword(login)
