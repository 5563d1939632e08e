import { execFileSync, spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The phone network: SIPp as the carrier on the trunk, one UAC scenario. Each caller sends an
 * INVITE with a G.711 SDP to the municipality's number, takes any 100/180/182/183, then either a
 * 200 (ACK, send RTP for the hold time with SIPp's rtp_stream, BYE) or a 480 (the queue gave up: ACK and done). Callers
 * arrive at an even rate. Every message is traced (`-trace_msg`) so each caller's INVITE time
 * and final answer can be read back by Call-ID.
 */
export interface SippSettings {
  callers: number
  arrivalSeconds: number
  holdMs: number
}

const SCENARIO = (holdMs: number): string => `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="kcc trunk caller">
  <send retrans="500">
    <![CDATA[
      INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:0611[call_number]@[local_ip]:[local_port]>;tag=[pid]kcc[call_number]
      To: <sip:[service]@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 INVITE
      Contact: <sip:0611[call_number]@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Type: application/sdp
      Content-Length: [len]

      v=0
      o=- 1 1 IN IP[local_ip_type] [local_ip]
      s=-
      c=IN IP[media_ip_type] [media_ip]
      t=0 0
      m=audio [media_port] RTP/AVP 0 8
      a=rtpmap:0 PCMU/8000
      a=rtpmap:8 PCMA/8000
      a=sendrecv
    ]]>
  </send>
  <label id="provisional"/>
  <recv response="100" optional="true" next="provisional"/>
  <recv response="180" optional="true" next="provisional"/>
  <recv response="182" optional="true" next="provisional"/>
  <recv response="183" optional="true" next="provisional"/>
  <recv response="480" optional="true" next="rejected"/>
  <recv response="200" rrs="true"/>
  <send>
    <![CDATA[
      ACK [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:0611[call_number]@[local_ip]:[local_port]>;tag=[pid]kcc[call_number]
      [last_To:]
      [routes]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Contact: <sip:0611[call_number]@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <nop><action><exec rtp_stream="tone.wav,-1,0"/></action></nop>
  <pause milliseconds="${holdMs}"/>
  <nop><action><exec rtp_stream="pause"/></action></nop>
  <send retrans="500">
    <![CDATA[
      BYE [next_url] SIP/2.0
      Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
      From: <sip:0611[call_number]@[local_ip]:[local_port]>;tag=[pid]kcc[call_number]
      [last_To:]
      [routes]
      Call-ID: [call_id]
      CSeq: 2 BYE
      Contact: <sip:0611[call_number]@[local_ip]:[local_port]>
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <recv response="200" crlf="true" next="end"/>
  <label id="rejected"/>
  <send>
    <![CDATA[
      ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
      [last_Via:]
      From: <sip:0611[call_number]@[local_ip]:[local_port]>;tag=[pid]kcc[call_number]
      [last_To:]
      Call-ID: [call_id]
      CSeq: 1 ACK
      Max-Forwards: 70
      Content-Length: 0
    ]]>
  </send>
  <label id="end"/>
</scenario>
`

export interface SippRun {
  pid: number
  done: Promise<{ code: number | null; output: string }>
  stop(): void
}

export function startSipp(options: {
  dir: string
  trunkPort: number
  localPort: number
  mediaPort: number
  service: string
  settings: SippSettings
}): SippRun {
  const scenario = join(options.dir, 'caller.xml')
  writeFileSync(scenario, SCENARIO(options.settings.holdMs))
  // One second of a 440 Hz tone in G.711 µ-law (payload type 0), streamed in a loop by each caller.
  execFileSync('sox', [
    '-n',
    '-r',
    '8000',
    '-c',
    '1',
    '-e',
    'u-law',
    join(options.dir, 'tone.wav'),
    'synth',
    '1',
    'sine',
    '440',
  ])
  // An even arrival: `rate` calls per `period` ms, 200 in all over the arrival window.
  const periodMs = 3000
  const rate = Math.round((options.settings.callers * periodMs) / (options.settings.arrivalSeconds * 1000))
  const child = spawn(
    'sipp',
    [
      `127.0.0.1:${options.trunkPort}`,
      ...['-sf', scenario, '-s', options.service, '-i', '127.0.0.1', '-p', String(options.localPort)],
      ...['-mi', '127.0.0.1', '-mp', String(options.mediaPort)],
      ...['-m', String(options.settings.callers), '-r', String(rate), '-rp', String(periodMs)],
      ...['-l', String(options.settings.callers), '-timeout', '600s', '-nostdin'],
      ...['-trace_msg', '-message_file', join(options.dir, 'messages.log')],
      ...['-trace_err', '-error_file', join(options.dir, 'errors.log')],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.dir },
  )
  let output = ''
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const done = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  )
  return { pid: child.pid ?? -1, done, stop: () => child.kill('SIGTERM') }
}

export interface CallerTrace {
  callId: string
  /** Epoch ms when SIPp sent the first INVITE. */
  inviteAt: number
  /** The INVITE's final answer (200, 480, …), undefined when none came. */
  final?: number
}

/** Reads SIPp's message trace: per Call-ID, when the INVITE went out and what its answer was. */
export function readTrace(file: string): CallerTrace[] {
  const calls = new Map<string, CallerTrace>()
  const blocks = readFileSync(file, 'latin1').split(/^-{20,}\s+/m)
  for (const block of blocks) {
    const stamp = /^(\d{4}-\d\d-\d\d)\s+(\d\d:\d\d:\d\d(?:\.\d+)?)/.exec(block)
    const callId = /^Call-ID:\s*(\S+)/im.exec(block)?.[1]
    if (!stamp || !callId) {
      continue
    }
    const at = new Date(`${stamp[1]}T${stamp[2]!.slice(0, 12)}`).getTime()
    const sent = /message sent/i.test(block)
    if (sent && /^\s*INVITE sip:/m.test(block) && !calls.has(callId)) {
      calls.set(callId, { callId, inviteAt: at })
    }
    const status = /^\s*SIP\/2\.0 (\d{3})/m.exec(block)
    const call = calls.get(callId)
    if (!sent && status && call && / INVITE\s*$/im.test(/^CSeq:.*$/im.exec(block)?.[0] ?? '')) {
      const code = Number(status[1])
      if (code >= 200 && call.final === undefined) {
        call.final = code
      }
    }
  }
  return [...calls.values()]
}
