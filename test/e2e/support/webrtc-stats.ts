import { expect, type BrowserContext, type Page } from '@playwright/test'

/**
 * Test instrumentation for call audio: an init script keeps every RTCPeerConnection a page makes in
 * `window.__kccPeerConnections`, so a test can read the RTP statistics of the softphone's calls
 * without the product exposing anything. Call `trackPeerConnections` before the page loads the app.
 */
interface Instrumented {
  __kccPeerConnections?: RTCPeerConnection[]
  RTCPeerConnection: typeof RTCPeerConnection
}

/** Runs in the page (serialised by Playwright): it may use nothing from this module. */
function installPeerConnectionTracker(): void {
  const page = window as unknown as Instrumented
  if (page.__kccPeerConnections) {
    return
  }
  const tracked: RTCPeerConnection[] = []
  page.__kccPeerConnections = tracked
  const Original = page.RTCPeerConnection
  // A subclass keeps the prototype chain, `instanceof` and the static methods sip.js may use.
  class TrackedPeerConnection extends Original {
    constructor(configuration?: RTCConfiguration) {
      super(configuration)
      tracked.push(this)
    }
  }
  Object.defineProperty(TrackedPeerConnection, 'name', { value: 'RTCPeerConnection' })
  page.RTCPeerConnection = TrackedPeerConnection
}

/** Instruments every page of `target` (a page, or a context for all its pages) from its next load on. */
export async function trackPeerConnections(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(installPeerConnectionTracker)
}

export interface AudioFlow {
  bytesSent: number
  bytesReceived: number
  packetsReceived: number
}

interface ConnectionFlow extends AudioFlow {
  /** Position in `__kccPeerConnections`: stable for the life of the page. */
  index: number
}

/** Audio RTP counters of every peer connection of the page that is not closed (calls still up). */
async function connectionFlows(page: Page): Promise<ConnectionFlow[]> {
  return page.evaluate(async () => {
    const tracked = (window as unknown as Instrumented).__kccPeerConnections
    if (!tracked) {
      throw new Error('peer connections are not tracked: call trackPeerConnections() before page.goto()')
    }
    const flows: ConnectionFlow[] = []
    for (const [index, connection] of tracked.entries()) {
      if (connection.connectionState === 'closed') {
        continue
      }
      const flow = { index, bytesSent: 0, bytesReceived: 0, packetsReceived: 0 }
      const report = await connection.getStats()
      report.forEach((stat: { type: string; kind?: string } & Partial<AudioFlow>) => {
        if (stat.kind !== 'audio') {
          return
        }
        if (stat.type === 'outbound-rtp') {
          flow.bytesSent += stat.bytesSent ?? 0
        } else if (stat.type === 'inbound-rtp') {
          flow.bytesReceived += stat.bytesReceived ?? 0
          flow.packetsReceived += stat.packetsReceived ?? 0
        }
      })
      flows.push(flow)
    }
    return flows
  })
}

const total = (flows: AudioFlow[]): AudioFlow => ({
  bytesSent: flows.reduce((sum, f) => sum + f.bytesSent, 0),
  bytesReceived: flows.reduce((sum, f) => sum + f.bytesReceived, 0),
  packetsReceived: flows.reduce((sum, f) => sum + f.packetsReceived, 0),
})

/** Audio sent and received so far, summed over the page's open peer connections. */
export async function audioFlow(page: Page): Promise<AudioFlow> {
  return total(await connectionFlows(page))
}

export interface AudioExpectation {
  /** Bytes each side must send and receive after the check begins (default 2000, about 0.5 s of Opus). */
  minBytes?: number
  /** Default 15 s: ICE on loopback is quick, but a call may still be setting up when the check starts. */
  timeout?: number
}

/**
 * Waits until audio flows both ways between two pages: each has sent and received more than
 * `minBytes` since this call, counted per peer connection, so the audio of an earlier call (before a
 * transfer, say) neither counts nor, once that call is closed, hides a silent new one.
 */
export async function expectAudioBothWays(
  pageA: Page,
  pageB: Page,
  { minBytes = 2000, timeout = 15_000 }: AudioExpectation = {},
): Promise<void> {
  const sides = [
    { name: 'first page', page: pageA },
    { name: 'second page', page: pageB },
  ]
  const baselines = await Promise.all(sides.map(({ page }) => connectionFlows(page)))
  const fresh = async (page: Page, baseline: ConnectionFlow[]): Promise<AudioFlow> => {
    const before = new Map(baseline.map((flow) => [flow.index, flow]))
    return total(
      (await connectionFlows(page)).map((flow) => ({
        bytesSent: flow.bytesSent - (before.get(flow.index)?.bytesSent ?? 0),
        bytesReceived: flow.bytesReceived - (before.get(flow.index)?.bytesReceived ?? 0),
        packetsReceived: flow.packetsReceived - (before.get(flow.index)?.packetsReceived ?? 0),
      })),
    )
  }
  await expect
    .poll(
      async () => {
        // What is still missing, with the figures, so a failure says which direction stayed silent.
        const missing: string[] = []
        for (const [i, { name, page }] of sides.entries()) {
          const flow = await fresh(page, baselines[i] ?? [])
          if (flow.bytesSent <= minBytes) {
            missing.push(`${name} sent only ${flow.bytesSent} bytes of audio`)
          }
          if (flow.bytesReceived <= minBytes) {
            missing.push(`${name} received only ${flow.bytesReceived} bytes of audio`)
          }
        }
        return missing
      },
      { timeout, message: `audio flows both ways (more than ${minBytes} bytes each way)` },
    )
    .toEqual([])
}
