import { afterEach, describe, expect, it } from 'vitest'
import type { AgentTimeRules } from '../../../server/gateway/live/agent-time'
import { createMemoryHub, type LiveHub } from '../../../server/gateway/live/hub'
import { startNawerkLimit } from '../../../server/gateway/live/nawerk-limit'
import type { LiveEvent } from '../../../shared/live/protocol'
import { ENGINE } from '../../support/provider'
import {
  freshSchema,
  label,
  LiveClient,
  postgresHub,
  silent,
  startLiveServer,
  type LiveServer,
} from './support'

/**
 * Pauze reasons and the nawerk limit over the real live socket: the hub on the engine
 * KCC_DB_ENGINE picks (in memory for SQLite, PostgreSQL's otherwise), and always two gateway
 * instances and a restart on PostgreSQL. The gateway's clock is the test's, so a limit runs out
 * when the test moves it on, not after a wait.
 */
const RULES: AgentTimeRules = {
  pauzeRedenen: ['Lunch', 'Overleg', 'Training', 'Overig'],
  nawerkSeconds: (afdeling) => (afdeling === 'kcc' ? 60 : undefined),
}
const clock = { skew: 0 }
const now = (): number => Date.now() + clock.skew

const cleanup: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) {
    await step()
  }
  clock.skew = 0
})

async function hubOn(engine: 'sqlite' | 'postgres', schema?: Awaited<ReturnType<typeof freshSchema>>) {
  if (engine === 'sqlite') {
    return createMemoryHub({ logger: silent, now })
  }
  const on = schema ?? (await freshSchema())
  if (!schema) {
    cleanup.push(() => on.drop())
  }
  return postgresHub(on.pool(), on.channel, { now })
}

/** A gateway instance: the live socket and the nawerk limit on one hub. */
async function gateway(hub: LiveHub, isLocal?: (login: string) => boolean) {
  const server = await startLiveServer({ hub, agentTime: RULES, now })
  const limit = startNawerkLimit({ hub, logger: silent, now, ...(isLocal ? { isLocal } : {}) })
  const stop = async (): Promise<void> => {
    limit.close()
    await server.close()
  }
  cleanup.push(stop)
  return { server, limit, stop }
}

async function as(server: LiveServer, login: string): Promise<LiveClient> {
  const client = await LiveClient.as(server.url, login)
  cleanup.push(() => client.close())
  await client.nextOf('snapshot')
  return client
}

const stateOf = (event: LiveEvent) => (event.type === 'agent.state' ? event : undefined)

describe(`pauze reasons and the nawerk limit on the live socket (${ENGINE})`, () => {
  it('shows the supervisor the reason for a pauze, and refuses one the gateway does not offer', async () => {
    const { server } = await gateway(await hubOn(ENGINE))
    const supervisor = await as(server, 'supervisor')
    const agent = await as(server, 'medewerker1')
    agent.send({ type: 'state', state: 'pauze', pauzeReden: 'Koffie' })
    expect(await agent.nextOf('error')).toEqual({
      type: 'error',
      code: 'invalid_message',
      message: 'message.pauzeReden: expected one of Lunch, Overleg, Training, Overig',
    })
    agent.send({ type: 'state', state: 'pauze', pauzeReden: 'Overleg' })
    expect(await supervisor.nextEvent()).toMatchObject({
      type: 'agent.state',
      login: 'medewerker1',
      state: 'pauze',
      pauzeReden: 'Overleg',
    })
    agent.send({ type: 'state', state: 'beschikbaar' })
    const back = await supervisor.nextEvent()
    expect(back).toMatchObject({ type: 'agent.state', state: 'beschikbaar' })
    expect(back).not.toHaveProperty('pauzeReden')
    expect(server.hub.agent('medewerker1')).not.toHaveProperty('pauzeReden')
  })

  it('makes the agent beschikbaar when their nawerk runs out, and tells their app', async () => {
    const { server } = await gateway(await hubOn(ENGINE))
    const supervisor = await as(server, 'supervisor')
    const agent = await as(server, 'medewerker1')
    agent.send({ type: 'state', state: 'in_gesprek' })
    const before = now()
    agent.send({ type: 'state', state: 'nawerk' })
    const [, nawerk] = await agent.events(2)
    const tot = Date.parse(stateOf(nawerk!)?.nawerkTot ?? '')
    // A minute by the gateway's clock from when it took the change.
    expect(tot).toBeGreaterThanOrEqual(before + 60_000)
    expect(tot).toBeLessThanOrEqual(now() + 60_000)
    clock.skew = 60_000
    expect(await agent.nextEvent()).toMatchObject({ type: 'agent.state', state: 'beschikbaar' })
    const seen = await supervisor.through((e) => stateOf(e)?.state === 'beschikbaar')
    expect(seen.map(label)).toEqual([
      'medewerker1:in_gesprek',
      'medewerker1:nawerk',
      'medewerker1:beschikbaar',
    ])
  })

  it('leaves an agent who ended nawerk early in the state they chose', async () => {
    const { server, limit } = await gateway(await hubOn(ENGINE))
    const agent = await as(server, 'medewerker1')
    agent.send({ type: 'state', state: 'in_gesprek' })
    agent.send({ type: 'state', state: 'nawerk' })
    agent.send({ type: 'state', state: 'pauze', pauzeReden: 'Lunch' })
    await agent.events(3)
    clock.skew = 120_000
    await limit.check()
    expect(server.hub.agent('medewerker1')).toMatchObject({ state: 'pauze', pauzeReden: 'Lunch' })
    expect(limit.watching()).toEqual([])
  })

  it('gives nawerk no end in an afdeling without a limit', async () => {
    const { server, limit } = await gateway(await hubOn(ENGINE))
    const agent = await as(server, 'medewerker2')
    agent.send({ type: 'state', state: 'in_gesprek' })
    agent.send({ type: 'state', state: 'nawerk' })
    const [, nawerk] = await agent.events(2)
    expect(nawerk).not.toHaveProperty('nawerkTot')
    clock.skew = 3_600_000
    await limit.check()
    expect(server.hub.agent('medewerker2')?.state).toBe('nawerk')
  })
})

