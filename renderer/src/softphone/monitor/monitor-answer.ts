import { SessionState, type Invitation, type Session } from 'sip.js'
import type { MonitorMode } from '../../../../shared/live/protocol'
import { monitorHeaderOf } from '../../../../shared/sip/monitor-header'
import type { Logger } from '../../log'
import type { AudioOutput } from '../media/audio-output'
import { webMedia } from '../media/call-media'
import { microphoneConstraints } from '../media/devices'
import { missingCaseError } from '../../lib/missing-case'
import { endSession } from '../call/session-requests'
import type { SnapshotStore } from '../snapshot-store'

export interface MonitorAnswerHost {
  readonly log: Logger
  readonly state: SnapshotStore
  /** A fresh output for the monitored call's audio; undefined where there is no DOM. */
  newOutput(): AudioOutput | undefined
}

/**
 * How long a monitor INVITE waits for the id to be expected. The gateway tells the agent's app
 * (live socket) before it answers the supervisor's POST, so the INVITE may overtake that answer.
 */
export const MONITOR_EXPECT_WAIT_MS = 5_000

interface Waiting {
  invitation: Invitation
  timer: ReturnType<typeof setTimeout>
}

/**
 * The supervisor's side of monitoring (docs/supervisor.md): the monitor call from the agent's app
 * is answered without ringing, but only when it names a session this app started (`expect`, with
 * the id from the gateway's answer). A monitor INVITE for any other id gets 403, one with a
 * malformed `X-KCC-Monitor` 400 (RFC 3261 §21.4.1, §21.4.4); neither ever rings. In listen mode the
 * supervisor's microphone is not sent at all.
 */
export class MonitorAnswer {
  private readonly expected = new Map<string, MonitorMode>()
  private readonly waiting = new Map<string, Waiting>()
  private current: { id: string; invitation: Invitation; output: AudioOutput | undefined } | undefined

  constructor(
    private readonly host: MonitorAnswerHost,
    private readonly waitMs = MONITOR_EXPECT_WAIT_MS,
  ) {}

  get session(): Session | undefined {
    return this.current?.invitation
  }

  /** Whether `invitation` is a monitor call (then it is handled here: answered or refused). */
  onInvite(invitation: Invitation): boolean {
    const header = monitorHeaderOf((name) => invitation.request.getHeader(name))
    switch (header.kind) {
      case 'none':
        return false
      case 'invalid':
        this.host.log.warn('monitor INVITE with a malformed session id refused')
        void invitation.reject({ statusCode: 400 }).catch(() => undefined)
        return true
      case 'valid': {
        const mode = this.expected.get(header.id)
        if (mode) {
          this.answer(header.id, mode, invitation)
        } else if (!this.waiting.has(header.id)) {
          const timer = setTimeout(() => this.refuse(header.id), this.waitMs)
          this.waiting.set(header.id, { invitation, timer })
          // The agent's app may give up meanwhile (CANCEL: its customer hung up); then nothing waits.
          invitation.stateChange.addListener((sessionState) => {
            if (
              sessionState === SessionState.Terminated &&
              this.waiting.get(header.id)?.invitation === invitation
            ) {
              clearTimeout(timer)
              this.waiting.delete(header.id)
            }
          })
        } else {
          void invitation.reject({ statusCode: 403 }).catch(() => undefined)
        }
        return true
      }
      default:
        throw missingCaseError(header)
    }
  }

  /** The gateway started session `id` for this supervisor: its monitor call will be answered. */
  expect(id: string, mode: MonitorMode): void {
    this.expected.set(id, mode)
    const waiting = this.waiting.get(id)
    if (waiting) {
      clearTimeout(waiting.timer)
      this.waiting.delete(id)
      this.answer(id, mode, waiting.invitation)
    }
  }

  /** Hangs up the monitor call of session `id` and answers no more calls for it. */
  async stop(id: string): Promise<void> {
    this.expected.delete(id)
    const current = this.current
    if (current?.id === id) {
      await endSession(current.invitation).catch((error: unknown) =>
        this.host.log.warn({ error: String(error) }, 'ending the monitor call failed'),
      )
    }
  }

  private refuse(id: string): void {
    const waiting = this.waiting.get(id)
    this.waiting.delete(id)
    if (waiting) {
      this.host.log.warn('monitor INVITE for a session this app did not start refused')
      void waiting.invitation.reject({ statusCode: 403 }).catch(() => undefined)
    }
  }

  private answer(id: string, mode: MonitorMode, invitation: Invitation): void {
    const { state, log } = this.host
    if (invitation.state === SessionState.Terminated) {
      return
    }
    if (this.current) {
      // One monitored call at a time: the supervisor has one pair of ears.
      void invitation.reject({ statusCode: 486 }).catch(() => undefined)
      return
    }
    const entry = { id, invitation, output: undefined as AudioOutput | undefined }
    this.current = entry
    state.newMonitor({ id, role: 'monitoring', mode, sipCallId: invitation.request.callId })
    invitation.stateChange.addListener((sessionState) => {
      if (sessionState === SessionState.Established) {
        state.monitorEvent(id, 'established')
        const media = webMedia(invitation.sessionDescriptionHandler)
        if (media) {
          // Listen: the agent's app drops what we send anyway; not sending it keeps the room private.
          media.enableSenderTracks(mode !== 'listen')
          entry.output = this.host.newOutput()
          entry.output?.play(media.remoteMediaStream)
          void entry.output?.setSinkId(state.get().devices.speakerId).catch(() => undefined)
        }
      } else if (sessionState === SessionState.Terminated) {
        entry.output?.stop()
        if (this.current === entry) {
          this.current = undefined
        }
        this.expected.delete(id)
        state.monitorEvent(id, 'end')
      }
    })
    invitation
      .accept({
        sessionDescriptionHandlerOptions: {
          constraints: microphoneConstraints(state.get().devices.microphoneId),
        },
      })
      .catch((error: unknown) => {
        log.warn({ error: String(error) }, 'answering the monitor call failed')
        // Not answered and never will be: free the phone for the next one.
        if (this.current === entry && invitation.state !== SessionState.Established) {
          this.current = undefined
          state.monitorEvent(id, 'end')
        }
      })
  }
}
