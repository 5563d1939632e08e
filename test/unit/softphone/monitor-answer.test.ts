import { SessionState, type Invitation } from 'sip.js'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MonitorMode } from '../../../shared/live/protocol'
import type { AudioOutput } from '../../../renderer/src/softphone/media/audio-output'
import { microphoneConstraints } from '../../../renderer/src/softphone/media/devices'
import { MONITOR_EXPECT_WAIT_MS, MonitorAnswer } from '../../../renderer/src/softphone/monitor/monitor-answer'
import { SnapshotStore } from '../../../renderer/src/softphone/snapshot-store'
import { FakeSender, FakeTrack, FakeWebMedia, recordingLogger, type LogEntry } from './fakes'

const ID = '0f8e2c5a-3b1d-4c6e-9a7f-2d4b6c8e0a1f'
const OTHER_ID = '7d2b9e41-5c3a-4f8e-8b1d-6a0c2e4f9b37'

/**
 * An incoming INVITE as MonitorAnswer uses it (sip.js' Invitation has no public constructor): its
 * headers, Call-ID, accept/reject/bye as spies, and a state it moves through with {@link to}.
 */
class FakeInvitation {
  state: SessionState = SessionState.Initial
  readonly media = new FakeWebMedia()
  readonly sessionDescriptionHandler = this.media
  readonly accept = vi.fn((_options?: unknown) => Promise.resolve())
  readonly reject = vi.fn((_options?: { statusCode?: number }) => Promise.resolve())
  readonly bye = vi.fn(() => Promise.resolve())
  readonly request: { readonly callId: string; getHeader(name: string): string | undefined }
  private readonly listeners = new Set<(state: SessionState) => void>()
  readonly stateChange = {
    addListener: (listener: (state: SessionState) => void) => {
      this.listeners.add(listener)
    },
  }

  constructor(headers: Readonly<Record<string, string>>, callId = 'monitor-1@agent.kcc.local') {
    const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
    this.request = { callId, getHeader: (name) => lower.get(name.toLowerCase()) }
    // The microphone sip.js opened for the answer.
    this.media.sender = new FakeSender(new FakeTrack('mic-0'))
  }

  to(state: SessionState): void {
    this.state = state
    for (const listener of this.listeners) {
      listener(state)
    }
  }

  get asInvitation(): Invitation {
    return this as unknown as Invitation
  }

  /** The status codes it was rejected with. */
  get rejections(): Array<number | undefined> {
    return this.reject.mock.calls.map(([options]) => options?.statusCode)
  }
}

const monitorInvite = (id: string = ID, callId?: string) =>
  new FakeInvitation({ 'X-KCC-Monitor': id }, callId)

function fakeOutput() {
  return {
    play: vi.fn((_stream: MediaStream) => undefined),
    stop: vi.fn(() => undefined),
    setSinkId: vi.fn((_speakerId: string | undefined) => Promise.resolve()),
  } satisfies AudioOutput
}

let state: SnapshotStore
let entries: LogEntry[]
let outputs: Array<ReturnType<typeof fakeOutput>>
let answer: MonitorAnswer

beforeEach(() => {
  const logger = recordingLogger()
  entries = logger.entries
  state = new SnapshotStore(logger.log, () => 0)
  outputs = []
  answer = new MonitorAnswer({
    log: logger.log,
    state,
    newOutput: () => {
      const output = fakeOutput()
      outputs.push(output)
      return output
    },
  })
})
afterEach(() => {
  vi.useRealTimers()
})

