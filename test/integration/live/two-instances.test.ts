import { afterEach, describe, expect, it } from 'vitest'
import {
  cutListener,
  freshSchema,
  label,
  LiveClient,
  postgresHub,
  startLiveServer,
  unreachable,
  type LiveServer,
} from './support'

/**
 * Two gateway instances (two fastify apps, each with its own PostgreSQL hub) on one schema: what
 * happens on one is seen on the other.
 */
const cleanup: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) {
    await step()
  }
})

async function twoInstances(graceMs = 60_000) {
  const schema = await freshSchema()
  cleanup.push(() => schema.drop())
  const a = await startLiveServer({ hub: await postgresHub(schema.pool(), schema.channel), graceMs })
  cleanup.push(() => a.close())
  const b = await startLiveServer({ hub: await postgresHub(schema.pool(), schema.channel), graceMs })
  cleanup.push(() => b.close())
  return { a, b }
}

async function as(
  s: LiveServer,
  login: string,
  resume?: { epoch: string; lastSeq: number },
): Promise<LiveClient> {
  const client = await LiveClient.as(s.url, login, resume)
  cleanup.push(() => client.close())
  return client
}

describe('two gateway instances on one PostgreSQL', () => {
  it('show a supervisor on B an agent connected to A', async () => {
    const { a, b } = await twoInstances()
    const supervisor = await as(b, 'supervisor')
    await supervisor.nextOf('snapshot')
    const agent = await as(a, 'medewerker1')
    await agent.nextOf('snapshot')
    agent.send({ type: 'state', state: 'beschikbaar' })
    agent.send({
      type: 'call.started',
      call: { callId: 'c1', direction: 'inbound', callerNumber: '0612345678' },
    })
    agent.send({ type: 'state', state: 'ringing' })
    const events = await supervisor.events(3)
    expect(events.map(label)).toEqual(['medewerker1:beschikbaar', 'call.started', 'medewerker1:ringing'])
    expect(events[1]).toMatchObject({ call: { callId: 'c1', agent: 'medewerker1' } })
  })

  it('give a supervisor connecting to B a snapshot with agents connected to A', async () => {
    const { a, b } = await twoInstances()
    const agent = await as(a, 'medewerker2')
    await agent.nextOf('snapshot')
    agent.send({ type: 'state', state: 'pauze' })
    const own = await agent.nextEvent()
    // B has applied it once its own later event has come back; publish one to be sure.
    await b.hub.publish({
      type: 'agent.state',
      login: 'medewerker3',
      afdeling: 'vergunningen',
      state: 'beschikbaar',
    })
    const supervisor = await as(b, 'supervisor')
    const snapshot = await supervisor.nextOf('snapshot')
    expect(snapshot.agents).toContainEqual({
      login: 'medewerker2',
      afdeling: 'vergunningen',
      state: 'pauze',
      since: own.at,
    })
  })

  it('let a client that was on A resume on B with the events it missed', async () => {
    const { a, b } = await twoInstances()
    const onA = await as(a, 'supervisor')
    await onA.nextOf('snapshot')
    await a.hub.publish({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'beschikbaar' })
    await onA.nextEvent()
    const { epoch, lastSeq } = onA
    await onA.close()
    await a.hub.publish({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'ringing' })
    await b.hub.publish({ type: 'agent.state', login: 'medewerker4', afdeling: 'kcc', state: 'pauze' })
    const onB = await as(b, 'supervisor', { epoch, lastSeq })
    expect(await onB.next()).toEqual({ type: 'resumed', epoch, lastSeq })
    expect((await onB.events(2)).map(label)).toEqual(['medewerker1:ringing', 'medewerker4:pauze'])
  })

  it('deliver a transfer offer made on A to the addressed agent on B', async () => {
    const { a, b } = await twoInstances()
    const addressee = await as(b, 'medewerker2')
    await addressee.nextOf('snapshot')
    await a.hub.publish({
      type: 'transfer.offered',
      transfer: {
        transferId: 't1',
        klantcontactnummer: '0000000042',
        from: 'medewerker1',
        to: { kind: 'agent', login: 'medewerker2' },
      },
    })
    expect(await addressee.nextEvent()).toMatchObject({
      type: 'transfer.offered',
      transfer: { transferId: 't1' },
    })
  })

  it('mark an agent of A offline after the grace period, seen on B', async () => {
    const { a, b } = await twoInstances(30)
    const supervisor = await as(b, 'supervisor')
    await supervisor.nextOf('snapshot')
    const agent = await as(a, 'medewerker1')
    await agent.nextOf('snapshot')
    agent.send({ type: 'state', state: 'beschikbaar' })
    await agent.nextEvent()
    await agent.close()
    expect((await supervisor.events(2)).map(label)).toEqual([
      'medewerker1:beschikbaar',
      'medewerker1:offline',
    ])
  })

  it('send a fresh snapshot to clients of an instance that had to rebuild its state', async () => {
    const schema = await freshSchema()
    cleanup.push(() => schema.drop())
    const a = await startLiveServer({
      hub: await postgresHub(schema.pool(), schema.channel, { retainEvents: 1 }),
    })
    cleanup.push(() => a.close())
    const poolB = schema.pool('hub-b')
    const b = await startLiveServer({ hub: await postgresHub(poolB, schema.channel) })
    cleanup.push(() => b.close())
    const supervisor = await as(b, 'supervisor')
    await supervisor.nextOf('snapshot')
    const outage = unreachable(poolB)
    await cutListener(schema.channel, 'hub-b')
    for (const login of ['medewerker1', 'medewerker2', 'medewerker3']) {
      await a.hub.publish({ type: 'agent.state', login, afdeling: 'kcc', state: 'pauze' })
    }
    outage.restore()
    const snapshot = await supervisor.nextOf('snapshot')
    expect(snapshot.seq).toBe(3)
    expect(snapshot.agents.map((x) => x.login).sort()).toEqual(['medewerker1', 'medewerker2', 'medewerker3'])
  })
})
