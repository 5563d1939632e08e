import { describe, expect, it } from 'vitest'
import { promptFor, QueueAnnouncer } from '../../../../server/gateway/queue/kamailio/announcer'
import { InvalidEventError, parseKamailioEvent } from '../../../../server/gateway/queue/kamailio/messages'
import {
  bdecode,
  bencode,
  type NgClient,
  type NgValue,
} from '../../../../server/gateway/queue/kamailio/rtpengine-ng'
import { createRootLogger } from '../../../../server/lib/logger'

const logger = createRootLogger({ level: 'silent' })
const queued = {
  event: 'queued',
  callid: 'a84b4c76e66710@pc33.example.nl',
  group: 'vergunningen',
  caller: '+31612345678',
  queuedAt: '1765050000.123456',
}
const ANSWER =
  'v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 30000 RTP/AVP 8\r\n'

/** rtpengine as the announcer sees it: records each command and answers like rtpengine 10.5. */
class FakeRtpengine implements NgClient {
  readonly commands: Array<Record<string, NgValue>> = []
  answerSdp: string | undefined = ANSWER

  request(command: Record<string, NgValue>): Promise<Record<string, NgValue>> {
    this.commands.push(command)
    if (command['command'] === 'answer') {
      return this.answerSdp === undefined
        ? Promise.reject(new Error('Unknown call-id'))
        : Promise.resolve({ result: 'ok', sdp: this.answerSdp })
    }
    if (command['command'] === 'play media') {
      return Promise.resolve({ result: 'ok', duration: 30 })
    }
    return Promise.resolve({ result: 'ok' })
  }

  played(): string[] {
    return this.commands
      .filter((c) => c['command'] === 'play media')
      .map((c) => String(c['file']).split('/').at(-1)!)
  }
}

/** Waits (generously) until rtpengine has been asked to play `count` files. */
async function playedCount(rtpengine: FakeRtpengine, count: number): Promise<void> {
  for (let i = 0; i < 500 && rtpengine.played().length < count; i++) {
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('announcements while waiting: the evapi messages', () => {
  it("reads a carrier call's From tag from its queued event", () => {
    expect(parseKamailioEvent(JSON.stringify({ ...queued, tag: '4fa9-x.1' }))).toMatchObject({
      tag: '4fa9-x.1',
    })
    expect(parseKamailioEvent(JSON.stringify(queued))).not.toHaveProperty('tag')
  })

  it('refuses a tag that is no SIP token, and a tag on a requeue', () => {
    for (const tag of ['', 'a b', 'x\r\ny', 12, 'x'.repeat(129)]) {
      expect(() => parseKamailioEvent(JSON.stringify({ ...queued, tag }))).toThrow(InvalidEventError)
    }
    expect(() =>
      parseKamailioEvent(JSON.stringify({ ...queued, event: 'requeue', ringing: false, tag: 'a' })),
    ).toThrow(InvalidEventError)
  })

  it('reads a refused progress action', () => {
    expect(
      parseKamailioEvent('{"event":"resume-failed","callid":"x1","action":"progress","why":"ringing"}'),
    ).toEqual({ event: 'resume-failed', callId: 'x1', action: 'progress', why: 'ringing' })
  })
})

describe('announcements while waiting: the ng protocol', () => {
  it('bencodes dictionaries with sorted keys and decodes what it encodes', () => {
    const command = { command: 'play media', 'call-id': 'c1', 'repeat-times': 3, flags: ['a', 'b'] }
    const encoded = bencode(command)
    expect(encoded).toBe('d7:call-id2:c17:command10:play media5:flagsl1:a1:be12:repeat-timesi3ee')
    expect(bdecode(Buffer.from(encoded)).value).toEqual(command)
  })
})

describe('announcements while waiting: what the caller hears', () => {
  it('names each position up to nine and the rest together', () => {
    expect([1, 2, 9, 10, 42].map(promptFor)).toEqual([
      'positie-1.wav',
      'positie-2.wav',
      'positie-9.wav',
      'positie-meer.wav',
      'positie-meer.wav',
    ])
  })

  it("answers the caller's offer for the queue, sends that answer for the 183 and plays the position, then music", async () => {
    const rtpengine = new FakeRtpengine()
    const announcer = new QueueAnnouncer(
      { rtpengine: 'udp:127.0.0.1:2223', prompts: '/p' },
      logger,
      rtpengine,
    )
    const progress: string[] = []
    await announcer.start('c1', 'tag1', 2, (sdp) => progress.push(sdp) > 0)
    expect(progress).toEqual([ANSWER])
    expect(rtpengine.commands[0]).toMatchObject({ command: 'answer', 'call-id': 'c1', 'from-tag': 'tag1' })
    await playedCount(rtpengine, 2)
    expect(rtpengine.played()).toEqual(['positie-2.wav', 'muziek.wav'])
    expect(rtpengine.commands.at(-1)).toMatchObject({
      'call-id': 'c1',
      'from-tag': 'tag1',
      file: '/p/muziek.wav',
    })
    announcer.close()
  })

  it('plays the new position when the caller moves up, and nothing after the call left', async () => {
    const rtpengine = new FakeRtpengine()
    const announcer = new QueueAnnouncer(
      { rtpengine: 'udp:127.0.0.1:2223', prompts: '/p' },
      logger,
      rtpengine,
    )
    await announcer.start('c1', 'tag1', 3, () => true)
    await announcer.position('c1', 3)
    await announcer.position('c1', 1)
    await playedCount(rtpengine, 3)
    expect(rtpengine.played()).toEqual(['positie-3.wav', 'positie-1.wav', 'muziek.wav'])
    announcer.stop('c1')
    await announcer.position('c1', 2)
    expect(rtpengine.played()).toHaveLength(3)
  })

  it('plays nothing when rtpengine cannot answer or the 183 cannot be sent', async () => {
    const rtpengine = new FakeRtpengine()
    const announcer = new QueueAnnouncer(
      { rtpengine: 'udp:127.0.0.1:2223', prompts: '/p' },
      logger,
      rtpengine,
    )
    rtpengine.answerSdp = undefined
    await announcer.start('c1', 'tag1', 1, () => true)
    await announcer.start('c2', 'tag2', 1, () => false)
    rtpengine.answerSdp = 'not sdp'
    await announcer.start('c3', 'tag3', 1, () => true)
    // start() awaits the prompt it plays; the music only ever follows a prompt.
    expect(rtpengine.played()).toEqual([])
  })
})