describe('the nawerk limit with two gateways on PostgreSQL', () => {
  it('ends nawerk that ran out while the gateway was down, once it is back', async () => {
    const schema = await freshSchema()
    cleanup.push(() => schema.drop())
    const first = await gateway(await hubOn('postgres', schema))
    const agent = await as(first.server, 'medewerker1')
    agent.send({ type: 'state', state: 'in_gesprek' })
    agent.send({ type: 'state', state: 'nawerk' })
    await agent.events(2)
    await agent.close()
    await first.stop()

    clock.skew = 90_000
    const second = await gateway(await hubOn('postgres', schema))
    expect(second.limit.watching()).toEqual(['medewerker1'])
    await second.limit.check()
    const supervisor = await LiveClient.as(second.server.url, 'supervisor')
    cleanup.push(() => supervisor.close())
    const snapshot = await supervisor.nextOf('snapshot')
    expect(snapshot.agents).toEqual([expect.objectContaining({ login: 'medewerker1', state: 'beschikbaar' })])
  })

  it('keeps the state the agent chose after both gateways fired for the same deadline', async () => {
    const schema = await freshSchema()
    cleanup.push(() => schema.drop())
    // Both think they hold the agent, so both fire at the deadline: the race the guard is for.
    const a = await gateway(await hubOn('postgres', schema), () => true)
    const b = await gateway(await hubOn('postgres', schema), () => true)
    const supervisor = await as(b.server, 'supervisor')
    const agent = await as(a.server, 'medewerker1')
    agent.send({ type: 'state', state: 'in_gesprek' })
    agent.send({ type: 'state', state: 'nawerk' })
    await supervisor.events(2)
    clock.skew = 60_000
    await Promise.all([a.limit.check(), b.limit.check()])
    await supervisor.until((e) => stateOf(e)?.state === 'beschikbaar')
    agent.send({ type: 'state', state: 'pauze', pauzeReden: 'Training' })
    // Each instance has applied the pauze once its own client saw it.
    await agent.until((e) => stateOf(e)?.state === 'pauze')
    await supervisor.until((e) => stateOf(e)?.state === 'pauze')
    await Promise.all([a.limit.check(), b.limit.check()])
    for (const hub of [a.server.hub, b.server.hub]) {
      expect(hub.agent('medewerker1')).toMatchObject({ state: 'pauze', pauzeReden: 'Training' })
    }
    // Nothing came after the agent's pauze: a ping's answer comes after any event already sent.
    supervisor.send({ type: 'ping' })
    expect((await supervisor.next()).type).toBe('pong')
  })
})
