import type { Machine } from './machine'
import type { MediaLoss } from './queue-media'
import { percentile } from './stats'
import { table } from './report'

/** The queue benchmark's figures and the docs/benchmarks.md section that shows them. */
export interface QueueResults {
  machine: Machine
  uptimeBefore: string
  uptimeAfter: string
  startedAt: Date
  agents: number
  callers: number
  arrivalSeconds: number
  holdMs: number
  wallSeconds: number
  /** Agent's `beschikbaar` sent → the INVITE of a waiting caller at that agent's phone, ms. */
  routing: number[]
  /** Trunk INVITE sent by SIPp → the INVITE at the agent's phone, for callers who found a free agent, ms. */
  setup: number[]
  answered: number
  rejected480: number
  otherFinal: Record<string, number>
  noFinal: number
  terugbelverzoeken: number
  lost: number
  offeredTwice: number
  busyInvites: number
  queueLeft: Record<string, number>
  cpuSeconds: Record<string, number>
  media: MediaLoss
  errors: string[]
}

const ms = (values: number[], p: number): string =>
  values.length ? `${percentile(values, p).toFixed(1)} ms` : 'n/a'

export function figuresTable(r: QueueResults): string {
  const cpu = (name: string): string => {
    const seconds = r.cpuSeconds[name]
    return seconds === undefined
      ? 'not measured'
      : `${seconds.toFixed(1)} s CPU (${((100 * seconds) / r.wallSeconds).toFixed(1)} % of one core)`
  }
  return table(
    ['figure', 'result', 'target'],
    [
      [`routing decision, p50 (n = ${r.routing.length})`, ms(r.routing, 50), ''],
      [`routing decision, p95 (n = ${r.routing.length})`, ms(r.routing, 95), '≤ 20 ms'],
      [`call set-up through rtpengine, p50 (n = ${r.setup.length})`, ms(r.setup, 50), ''],
      [`call set-up through rtpengine, p95 (n = ${r.setup.length})`, ms(r.setup, 95), ''],
      ['callers answered by an agent', `${r.answered} of ${r.callers}`, ''],
      ['callers answered 480 (queue gave up)', String(r.rejected480), ''],
      ['terugbelverzoeken registered', String(r.terugbelverzoeken), ''],
      ['calls lost (neither answered nor a terugbelverzoek)', String(r.lost), '0'],
      ['calls offered to two agents at once', String(r.offeredTwice), '0'],
      ['INVITEs to an agent who was not Beschikbaar', String(r.busyInvites), '0'],
      ['Kamailio (all processes)', cpu('kamailio'), ''],
      ['rtpengine', cpu('rtpengine'), ''],
      ['gateway', cpu('gateway'), ''],
      ['SIPp', cpu('sipp'), ''],
      ['the 50 agents (benchmark process)', cpu('agents'), ''],
      [
        `media packet loss, trunk → agent, all calls (n = ${r.media.calls})`,
        r.media.receivedFromTrunk
          ? `${(100 * (1 - r.media.deliveredToAgents / r.media.receivedFromTrunk)).toFixed(2)} % (${r.media.deliveredToAgents} of ${r.media.receivedFromTrunk} packets)`
          : 'not measured (rtpengine logged no packets)',
        '',
      ],
      [
        'media packet loss, worst call',
        r.media.perCall.length ? `${(100 * Math.max(...r.media.perCall)).toFixed(2)} %` : 'n/a',
        '',
      ],
    ],
  )
}