/** Lets the promise callbacks queued so far run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('MonitorAnswer, the supervisor answering monitor calls it asked for', () => {
  it('leaves an INVITE without X-KCC-Monitor alone (the customer-call path takes it)', () => {
    const invitation = new FakeInvitation({ From: '<sip:0612345678@pbx>' })
    answer.expect(ID, 'listen')
    expect(answer.onInvite(invitation.asInvitation)).toBe(false)
    expect(invitation.accept).not.toHaveBeenCalled()
    expect(invitation.reject).not.toHaveBeenCalled()
    expect(state.get().monitor).toBeNull()
  })

  it.each([
    ['an upper-case id', ID.toUpperCase()],
    ['an injected header', `${ID}\r\nX-Evil: 1`],
    ['an empty value', ''],
    ['not a uuid', 'monitor-1'],
  ])('refuses a monitor INVITE with %s with 400, at once and without ringing', (_name, value) => {
    answer.expect(ID, 'listen')
    const invitation = monitorInvite(value)
    expect(answer.onInvite(invitation.asInvitation)).toBe(true)
    expect(invitation.rejections).toEqual([400])
    expect(invitation.accept).not.toHaveBeenCalled()
    expect(state.get().monitor).toBeNull()
    expect(entries.map((e) => e.message)).toContain('monitor INVITE with a malformed session id refused')
  })

  it('answers a monitor INVITE for an expected id at once, connecting as the monitoring side', () => {
    answer.expect(ID, 'listen')
    const invitation = monitorInvite(ID, 'mon-7@agent')
    expect(answer.onInvite(invitation.asInvitation)).toBe(true)
    expect(invitation.accept).toHaveBeenCalledTimes(1)
    expect(invitation.accept).toHaveBeenCalledWith({
      sessionDescriptionHandlerOptions: { constraints: microphoneConstraints(undefined) },
    })
    expect(invitation.reject).not.toHaveBeenCalled()
    expect(state.get().monitor).toEqual({
      id: ID,
      role: 'monitoring',
      mode: 'listen',
      state: 'connecting',
      sipCallId: 'mon-7@agent',
    })
    expect(answer.session).toBe(invitation.asInvitation)
  })

  it('answers with the microphone the supervisor chose', () => {
    state.devices({ microphoneId: 'mic-headset' })
    answer.expect(ID, 'whisper')
    const invitation = monitorInvite()
    answer.onInvite(invitation.asInvitation)
    expect(invitation.accept).toHaveBeenCalledWith({
      sessionDescriptionHandlerOptions: { constraints: microphoneConstraints('mic-headset') },
    })
  })

  it('plays the monitored call once established, on the chosen speaker', () => {
    state.devices({ speakerId: 'spk-2' })
    answer.expect(ID, 'listen')
    const invitation = monitorInvite()
    answer.onInvite(invitation.asInvitation)
    expect(outputs).toHaveLength(0)

    invitation.to(SessionState.Established)

    expect(state.get().monitor?.state).toBe('active')
    expect(outputs).toHaveLength(1)
    expect(outputs[0]?.play).toHaveBeenCalledWith(invitation.media.remoteMediaStream)
    expect(outputs[0]?.setSinkId).toHaveBeenCalledWith('spk-2')
  })

  it.each<[MonitorMode, boolean]>([
    ['listen', false],
    ['whisper', true],
    ['barge', true],
  ])('in %s mode sends the supervisor’s microphone: %s', (mode, sends) => {
    answer.expect(ID, mode)
    const invitation = monitorInvite()
    const enable = vi.spyOn(invitation.media, 'enableSenderTracks')
    answer.onInvite(invitation.asInvitation)
    invitation.to(SessionState.Established)
    expect(enable).toHaveBeenCalledTimes(1)
    expect(enable).toHaveBeenCalledWith(sends)
    expect(invitation.media.sender?.track?.enabled).toBe(sends)
    expect(state.get().monitor?.mode).toBe(mode)
  })

  it('answers an INVITE that overtook the gateway’s answer once the id is expected within the wait', () => {
    vi.useFakeTimers()
    const invitation = monitorInvite()
    expect(answer.onInvite(invitation.asInvitation)).toBe(true)
    vi.advanceTimersByTime(MONITOR_EXPECT_WAIT_MS - 1)
    expect(invitation.accept).not.toHaveBeenCalled()
    expect(invitation.reject).not.toHaveBeenCalled()
    expect(state.get().monitor).toBeNull()

    answer.expect(ID, 'barge')

    expect(invitation.accept).toHaveBeenCalledTimes(1)
    expect(state.get().monitor).toMatchObject({ id: ID, role: 'monitoring', mode: 'barge' })
    // The wait is over: nothing refuses it later.
    vi.advanceTimersByTime(MONITOR_EXPECT_WAIT_MS)
    expect(invitation.reject).not.toHaveBeenCalled()
  })

  it('refuses with 403 an INVITE whose id is not expected within the wait', () => {
    vi.useFakeTimers()
    const invitation = monitorInvite()
    answer.onInvite(invitation.asInvitation)
    vi.advanceTimersByTime(MONITOR_EXPECT_WAIT_MS)

    expect(invitation.rejections).toEqual([403])
    expect(invitation.accept).not.toHaveBeenCalled()
    expect(entries.map((e) => e.message)).toContain(
      'monitor INVITE for a session this app did not start refused',
    )
    // An expect() after the refusal does not answer the refused INVITE.
    answer.expect(ID, 'listen')
    expect(invitation.accept).not.toHaveBeenCalled()
    expect(state.get().monitor).toBeNull()
  })

  it('refuses with 403 a second INVITE for an id already waiting, and keeps the first waiting', () => {
    vi.useFakeTimers()
    const first = monitorInvite(ID, 'a@agent')
    const second = monitorInvite(ID, 'b@agent')
    answer.onInvite(first.asInvitation)
    answer.onInvite(second.asInvitation)
    expect(second.rejections).toEqual([403])

    answer.expect(ID, 'listen')
    expect(first.accept).toHaveBeenCalledTimes(1)
    expect(state.get().monitor?.sipCallId).toBe('a@agent')
  })

  it('refuses with 486 a monitor INVITE while another monitor call is up', () => {
    answer.expect(ID, 'listen')
    answer.expect(OTHER_ID, 'whisper')
    const first = monitorInvite(ID, 'a@agent')
    answer.onInvite(first.asInvitation)
    first.to(SessionState.Established)

    const second = monitorInvite(OTHER_ID, 'b@agent')
    expect(answer.onInvite(second.asInvitation)).toBe(true)

    expect(second.rejections).toEqual([486])
    expect(second.accept).not.toHaveBeenCalled()
    expect(state.get().monitor).toMatchObject({ id: ID, state: 'active', sipCallId: 'a@agent' })
    expect(answer.session).toBe(first.asInvitation)
  })

  it('refuses with 486 while the first monitor call is still being answered', () => {
    answer.expect(ID, 'listen')
    answer.expect(OTHER_ID, 'listen')
    answer.onInvite(monitorInvite(ID).asInvitation)
    const second = monitorInvite(OTHER_ID)
    answer.onInvite(second.asInvitation)
    expect(second.rejections).toEqual([486])
  })

  it('ends the monitor call and forgets it when it is over: ended, audio stopped', () => {
    answer.expect(ID, 'whisper')
    const invitation = monitorInvite()
    answer.onInvite(invitation.asInvitation)
    invitation.to(SessionState.Established)

    invitation.to(SessionState.Terminated)

    expect(state.get().monitor).toMatchObject({ id: ID, state: 'ended' })
    expect(outputs[0]?.stop).toHaveBeenCalledTimes(1)
    expect(answer.session).toBeUndefined()
  })

  it('takes the next monitor call once the last one is over', () => {
    answer.expect(ID, 'listen')
    const first = monitorInvite(ID)
    answer.onInvite(first.asInvitation)
    first.to(SessionState.Terminated)

    answer.expect(OTHER_ID, 'barge')
    const next = monitorInvite(OTHER_ID, 'next@agent')
    answer.onInvite(next.asInvitation)

    expect(next.accept).toHaveBeenCalledTimes(1)
    expect(state.get().monitor).toMatchObject({ id: OTHER_ID, state: 'connecting', mode: 'barge' })
  })

  it('answers no second call for a session whose monitor call is over', () => {
    vi.useFakeTimers()
    answer.expect(ID, 'listen')
    const first = monitorInvite(ID)
    answer.onInvite(first.asInvitation)
    first.to(SessionState.Terminated)

    const again = monitorInvite(ID)
    answer.onInvite(again.asInvitation)
    vi.advanceTimersByTime(MONITOR_EXPECT_WAIT_MS)

    expect(again.accept).not.toHaveBeenCalled()
    expect(again.rejections).toEqual([403])
  })

  it('stop(id) hangs up the established monitor call of that session', async () => {
    answer.expect(ID, 'listen')
    const invitation = monitorInvite()
    answer.onInvite(invitation.asInvitation)
    invitation.to(SessionState.Established)

    await answer.stop(ID)

    expect(invitation.bye).toHaveBeenCalledTimes(1)
  })

  it('stop(id) leaves the monitor call of another session alone', async () => {
    answer.expect(ID, 'listen')
    const invitation = monitorInvite()
    answer.onInvite(invitation.asInvitation)
    invitation.to(SessionState.Established)

    await answer.stop(OTHER_ID)

    expect(invitation.bye).not.toHaveBeenCalled()
    expect(answer.session).toBe(invitation.asInvitation)
  })

  it('stop(id) before the monitor call arrives means it is not answered', () => {
    vi.useFakeTimers()
    answer.expect(ID, 'listen')
    void answer.stop(ID)
    const invitation = monitorInvite()
    answer.onInvite(invitation.asInvitation)
    vi.advanceTimersByTime(MONITOR_EXPECT_WAIT_MS)
    expect(invitation.accept).not.toHaveBeenCalled()
    expect(invitation.rejections).toEqual([403])
  })

  it('logs a failing hang-up instead of rejecting', async () => {
    answer.expect(ID, 'listen')
    const invitation = monitorInvite()
    invitation.bye.mockRejectedValueOnce(new Error('transport gone'))
    answer.onInvite(invitation.asInvitation)
    invitation.to(SessionState.Established)

    await expect(answer.stop(ID)).resolves.toBeUndefined()

    expect(entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'ending the monitor call failed',
        fields: { error: 'Error: transport gone' },
      }),
    )
  })

  it('logs a failing answer instead of throwing', async () => {
    answer.expect(ID, 'listen')
    const invitation = monitorInvite()
    invitation.accept.mockRejectedValueOnce(new Error('no microphone'))
    expect(answer.onInvite(invitation.asInvitation)).toBe(true)
    await settle()
    expect(entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'answering the monitor call failed' }),
    )
  })

  it('frees the phone for the next monitor call when an answer fails', async () => {
    answer.expect(ID, 'listen')
    const failing = monitorInvite()
    failing.accept.mockRejectedValueOnce(new Error('no microphone'))
    answer.onInvite(failing.asInvitation)
    await settle()
    expect(state.get().monitor?.state).toBe('ended')

    answer.expect(OTHER_ID, 'listen')
    const next = monitorInvite(OTHER_ID, 'monitor-2@agent.kcc.local')
    answer.onInvite(next.asInvitation)
    expect(next.rejections).toEqual([])
    expect(next.accept).toHaveBeenCalledOnce()
  })

  it('forgets a waiting INVITE the agent’s app cancelled, and answers the next one for that id', () => {
    vi.useFakeTimers()
    const cancelled = monitorInvite()
    answer.onInvite(cancelled.asInvitation)
    cancelled.to(SessionState.Terminated)
    answer.expect(ID, 'whisper')
    expect(cancelled.accept).not.toHaveBeenCalled()
    expect(state.get().monitor).toBeNull()

    const next = monitorInvite(ID, 'monitor-2@agent.kcc.local')
    answer.onInvite(next.asInvitation)
    expect(next.accept).toHaveBeenCalledOnce()
    vi.advanceTimersByTime(MONITOR_EXPECT_WAIT_MS * 2)
    expect(next.rejections).toEqual([])
    vi.useRealTimers()
  })
})
