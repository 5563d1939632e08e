import { afterEach, describe, expect, it } from 'vitest'
import { ofType, queueRig, settle, type Rig } from './support'

let rig: Rig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

async function start(): Promise<Rig> {
  rig = await queueRig()
  return rig
}

describe('the call queue', () => {
  it('serves every afdeling’s group address and nothing else', async () => {
    const { queue } = await start()
    expect(queue.serves('kcc')).toBe(true)
    expect(queue.serves('vergunningen')).toBe(true)
    expect(queue.serves('anna')).toBe(false)
  })

  it('rings the member who has been Beschikbaar longest, one at a time', async () => {
    const r = await start()
    await r.setState('bram', 'beschikbaar')
    r.timers.advance(1_000)
    await r.setState('anna', 'beschikbaar')
    const line = r.call('kcc')
    await settle(r)
    expect(line.rings.map((x) => x.extension)).toEqual(['ext-bram'])
    expect(line.rings[0]?.ringSeconds).toBe(15)
  })

  it('offers a reserved agent no second call while the first one rings', async () => {
    const r = await start()
    await r.setState('anna', 'beschikbaar')
    const first = r.call('kcc')
    r.timers.advance(1_000)
    const second = r.call('kcc')
    await settle(r)
    expect(first.ringing).toBe('ext-anna')
    expect(second.rings).toEqual([])
    expect(r.queue.stats().find((s) => s.afdeling === 'kcc')?.waiting).toBe(2)
  })

  it('sends an agent who does not answer to Pauze and rings the next one', async () => {
    const r = await start()
    await r.setState('anna', 'beschikbaar')
    r.timers.advance(1_000)
    await r.setState('bram', 'beschikbaar')
    const line = r.call('kcc')
    await settle(r)
    expect(line.ringing).toBe('ext-anna')
    r.timers.advance(15_000)
    line.endRing('no_answer')
    await settle(r)
    expect(r.hub.agent('anna')?.state).toBe('pauze')
    expect(line.rings.map((x) => x.extension)).toEqual(['ext-anna', 'ext-bram'])
  })

  it('rings the next agent at once when the first one is not registered, leaving their state alone', async () => {
    const r = await start()
    await r.setState('anna', 'beschikbaar')
    r.timers.advance(1_000)
    await r.setState('bram', 'beschikbaar')
    const line = r.call('kcc')
    await settle(r)
    line.endRing('unreachable')
    await settle(r)
    expect(r.hub.agent('anna')?.state).toBe('beschikbaar')
    expect(line.rings.map((x) => x.extension)).toEqual(['ext-anna', 'ext-bram'])
  })

  it('does not ring an agent without a registration again until a ring time has passed', async () => {
    const r = await start()
    await r.setState('anna', 'beschikbaar')
    const line = r.call('kcc')
    await settle(r)
    line.endRing('unreachable')
    await settle(r)
    expect(line.rings).toHaveLength(1)
    r.timers.advance(15_000)
    await settle(r)
    expect(line.rings.map((x) => x.extension)).toEqual(['ext-anna', 'ext-anna'])
  })

  it('rings the waiting caller at an agent whose previous caller hung up while it rang', async () => {
    const r = await start()
    await r.setState('anna', 'beschikbaar')
    const first = r.call('kcc')
    r.timers.advance(1_000)
    const second = r.call('kcc')
    await settle(r)
    first.endRing('caller_left')
    await settle(r)
    expect(second.ringing).toBe('ext-anna')
  })

  it('keeps an agent who declined Beschikbaar where the afdeling says so, and tries the colleague first', async () => {
    const r = await start()
    await r.setState('eva', 'beschikbaar')
    r.timers.advance(1_000)
    await r.setState('fenna', 'beschikbaar')
    const line = r.call('burgerzaken')
    await settle(r)
    line.endRing('declined')
    await settle(r)
    expect(r.hub.agent('eva')?.state).toBe('beschikbaar')
    expect(line.rings.map((x) => x.extension)).toEqual(['ext-eva', 'ext-fenna'])
  })

  it('rings the head of the queue the moment an agent becomes Beschikbaar', async () => {
    const r = await start()
    await r.setState('anna', 'pauze')
    const older = r.call('kcc')
    r.timers.advance(5_000)
    const newer = r.call('kcc')
    await settle(r)
    expect(older.rings).toEqual([])
    await r.setState('bram', 'beschikbaar')
    await settle(r)
    expect(older.ringing).toBe('ext-bram')
    expect(newer.rings).toEqual([])
  })

  it('never offers a call to agents in Pauze, Nawerk, a call or offline', async () => {
    const r = await start()
    await r.setState('anna', 'nawerk')
    await r.setState('bram', 'in_gesprek')
    await r.setState('cas', 'pauze')
    const line = r.call('kcc')
    await settle(r)
    expect(line.rings).toEqual([])
    expect(line.rejected).toEqual([])
  })

  it('leaves as answered and publishes the leave and the new queue status', async () => {
    const r = await start()
    await r.setState('anna', 'beschikbaar')
    const line = r.call('kcc')
    await settle(r)
    r.timers.advance(8_000)
    line.endRing('answered')
    await settle(r)
    const left = ofType(r.events, 'queue.left')
    expect(left).toEqual([
      expect.objectContaining({
        afdeling: 'kcc',
        outcome: 'answered',
        waitedMs: 8_000,
        withinServiceLevel: true,
      }),
    ])
    const changed = ofType(r.events, 'queue.changed').map((e) => e.queue)
    expect(changed.at(0)).toEqual({ afdeling: 'kcc', waiting: 1, oldestSince: '2026-12-07T09:00:00.000Z' })
    expect(changed.at(-1)).toEqual({ afdeling: 'kcc', waiting: 0 })
  })

  it('moves a call to the overflow afdeling at its maximum wait, and registers a terugbelverzoek at the next', async () => {
    const r = await start()
    await r.setState('anna', 'pauze')
    await r.setState('dewi', 'pauze')
    const line = r.call('kcc', { callerNumber: '0201234567' })
    await settle(r)
    r.timers.advance(120_000)
    await settle(r)
    expect(r.queue.stats()).toContainEqual(expect.objectContaining({ afdeling: 'vergunningen', waiting: 1 }))
    expect(ofType(r.events, 'queue.left').map((e) => [e.afdeling, e.outcome])).toEqual([
      ['kcc', 'overflowed'],
    ])
    r.timers.advance(60_000)
    await settle(r)
    expect(line.rejected).toEqual(['terugbelverzoek'])
    expect(r.terugbelverzoeken).toEqual([
      expect.objectContaining({
        afdeling: 'kcc',
        callerNumber: '0201234567',
        reason: 'timeout',
        waitedMs: 180_000,
      }),
    ])
    expect(ofType(r.events, 'queue.left').map((e) => [e.afdeling, e.outcome])).toEqual([
      ['kcc', 'overflowed'],
      ['vergunningen', 'timeout'],
    ])
  })

  it('registers a terugbelverzoek for a caller who hangs up after more than 30 s, not before', async () => {
    const r = await start()
    await r.setState('anna', 'pauze')
    const quick = r.call('kcc')
    const patient = r.call('kcc')
    await settle(r)
    r.timers.advance(20_000)
    quick.hangUp()
    await settle(r)
    r.timers.advance(20_000)
    patient.hangUp()
    await settle(r)
    expect(r.terugbelverzoeken).toEqual([expect.objectContaining({ reason: 'abandoned', waitedMs: 40_000 })])
    expect(ofType(r.events, 'queue.left').map((e) => e.outcome)).toEqual(['abandoned', 'abandoned'])
    expect(quick.rejected).toEqual([])
  })

  it('overflows a call when nobody of the afdeling is logged in, and rejects it with a terugbelverzoek where nobody is either', async () => {
    const r = await start()
    const line = r.call('kcc')
    await settle(r)
    expect(line.rejected).toEqual(['no_agent'])
    expect(ofType(r.events, 'queue.left').map((e) => [e.afdeling, e.outcome])).toEqual([
      ['kcc', 'overflowed'],
      ['vergunningen', 'no_agent'],
    ])
    expect(r.terugbelverzoeken).toEqual([expect.objectContaining({ afdeling: 'kcc', reason: 'no_agent' })])
  })

  it('rejects with no_agent and a terugbelverzoek when nobody is logged in and there is no overflow', async () => {
    const r = await start()
    const line = r.call('burgerzaken')
    await settle(r)
    expect(line.rejected).toEqual(['no_agent'])
    expect(r.terugbelverzoeken).toEqual([
      expect.objectContaining({ afdeling: 'burgerzaken', reason: 'no_agent' }),
    ])
  })

  it('still records a caller who left just before the queue closed, and offers nothing more', async () => {
    const r = await start()
    await r.setState('anna', 'pauze')
    const leaving = r.call('kcc')
    const staying = r.call('kcc')
    await settle(r)
    leaving.hangUp()
    await r.hub.publish({ type: 'agent.state', login: 'bram', afdeling: 'kcc', state: 'beschikbaar' })
    await r.queue.close()
    expect(ofType(r.events, 'queue.left').map((e) => e.outcome)).toEqual(['abandoned'])
    expect(staying.rings).toEqual([])
    expect(staying.rejected).toEqual([])
  })

  it('keeps a re-announced call’s place after a restart, and does not reject it on close', async () => {
    const r = await start()
    await r.setState('anna', 'pauze')
    const older = r.call('kcc', { sipCallId: 'older@test', waitedMs: 10_000 })
    const newer = r.call('kcc', { sipCallId: 'newer@test' })
    await settle(r)
    const after = await r.restart()
    expect(older.rejected).toEqual([])
    // Kamailio announces the calls again, the newer first; the older keeps its original time.
    after.call('kcc', { sipCallId: 'newer@test' })
    after.timers.advance(1_000)
    const olderAgain = after.call('kcc', { sipCallId: 'older@test' })
    await settle(after)
    await after.setState('bram', 'beschikbaar')
    await settle(after)
    expect(olderAgain.ringing).toBe('ext-bram')
    expect(newer.rejected).toEqual([])
    await after.close()
  })
})

