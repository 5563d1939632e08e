import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startKamailioQueue, type KamailioQueueAdapter } from '../../../server/gateway/queue/kamailio/adapter'
import { createRootLogger } from '../../../server/lib/logger'
import { startBaresip, type Baresip } from '../../support/baresip'
import { startQueueKamailio, TestQueue, type QueueKamailio } from '../../support/kamailio-queue'
import { rtpAgent, type RtpAgent } from '../../support/rtp-agent'
import { startRtpengine, type RunningRtpengine } from '../../support/rtpengine'
import { freePort, sipFixture } from '../../support/sip-servers'
import { readWav, TRUNK_TONE, toneRatio } from '../../support/tones'
import { writeNumbersTable } from '../../support/trunk'
import { waitUntil } from '../../support/wait'

// A citizen's phone (baresip) calls the afdeling's number over the trunk of a Kamailio with
// -A KCC_QUEUE_ANNOUNCE: while the call waits, rtpengine plays the citizen their place in the queue
// (espeak-ng's Dutch, from deploy/rtpengine/prompts/generate.sh) and then the music, as early media
// (183); then an agent answers and the conversation runs through rtpengine both ways.
const GROUP = 'vergunningen'
const NUMBER = '14020'
const SECOND = 8000
/** A 0.4 s window: one note of muziek.wav. */
const WINDOW = 0.4 * SECOND
/** generate.sh's notes. */
const NOTES = [523.25, 659.25, 783.99, 698.46, 880, 1046.5, 987.77, 1174.66]
const fixture = sipFixture(['agent1', 'agent2'], { [GROUP]: ['agent1', 'agent2'] })
const logger = createRootLogger({ level: process.env['LOG_LEVEL'] ?? 'silent' })

let prompts: string
let rtpengine: RunningRtpengine
let citizen: Baresip
let kamailio: QueueKamailio
let trunkPort: number
let agent1: RtpAgent
let agent2: RtpAgent
let adapter: KamailioQueueAdapter | undefined

/** The windows of `samples` in which one of the music's notes clearly stands out. */
function musicWindows(samples: Float64Array, notes = NOTES): number[] {
  const found: number[] = []
  for (let start = 0; start + WINDOW <= samples.length; start += WINDOW / 2) {
    const window = samples.subarray(start, start + WINDOW)
    if (notes.some((hz) => toneRatio(window, hz, SECOND) > 50)) {
      found.push(start / WINDOW)
    }
  }
  return found
}

/** Where the music starts (in windows): the first of four windows in a row that hold a note. */
function musicStart(samples: Float64Array): number | undefined {
  const found = musicWindows(samples)
  return found.find((w, i) => found[i + 3] === w + 1.5)
}

/** Windows (0.1 s) loud enough to be speech or music rather than silence. */
function loudWindows(samples: Float64Array): number[] {
  const found: number[] = []
  const size = 0.1 * SECOND
  for (let start = 0; start + size <= samples.length; start += size) {
    let sum = 0
    for (let i = start; i < start + size; i++) {
      sum += samples[i]! * samples[i]!
    }
    if (Math.sqrt(sum / size) > 0.02) {
      found.push(start / size)
    }
  }
  return found
}

beforeAll(async () => {
  prompts = mkdtempSync(join(tmpdir(), 'kcc-prompts-'))
  const generated = spawnSync('sh', ['deploy/rtpengine/prompts/generate.sh', prompts], { encoding: 'utf8' })
  expect(generated.status, generated.stderr).toBe(0)
  rtpengine = await startRtpengine()
  citizen = await startBaresip()
  trunkPort = await freePort()
  kamailio = await startQueueKamailio(
    fixture,
    { KCC_TRUNK_PORT: trunkPort },
    {
      defines: [
        'WITH_TRUNK',
        'KCC_QUEUE_ANNOUNCE',
        'KCC_TRUNK_IP=127.0.0.1',
        'KCC_TRUNK_CARRIER="127.0.0.1"',
        `KCC_TRUNK_PEER="127.0.0.1:${citizen.sipPort}"`,
        `KCC_RTPENGINE="${rtpengine.control}"`,
        'KCC_RTP_FROM_TRUNK="direction=trunk direction=agents"',
        'KCC_RTP_TO_TRUNK="direction=agents direction=trunk"',
      ],
      prepareDb: (db) => writeNumbersTable(db, { [NUMBER]: GROUP }),
    },
  )
  const agent = async (user: string): Promise<RtpAgent> => {
    const a = await rtpAgent({
      url: kamailio.sip.url,
      domain: fixture.domain,
      user,
      ...fixture.credentials[user]!,
      hz: TRUNK_TONE.agent,
    })
    await a.register()
    return a
  }
  agent1 = await agent('agent1')
  agent2 = await agent('agent2')
})

