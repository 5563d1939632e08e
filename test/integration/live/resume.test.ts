import { afterEach, describe, expect, it } from 'vitest'
import { createMemoryHub } from '../../../server/gateway/live/hub'
import { label, LiveClient, silent, startLiveServer, type LiveServer } from './support'

const running: Array<{ close(): Promise<unknown> }> = []
afterEach(async () => {
  for (const item of running.splice(0).reverse()) {
    await item.close()
  }
})

async function server(options: Parameters<typeof startLiveServer>[0] = {}): Promise<LiveServer> {
  const s = await startLiveServer(options)
  running.push(s)
  return s
}
async function as(
  s: LiveServer,
  login: string,
  resume?: { epoch: string; lastSeq: number },
): Promise<LiveClient> {
  const client = await LiveClient.as(s.url, login, resume)
  running.push(client)
  return client
}
const state = (login: string, s: 'beschikbaar' | 'pauze' | 'ringing' | 'in_gesprek') =>
  ({ type: 'agent.state', login, afdeling: 'kcc', state: s }) as const

describe('reconnecting', () => {
  it('gives a resuming client exactly the events it missed, then live ones', async () => {
    const s = await server()
    await s.hub.publish(state('medewerker1', 'beschikbaar'))
    const first = await as(s, 'supervisor')
    await first.nextOf('snapshot')
    await s.hub.publish(state('medewerker1', 'ringing'))
    await first.nextEvent()
    const { epoch, lastSeq } = first
    await first.close()

    await s.hub.publish(state('medewerker1', 'in_gesprek'))
    await s.hub.publish(state('medewerker4', 'pauze'))
    await s.hub.publish(state('medewerker4', 'beschikbaar'))
    const again = await as(s, 'supervisor', { epoch, lastSeq })
    expect(await again.next()).toEqual({ type: 'resumed', epoch, lastSeq: 2 })
    expect((await again.events(3)).map(label)).toEqual([
      'medewerker1:in_gesprek',
      'medewerker4:pauze',
      'medewerker4:beschikbaar',
    ])
    await s.hub.publish(state('medewerker4', 'ringing'))
    expect(label(await again.nextEvent())).toBe('medewerker4:ringing')
  })

  it('replays to an agent only the missed events it may see', async () => {
    const s = await server()
    const agent = await as(s, 'medewerker1')
    await agent.nextOf('snapshot')
    const { epoch, lastSeq } = agent
    await agent.close()
    await s.hub.publish(state('medewerker4', 'beschikbaar'))
    await s.hub.publish(state('medewerker1', 'beschikbaar'))
    const again = await as(s, 'medewerker1', { epoch, lastSeq })
    await again.nextOf('resumed')
    expect(label(await again.nextEvent())).toBe('medewerker1:beschikbaar')
    again.send({ type: 'ping' })
    expect(await again.next()).toEqual({ type: 'pong', serverTime: expect.any(String) })
  })

  it('gives a fresh snapshot when the missed events no longer fit the buffer', async () => {
    const s = await server({ hub: createMemoryHub({ logger: silent, bufferSize: 3 }) })
    const first = await as(s, 'supervisor')
    await first.nextOf('snapshot')
    const { epoch, lastSeq } = first
    await first.close()
    for (const login of ['medewerker1', 'medewerker2', 'medewerker3', 'medewerker4']) {
      await s.hub.publish(state(login, 'pauze'))
    }
    await s.hub.publish(state('medewerker1', 'beschikbaar'))
    const again = await as(s, 'supervisor', { epoch, lastSeq })
    const snapshot = await again.nextOf('snapshot')
    expect(snapshot.seq).toBe(5)
    expect(Object.fromEntries(snapshot.agents.map((a) => [a.login, a.state]))).toEqual({
      medewerker1: 'beschikbaar',
      medewerker2: 'pauze',
      medewerker3: 'pauze',
      medewerker4: 'pauze',
    })
    await s.hub.publish(state('medewerker2', 'beschikbaar'))
    expect(await again.nextEvent()).toMatchObject({ seq: 6, login: 'medewerker2' })
  })

  it('gives a snapshot to a client that resumes from another hub’s epoch (a restarted gateway)', async () => {
    const before = await server()
    await before.hub.publish(state('medewerker1', 'beschikbaar'))
    const after = await server()
    await after.hub.publish(state('medewerker1', 'pauze'))
    const client = await as(after, 'supervisor', { epoch: before.hub.epoch, lastSeq: 0 })
    const snapshot = await client.nextOf('snapshot')
    expect(snapshot).toMatchObject({
      epoch: after.hub.epoch,
      seq: 1,
      agents: [{ login: 'medewerker1', state: 'pauze' }],
    })
  })

  it('gives a snapshot to a client claiming a seq the hub has not reached', async () => {
    const s = await server()
    await s.hub.publish(state('medewerker1', 'beschikbaar'))
    const client = await as(s, 'supervisor', { epoch: s.hub.epoch, lastSeq: 99 })
    expect(await client.nextOf('snapshot')).toMatchObject({ seq: 1 })
  })
})