export function docsSection(r: QueueResults): string {
  const m = r.machine
  const outcomes = Object.entries(r.queueLeft)
    .map(([outcome, n]) => `${outcome} ${n}`)
    .join(', ')
  const other = Object.entries(r.otherFinal)
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ')
  return `## Call queue: \`npm run bench:queue\`

Everything real on loopback: rtpengine (userspace, \`--table=-1\`), Kamailio 5.6 with
deploy/kamailio/kamailio.cfg \`-A WITH_TRUNK -A KCC_QUEUE\`, the gateway (\`npm run server\`'s
startKccServer in its own process, SQLite in a temporary directory, the embedded provider, the queue
over Kamailio's evapi socket). ${r.agents} agents in the afdeling KCC, each logged in through the
gateway's API with its live socket (shared/live/protocol.ts) and a SIP-over-WebSocket phone
registered with digest (the benchmark's own raw SIP client, bench/lib/queue-phone.ts: SIPp cannot
speak SIP over WebSocket, which is how agents reach Kamailio). An agent reports \`ringing\` when an
INVITE arrives, answers after 0.3–1.5 s (\`in_gesprek\`), goes to \`nawerk\` when the caller hangs up
and back to \`beschikbaar\` 1–3 s later. ${r.callers} callers from SIPp as the carrier (UDP, the
trunk socket, from 127.0.0.1) over ${r.arrivalSeconds} s, each hanging up ${r.holdMs / 1000} s after
the answer: more work than the agents can take at once, so callers wait and are routed when an agent
becomes Beschikbaar again.

Run ${r.startedAt.toISOString()}, ${r.wallSeconds.toFixed(0)} s of traffic, one run. Machine:
${m.cpus} × ${m.cpuModel}, ${m.memoryGiB.toFixed(1)} GiB, ${m.os}, Node ${m.node}, code ${m.revision}.
Load before: \`${r.uptimeBefore}\`; after: \`${r.uptimeAfter}\`.

${figuresTable(r)}

Queue outcomes the gateway published (\`queue.left\`): ${outcomes || 'none seen'}.${other ? ` Other final answers to callers: ${other}.` : ''}${r.noFinal ? ` Callers with no final answer in SIPp's trace: ${r.noFinal}.` : ''}${r.errors.length ? ` Errors: ${r.errors.slice(0, 5).join('; ')}.` : ''}

How it is measured, and what it does not say:

- **Routing decision** is measured end to end at the agent, on one clock (the benchmark process):
  from the moment the agent sends \`beschikbaar\` on its live socket to the moment the INVITE of a
  caller who was already waiting arrives at its phone. It includes the live socket, the gateway's
  routing and its evapi message, Kamailio's relay and the WebSocket to the phone, so it is an upper
  bound of the gateway's own decision. The times are taken on the benchmark's event loop (the
  agents' RTP sockets run in a worker thread so media does not delay it), on a loaded machine a
  scheduling delay of any of the five processes shows up here. Counted only for calls whose trunk INVITE was sent before
  the agent said Beschikbaar. The gateway-only part (agent.state event → \`deliver\` on evapi) and
  Kamailio's relay time from a \`$TV(Sn)\` log line were not measured separately.
- **Call set-up through rtpengine**: SIPp's INVITE time (from its \`-trace_msg\` file, wall clock)
  to the INVITE at the agent's phone, for callers who found a Beschikbaar agent (the agent was
  Beschikbaar before the call arrived). It includes Kamailio's trunk handling, rtpengine's offer,
  the queue's \`182 Queued\`, the gateway's routing and the relay to the agent.
- **Calls lost**: callers whose INVITE got no 200 minus the terugbelverzoeken the gateway published
  (\`terugbelverzoek.created\`) during the run and 10 s after it.
- **Offered twice**: a Call-ID whose INVITE reached a second agent while the first agent's offer
  (ringing or talking) of it was not over.
- **CPU** from /proc/<pid>/stat (utime + stime) over the traffic, Kamailio summed over all its
  processes. The benchmark process (50 agents' sockets and phones) ran on the same 2 cores.
- **Media packet loss**: each caller streams a 440 Hz tone in G.711 µ-law (SIPp \`rtp_stream\`,
  20 ms packets) from the answer until its BYE, one direction only (carrier → agent). rtpengine's
  \`Final packet stats\` (logged when Kamailio deletes the call; \`--delete-delay=0\`) give the packets
  it received on its trunk side; the agents' UDP sockets (127.0.0.2, a plain RTP/AVP answer to
  rtpengine's WebRTC offer, so no DTLS-SRTP) count what arrived. Loss is 1 − delivered / received.
  A packet still on its way when the agent's phone got the BYE counts as lost, so a call can show
  one packet lost that was not. The agent → carrier direction carried no media.
- Latencies are sensitive to whatever else runs on the 2 cores: compare the load averages above
  before comparing two runs; a run on a busy machine shows a longer tail.`
}
