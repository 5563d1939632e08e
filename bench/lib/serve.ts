import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { ListeningMessage } from './child'

/**
 * Child side of bench/lib/child.ts: listen on loopback only, report the port, and close when the
 * benchmark says so (SIGTERM) or disappears (IPC disconnect).
 */
export async function serveForBenchmark(app: FastifyInstance): Promise<void> {
  if (!process.send) {
    throw new Error('this server is started by the benchmark (bench/provider.ts), not directly')
  }
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  closeOnSignals(() => app.close())
  const message: ListeningMessage = { type: 'listening', port }
  process.send(message)
}

/**
 * Closes the child when the benchmark says so (SIGTERM, Ctrl-C) or disappears (IPC disconnect),
 * once, and bounded: an in-flight request must not keep the child alive forever.
 */
export function closeOnSignals(close: () => Promise<unknown>): void {
  let closing = false
  const shutdown = (): void => {
    if (closing) {
      return
    }
    closing = true
    const force = setTimeout(() => process.exit(1), 5_000)
    force.unref()
    void close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
  process.on('disconnect', shutdown)
}