afterAll(async () => {
  await adapter?.close()
  await agent1?.stop()
  await agent2?.stop()
  await citizen?.close()
  await kamailio?.sip.close()
  await rtpengine?.close()
  rmSync(prompts, { recursive: true, force: true })
})

describe('Kamailio queue announcements over the trunk', () => {
  it('plays a waiting citizen their place in the queue and music, and connects the agent who answers after another declined', async () => {
    const queue = new TestQueue(GROUP)
    adapter = startKamailioQueue({
      evapi: { host: '127.0.0.1', port: kamailio.evapiPort },
      queue,
      logger,
      firstRetryMs: 50,
      maxRetryMs: 200,
      announcements: { rtpengine: rtpengine.control, prompts },
      // Keepalives as often as the test can afford: they must not interrupt what the caller hears.
      keepaliveMs: 1500,
    })
    await waitUntil(() => adapter!.connected, 'the adapter connects to Kamailio evapi')

    await citizen.command(`/dial sip:${NUMBER}@127.0.0.1:${trunkPort}`)
    const line = await queue.next(15_000)
    await citizen.waitFor(/183 Session Progress/)

    // The prompt (about 5.7 s) and then a few notes of the music reach the citizen's phone.
    let waited: Float64Array = new Float64Array()
    await waitUntil(
      () => {
        try {
          waited = readWav(citizen.received()).samples
        } catch {
          return false
        }
        return musicStart(waited) !== undefined
      },
      'music in the citizen phone recording',
      30_000,
    )
    const firstMusic = musicStart(waited)! * WINDOW
    // Before the music: speech, seconds of it (the prompt).
    const speech = loudWindows(waited.subarray(0, firstMusic))
    expect(speech.length, 'tenths of a second of speech before the music').toBeGreaterThan(20)
    expect(firstMusic / SECOND, 'the music starts after the prompt').toBeGreaterThan(4)

    // The first agent declines: the offer made when the call entered the queue serves the next one,
    // and the music goes on meanwhile.
    const declined = line.ring('agent2', 20)
    await (await agent2.nextInvitation()).reject({ statusCode: 486 })
    expect(await declined).toBe('declined')
    // The agent's 180 (another early dialog, no SDP) made the phone switch to its own ringback;
    // Kamailio's second 183 brings the music back (baresip records it in a new file).
    const before = { file: citizen.received(-1), length: waited.length }
    await waitUntil(() => {
      const file = citizen.received(-1)
      const samples = readWav(file).samples
      return musicWindows(samples.subarray(file === before.file ? before.length : 0)).length >= 4
    }, 'music after the first agent declined')

    const waitingFile = citizen.received(-1)
    const answered = line.ring('agent1', 20)
    const invitation = await agent1.nextInvitation()
    await invitation.accept()
    expect(await answered).toBe('answered')
    await citizen.waitFor(/Call established/)

    const endpoint = agent1.endpoints.at(-1)!
    await waitUntil(() => endpoint.samples.length >= 2 * SECOND, 'two seconds of audio at the agent')
    expect(toneRatio(endpoint.samples.slice(-SECOND), TRUNK_TONE.citizen, SECOND)).toBeGreaterThan(100)
    // The agent's 200 (another To tag than the queue's 183) gives the citizen's phone new media:
    // baresip records it in a second file, which holds the agent's tone and no more music.
    let talk: Float64Array = new Float64Array()
    await waitUntil(() => {
      try {
        talk = readWav(citizen.received(-1)).samples
      } catch {
        return false
      }
      return citizen.received(-1) !== waitingFile && talk.length >= 2 * SECOND
    }, 'the citizen phone recording the agent')
    expect(toneRatio(talk.slice(SECOND, 2 * SECOND), TRUNK_TONE.agent, SECOND)).toBeGreaterThan(100)
    // (The notes near the agent's 1000 Hz would find the agent's tone.)
    expect(
      musicWindows(
        talk.slice(SECOND),
        NOTES.filter((hz) => hz < 900),
      ),
    ).toEqual([])

    await citizen.command('/hangup')
    await waitUntil(() => invitation.state === 'Terminated', 'the agent’s session ends')
  }, 90_000)
})
