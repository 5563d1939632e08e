/**
 * The WebAudio graph of a monitored call, in the monitored agent's app (docs/supervisor.md): both
 * legs of the customer's call meet here, so no conference bridge is needed.
 *
 * - towards the supervisor: the customer's voice and the agent's microphone, mixed;
 * - towards the customer during a barge: the agent's microphone and the supervisor, mixed (in
 *   listen and whisper the customer's sender keeps the plain microphone track, so the supervisor
 *   never reaches the customer).
 *
 * `MediaStreamAudioSourceNode`s feed `MediaStreamAudioDestinationNode`s (Web Audio API §1.21,
 * §1.23); the destination's track is what `RTCRtpSender.replaceTrack` sends.
 */

/** The members of `AudioContext` used here, so a unit test can count what gets connected. */
export interface MixContext {
  createMediaStreamSource(stream: MediaStream): AudioNode
  createMediaStreamDestination(): { readonly stream: MediaStream } & AudioNode
  resume(): Promise<void>
  close(): Promise<void>
}

export class MonitorMix {
  private readonly sources: AudioNode[] = []
  private bargeDestination: ({ readonly stream: MediaStream } & AudioNode) | undefined

  /** The mixed customer + agent track for the monitor call. */
  readonly toSupervisor: MediaStreamTrack

  constructor(
    private readonly context: MixContext,
    customer: MediaStream,
    private readonly microphone: MediaStreamTrack,
  ) {
    const destination = context.createMediaStreamDestination()
    this.connect(customer, destination)
    this.connect(new MediaStream([microphone]), destination)
    const track = destination.stream.getAudioTracks()[0]
    if (!track) {
      throw new Error('the monitor mix has no audio track')
    }
    this.toSupervisor = track
    // A context made outside a user gesture may start suspended (autoplay policy); the agent has
    // interacted with the page (answered the call), so this resumes it.
    void context.resume().catch(() => undefined)
  }

  /** Barge: the track for the customer's sender, the agent's microphone with the supervisor mixed in. */
  bargeTrack(supervisor: MediaStream): MediaStreamTrack {
    const destination = this.context.createMediaStreamDestination()
    this.connect(new MediaStream([this.microphone]), destination)
    this.connect(supervisor, destination)
    this.bargeDestination = destination
    const track = destination.stream.getAudioTracks()[0]
    if (!track) {
      throw new Error('the barge mix has no audio track')
    }
    return track
  }

  /** Takes the graph down; the microphone track itself stays (the customer's call still uses it). */
  close(): void {
    for (const node of this.sources.splice(0)) {
      node.disconnect()
    }
    for (const track of this.bargeDestination?.stream.getTracks() ?? []) {
      track.stop()
    }
    this.toSupervisor.stop()
    void this.context.close().catch(() => undefined)
  }

  private connect(stream: MediaStream, destination: AudioNode): void {
    const source = this.context.createMediaStreamSource(stream)
    source.connect(destination)
    this.sources.push(source)
  }
}
