/**
 * Media packet loss through rtpengine, per call: the RTP packets rtpengine received from the
 * carrier (SIPp) on its trunk interface, from its "Final packet stats" log lines (logged when Kamailio
 * deletes the call), against the packets that reached the agent's media socket.
 */
export interface MediaLoss {
  calls: number
  receivedFromTrunk: number
  deliveredToAgents: number
  /** Per call, 1 − delivered / received, as a fraction. */
  perCall: number[]
}

/** Call-ID → RTP packets rtpengine received on its trunk (127.0.0.1) side, RTCP left out. */
export function trunkPackets(log: string): Map<string, number> {
  const packets = new Map<string, number>()
  const line = /\[([^\]\s]+)\]: \[core\] -+ Port\s+127\.0\.0\.1:\d+ <>\s+\S+, SSRC \w+, (\d+) p,/g
  for (const match of log.matchAll(line)) {
    packets.set(match[1]!, (packets.get(match[1]!) ?? 0) + Number(match[2]))
  }
  return packets
}

export function mediaLoss(log: string, delivered: Map<string, number>): MediaLoss {
  const received = trunkPackets(log)
  const result: MediaLoss = { calls: 0, receivedFromTrunk: 0, deliveredToAgents: 0, perCall: [] }
  for (const [callId, inbound] of received) {
    if (inbound === 0) {
      continue
    }
    const out = delivered.get(callId) ?? 0
    result.calls += 1
    result.receivedFromTrunk += inbound
    result.deliveredToAgents += out
    result.perCall.push(Math.max(0, 1 - out / inbound))
  }
  return result
}
