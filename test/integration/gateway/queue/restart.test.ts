import { describe, expect, it } from 'vitest'
import { useGateway } from '../../../support/gateway'
import { TestLine, until, waitingCall } from './support'

/**
 * A gateway restart on the real gateway database (the engine KCC_DB_ENGINE chooses): the calls a
 * SIP server announces again keep their place, however they are announced, and nobody is rejected
 * because the gateway stopped.
 */
const gateway = useGateway()

describe('the queue across a gateway restart', () => {
  it('keeps each re-announced call’s place and rings the one that waited longest first', async () => {
    const tg = gateway()
    const hub = tg.gateway.live.hub
    // Logged in but on Pauze: the callers wait.
    await hub.publish({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'pauze' })
    const older = waitingCall('kcc', '0612345678')
    const newer = { ...waitingCall('kcc', '0687654321'), enteredAt: older.enteredAt + 1_000 }
    const first = [new TestLine(older), new TestLine(newer)]
    first.forEach((line) => tg.gateway.queue.enter(line))
    await until('both wait', () => tg.gateway.queue.stats().find((s) => s.afdeling === 'kcc')?.waiting === 2)

    await tg.gateway.queue.close()
    await tg.gateway.terugbelverzoeken.close()
    const next = await tg.startInstance({ hub })
    // Announced again, the newer first, and each with the time the SIP server has now.
    const again = [
      new TestLine({ ...newer, enteredAt: Date.now() }),
      new TestLine({ ...older, enteredAt: Date.now() }),
    ]
    again.forEach((line) => next.queue.enter(line))
    await until('both wait again', () => next.queue.stats().find((s) => s.afdeling === 'kcc')?.waiting === 2)
    expect(next.queue.stats().find((s) => s.afdeling === 'kcc')?.oldestSince).toBe(
      new Date(older.enteredAt).toISOString(),
    )

    await hub.publish({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'beschikbaar' })
    await until('a call rings', () => again.some((line) => line.rings.length > 0))
    expect(again[1]?.rings.map((r) => r.extension)).toEqual(['medewerker1'])
    expect(again[0]?.rings).toEqual([])
    expect([...first, ...again].flatMap((line) => line.rejected)).toEqual([])
  })
})
