import { createServer, connect, type Server, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import type { RejectReason, RingOutcome, WaitingCall, WaitingLine } from '../../../../server/lib/call-queue'
import type { LiveEvent, LiveHub } from '../../../../server/gateway/live'

const WAIT_MS = 20_000

/**
 * A waiting caller as a SIP server holds one, for driving the real gateway's queue without SIP:
 * each ring is recorded and ends when the test says.
 */
export class TestLine implements WaitingLine {
  readonly rings: Array<{ extension: string; end: (outcome: RingOutcome) => void }> = []
  readonly rejected: RejectReason[] = []
  private left: (() => void) | undefined

  constructor(
    readonly call: WaitingCall,
    private readonly onRing?: (line: TestLine, extension: string) => void,
  ) {}

  ring(extension: string): Promise<RingOutcome> {
    return new Promise((resolve) => {
      this.rings.push({ extension, end: resolve })
      this.onRing?.(this, extension)
    })
  }

  reject(reason: RejectReason): void {
    this.rejected.push(reason)
  }

  onCallerLeft(listener: () => void): void {
    this.left = listener
  }

  hangUp(): void {
    this.left?.()
  }
}

let serial = 0

export function waitingCall(group: string, callerNumber: string): WaitingCall {
  return {
    sipCallId: `queue-test-${process.pid}-${++serial}@test`,
    group,
    callerNumber,
    enteredAt: Date.now(),
  }
}

/** Resolves with the first event of `type` (matching `where`) the hub publishes from now on. */
export function nextEvent<T extends LiveEvent['type']>(
  hub: LiveHub,
  type: T,
  where: (event: Extract<LiveEvent, { type: T }>) => boolean = () => true,
): Promise<Extract<LiveEvent, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`no ${type} event within ${WAIT_MS} ms`))
    }, WAIT_MS)
    const stop = hub.subscribe({ kind: 'types', types: [type] }, (event) => {
      const typed = event as Extract<LiveEvent, { type: T }>
      if (where(typed)) {
        clearTimeout(timer)
        stop()
        resolve(typed)
      }
    })
  })
}

/** Waits until `check` holds, asking again every 25 ms; fails after a generous while. */
export async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_MS
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting until ${what}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/**
 * A TCP relay in front of the register that can be switched off: while down it cuts every
 * connection and refuses new ones' data, as a register that is restarting or unreachable would.
 */
export interface RegisterRelay {
  port: number
  /** Where the register listens (set once it does). */
  target: number
  down(): void
  up(): void
  close(): Promise<void>
}

export async function registerRelay(): Promise<RegisterRelay> {
  let isDown = false
  let targetPort = 0
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    if (isDown || targetPort === 0) {
      client.destroy()
      return
    }
    const upstream = connect(targetPort, '127.0.0.1')
    sockets.add(client)
    sockets.add(upstream)
    const end = (): void => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('error', end).on('close', end)
    upstream.on('error', end).on('close', end)
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    get target() {
      return targetPort
    },
    set target(port: number) {
      targetPort = port
    },
    down() {
      isDown = true
      for (const socket of sockets) {
        socket.destroy()
      }
      sockets.clear()
    },
    up() {
      isDown = false
    },
    close() {
      isDown = true
      for (const socket of sockets) {
        socket.destroy()
      }
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
