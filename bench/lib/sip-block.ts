import { performance } from 'node:perf_hooks'
import WebSocket from 'ws'

/**
 * How long one SIP WebSocket message holds the event loop, measured in-process two ways:
 * - handler: the server socket's `message` emit, i.e. every listener (the transport's frame guard,
 *   the `sip` parser, the proxy) run synchronously for that message;
 * - loop: the longest gap between two turns of a setImmediate chain while the message is read and
 *   handled, which adds the `ws` frame decoding and whatever the message caused in the same turn.
 */
export interface BlockProbe {
  /** Sockets we opened ourselves: their `message` emits are not the server's. */
  clients: WeakSet<WebSocket>
  /** Handler times recorded since the last call: wall clock, and this process's CPU time. */
  takeHandlerTimes(): HandlerTime[]
  startLoop(): void
  /** Stops the loop chain; the longest gap seen since startLoop, in ms. */
  stopLoop(): number
  restore(): void
}

export interface HandlerTime {
  wall: number
  /**
   * CPU time of the process (getrusage, microseconds) in the same span: unlike the wall clock it
   * does not count the time other processes had the core, on a machine that is not ours alone.
   */
  cpu: number
}

export function blockProbe(): BlockProbe {
  const clients = new WeakSet<WebSocket>()
  let handler: HandlerTime[] = []
  const original = WebSocket.prototype.emit
  // Every 'message' listener runs inside emit(), so its duration is the message's synchronous cost.
  WebSocket.prototype.emit = function emit(this: WebSocket, event: string | symbol, ...args: unknown[]) {
    if (event !== 'message' || clients.has(this)) {
      return original.call(this, event, ...args)
    }
    const start = performance.now()
    const cpu = process.cpuUsage()
    const result = original.call(this, event, ...args)
    const used = process.cpuUsage(cpu)
    handler.push({ wall: performance.now() - start, cpu: (used.user + used.system) / 1000 })
    return result
  }
  let running = false
  let last = 0
  let worst = 0
  const turn = (): void => {
    if (!running) {
      return
    }
    const now = performance.now()
    worst = Math.max(worst, now - last)
    last = now
    setImmediate(turn)
  }
  return {
    clients,
    takeHandlerTimes() {
      const taken = handler
      handler = []
      return taken
    },
    startLoop() {
      running = true
      worst = 0
      last = performance.now()
      setImmediate(turn)
    },
    stopLoop() {
      running = false
      return worst
    },
    restore() {
      WebSocket.prototype.emit = original
    },
  }
}