describe('the call queue and the agents’ states', () => {
  it('leaves an agent who went offline or took another call in that state after a missed offer', async () => {
    const r = await start()
    await r.setState('anna', 'beschikbaar')
    const line = r.call('kcc')
    await settle(r)
    await r.setState('anna', 'in_gesprek')
    line.endRing('no_answer')
    await settle(r)
    expect(r.hub.agent('anna')?.state).toBe('in_gesprek')
  })

  it('offers an agent who answered no second caller until their app reports the call', async () => {
    const r = await start()
    await r.setState('anna', 'beschikbaar')
    const first = r.call('kcc')
    const second = r.call('kcc')
    await settle(r)
    first.endRing('answered')
    await settle(r)
    // Any event makes the queue route again; anna's app has not reported the call yet.
    await r.setState('cas', 'pauze')
    await settle(r)
    expect(second.rings).toEqual([])
    await r.setState('anna', 'in_gesprek')
    await r.setState('anna', 'nawerk')
    await r.setState('anna', 'beschikbaar')
    await settle(r)
    expect(second.ringing).toBe('ext-anna')
  })

  it('routes nothing while another gateway leads, and takes over the calls it holds when it leads', async () => {
    const r = await queueRig({ leader: false })
    rig = r
    await r.setState('anna', 'beschikbaar')
    const line = r.call('kcc')
    await settle(r)
    expect(line.rings).toEqual([])
    expect(ofType(r.events, 'queue.changed')).toEqual([])
    r.leadership.set(true)
    await settle(r)
    expect(line.ringing).toBe('ext-anna')
  })
})
