import type { SipRequest, SipResponse } from 'sip'
import type { CallQueue, WaitingLine } from '../../../server/lib/call-queue'
import type { SipLimits } from '../../../server/sip/types'
import type { SipTestClient } from '../../support/sip-client'
import { embeddedFixture } from '../../support/sip-embedded'
import { TEST_SDP } from '../../support/sip-requests'
import { startEmbedded, type RunningSipServer } from '../../support/sip-servers'

/**
 * For the tests of the embedded server holding callers for the gateway's queue
 * (server/sip/queued-calls.ts). TestQueue is a test double for the gateway's queue
 * (server/gateway/queue/, tested end to end with the gateway): it serves `vergunningen`, hands
 * every line to the test and records callers leaving.
 */
export class TestQueue implements CallQueue {
  readonly left: WaitingLine[] = []
  entered = 0
  private readonly lines: WaitingLine[] = []
  private readonly waiters: Array<(line: WaitingLine) => void> = []

  serves(group: string): boolean {
    return group === 'vergunningen'
  }

  enter(line: WaitingLine): void {
    this.entered++
    line.onCallerLeft(() => this.left.push(line))
    const waiter = this.waiters.shift()
    if (waiter) {
      waiter(line)
    } else {
      this.lines.push(line)
    }
  }

  next(): Promise<WaitingLine> {
    const line = this.lines.shift()
    return line ? Promise.resolve(line) : new Promise((resolve) => this.waiters.push(resolve))
  }
}

/** An embedded server (guest `burger`) with a TestQueue; `track` closes it after the test. */
export async function startWithQueue(
  track: <T extends { close(): Promise<unknown> | void }>(item: T) => T,
  limits: Partial<SipLimits> = {},
): Promise<{ server: RunningSipServer; queue: TestQueue }> {
  const queue = new TestQueue()
  const server = track(await startEmbedded(embeddedFixture, { guests: ['burger'], queue, limits }))
  return { server, queue }
}

/** Sends an INVITE to `target`; `done` resolves with its final response and the provisional ones. */
export function dial(
  caller: SipTestClient,
  target: string,
): { invite: SipRequest; done: Promise<{ final: SipResponse; provisional: SipResponse[] }> } {
  const invite = caller.build('INVITE', target, {
    headers: { 'content-type': 'application/sdp' },
    content: TEST_SDP,
  })
  return { invite, done: caller.transaction(invite) }
}
