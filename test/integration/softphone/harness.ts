import { WebSocket, WebSocketServer } from 'ws'
import type { Softphone } from '../../../renderer/src/softphone/softphone'
import type { SoftphoneSnapshot } from '../../../renderer/src/softphone/types'

/** Resolves with the first snapshot (current or later) that satisfies `predicate`. */
export function until(
  phone: Softphone,
  predicate: (s: SoftphoneSnapshot) => boolean,
): Promise<SoftphoneSnapshot> {
  return new Promise((resolve) => {
    if (predicate(phone.getSnapshot())) {
      resolve(phone.getSnapshot())
      return
    }
    const off = phone.subscribe((s) => {
      if (predicate(s)) {
        off()
        resolve(s)
      }
    })
  })
}

export interface WireTap {
  /** Where a client connects instead of the SIP server. */
  url: string
  /** Every SIP message the clients sent to the server, as text. */
  sent: string[]
  close(): Promise<void>
}

/**
 * A WebSocket relay in front of a SIP server (RFC 7118, subprotocol `sip`) that records what the
 * clients send it: exactly what the server receives.
 */
export async function wireTap(serverUrl: string): Promise<WireTap> {
  const sent: string[] = []
  const relay = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  })
  await new Promise<void>((resolve) => relay.once('listening', () => resolve()))
  relay.on('connection', (client) => {
    const upstream = new WebSocket(serverUrl, 'sip')
    const queued: string[] = []
    upstream.on('open', () => queued.splice(0).forEach((message) => upstream.send(message)))
    client.on('message', (data) => {
      const message = data.toString()
      sent.push(message)
      if (upstream.readyState === WebSocket.OPEN) {
        upstream.send(message)
      } else {
        queued.push(message)
      }
    })
    upstream.on('message', (data) => client.send(data.toString()))
    client.on('close', () => upstream.close())
    upstream.on('close', () => client.close())
    upstream.on('error', () => client.close())
  })
  const { port } = relay.address() as { port: number }
  return {
    url: `ws://127.0.0.1:${port}/`,
    sent,
    close: () =>
      new Promise<void>((resolve) => {
        relay.clients.forEach((client) => client.terminate())
        relay.close(() => resolve())
      }),
  }
}

/** The Call-ID header of the first `method` request in `messages` (compact form `i` too). */
export function callIdOf(messages: string[], method: string): string | undefined {
  const request = messages.find((message) => message.startsWith(`${method} `))
  return request?.match(/^(?:Call-ID|i)[ \t]*:[ \t]*(\S+)/im)?.[1]
}
