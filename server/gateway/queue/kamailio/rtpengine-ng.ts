import { randomBytes } from 'node:crypto'
import { createSocket } from 'node:dgram'

/**
 * A minimal client for rtpengine's ng control protocol (bencoded dictionaries over UDP, each
 * prefixed by a cookie the reply repeats). The queue's announcements need it because Kamailio 5.6's
 * rtpengine module refuses rtpengine_answer for a request other than ACK, so it cannot make the
 * answer a waiting caller's 183 carries; the gateway does, on the same control socket.
 */

export type NgValue = string | number | NgValue[] | { [key: string]: NgValue }

export class NgError extends Error {}

export function bencode(value: NgValue): string {
  if (typeof value === 'number') {
    return `i${Math.trunc(value)}e`
  }
  if (typeof value === 'string') {
    return `${Buffer.byteLength(value)}:${value}`
  }
  if (Array.isArray(value)) {
    return `l${value.map(bencode).join('')}e`
  }
  const keys = Object.keys(value).sort()
  return `d${keys.map((key) => bencode(key) + bencode(value[key]!)).join('')}e`
}

/** Decodes one bencoded value from `data` at `at`; returns it and where the next one starts. */
export function bdecode(data: Buffer, at = 0): { value: NgValue; next: number } {
  const head = data[at]
  if (head === undefined) {
    throw new NgError('truncated reply')
  }
  const char = String.fromCharCode(head)
  if (char === 'i') {
    const end = data.indexOf(0x65, at)
    if (end < 0) {
      throw new NgError('truncated integer')
    }
    return { value: Number(data.subarray(at + 1, end).toString('latin1')), next: end + 1 }
  }
  if (char === 'l' || char === 'd') {
    const items: NgValue[] = []
    let next = at + 1
    while (data[next] !== 0x65) {
      const item = bdecode(data, next)
      items.push(item.value)
      next = item.next
    }
    if (char === 'l') {
      return { value: items, next: next + 1 }
    }
    const dict: Record<string, NgValue> = {}
    for (let i = 0; i + 1 < items.length; i += 2) {
      dict[String(items[i])] = items[i + 1]!
    }
    return { value: dict, next: next + 1 }
  }
  const colon = data.indexOf(0x3a, at)
  const length = Number(data.subarray(at, colon).toString('latin1'))
  if (colon < 0 || !Number.isInteger(length) || length < 0 || colon + 1 + length > data.length) {
    throw new NgError('invalid string')
  }
  return { value: data.subarray(colon + 1, colon + 1 + length).toString('utf8'), next: colon + 1 + length }
}

export interface NgClient {
  /** Sends one command; resolves with rtpengine's reply when its result is "ok", else rejects. */
  request(command: Record<string, NgValue>): Promise<Record<string, NgValue>>
}

/** `address`: rtpengine's listen-ng, as Kamailio's rtpengine_sock writes it (`udp:host:port`). */
export function ngClient(address: string, timeoutMs = 2000): NgClient {
  const match = /^(?:udp:)?([^:]+):([0-9]{1,5})$/.exec(address)
  if (!match) {
    throw new NgError('rtpengine ng address is not [udp:]host:port')
  }
  const host = match[1]!
  const port = Number(match[2])
  return {
    request: (command) =>
      new Promise((resolve, reject) => {
        const cookie = randomBytes(8).toString('hex')
        const socket = createSocket('udp4')
        const finish = (error: Error | undefined, reply?: Record<string, NgValue>): void => {
          clearTimeout(timer)
          socket.close()
          if (error) {
            reject(error)
          } else {
            resolve(reply!)
          }
        }
        const timer = setTimeout(() => finish(new NgError('rtpengine did not answer')), timeoutMs)
        socket.on('error', (error) => finish(error))
        socket.on('message', (message) => {
          const space = message.indexOf(0x20)
          if (space < 0 || message.subarray(0, space).toString('latin1') !== cookie) {
            return
          }
          try {
            const { value } = bdecode(message, space + 1)
            if (typeof value !== 'object' || Array.isArray(value)) {
              throw new NgError('reply is not a dictionary')
            }
            if (value['result'] !== 'ok') {
              throw new NgError(`rtpengine: ${String(value['error-reason'] ?? value['result'])}`)
            }
            finish(undefined, value)
          } catch (error) {
            finish(error as Error)
          }
        })
        socket.send(`${cookie} ${bencode(command)}`, port, host)
      }),
  }
}
