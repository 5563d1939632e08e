import { Worker } from 'node:worker_threads'

/**
 * The agents' media sockets (UDP on 127.0.0.2), counting RTP packets per call, in a worker thread
 * of their own: about 2,000 packets a second would otherwise run on the event loop that
 * timestamps the agents' INVITEs, and its delay would show up in the routing and set-up figures.
 * The worker is plain JavaScript (`eval`), so it needs no TypeScript loader.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const { createSocket } = require('node:dgram')
const calls = new Array(workerData.count).fill(undefined)
const packets = new Map()
let bound = 0
const ports = new Array(workerData.count)
const sockets = calls.map((_, i) => {
  const socket = createSocket('udp4')
  socket.on('message', () => {
    const callId = calls[i]
    if (callId !== undefined) packets.set(callId, (packets.get(callId) ?? 0) + 1)
  })
  socket.bind(0, '127.0.0.2', () => {
    ports[i] = socket.address().port
    if (++bound === workerData.count) parentPort.postMessage({ type: 'ports', ports })
  })
  return socket
})
parentPort.on('message', (message) => {
  if (message.type === 'call') calls[message.index] = message.callId
  else if (message.type === 'report') parentPort.postMessage({ type: 'packets', packets: [...packets] })
  else if (message.type === 'close') { for (const s of sockets) s.close(); parentPort.close() }
})
`

export interface MediaSockets {
  ports: number[]
  /** The call agent `index` has now (packets count for it), or undefined. */
  setCall(index: number, callId: string | undefined): void
  /** Call-ID → packets that reached the agent's socket. */
  packets(): Promise<Map<string, number>>
  close(): void
}

export async function startMediaSockets(count: number): Promise<MediaSockets> {
  const worker = new Worker(WORKER, { eval: true, workerData: { count } })
  const ports = await new Promise<number[]>((resolve, reject) => {
    worker.once('error', reject)
    worker.once('message', (message: { type: 'ports'; ports: number[] }) => resolve(message.ports))
  })
  return {
    ports,
    setCall: (index, callId) => worker.postMessage({ type: 'call', index, callId }),
    packets: () =>
      new Promise((resolve) => {
        worker.once('message', (message: { type: 'packets'; packets: Array<[string, number]> }) =>
          resolve(new Map(message.packets)),
        )
        worker.postMessage({ type: 'report' })
      }),
    close: () => worker.postMessage({ type: 'close' }),
  }
}
