import type { SipRequest, SipResponse } from 'sip'
import { expect } from 'vitest'
import type { CallQueue, WaitingLine } from '../../server/lib/call-queue'
import { createRootLogger } from '../../server/lib/logger'
import { startKamailioQueue, type KamailioQueueAdapter } from '../../server/gateway/queue/kamailio/adapter'
import type { SipTestClient } from './sip-client'
import { TEST_SDP } from './sip-requests'
import {
  freePort,
  startKamailio,
  type KamailioExtras,
  type RunningSipServer,
  type SipFixture,
} from './sip-servers'

/**
 * deploy/kamailio/queue.cfg for the tests: Kamailio with -A KCC_QUEUE on a free evapi port, the
 * gateway's real evapi adapter, and a queue the test drives instead of the gateway's.
 */

/** A queue the test drives: it serves one group and hands out each line as it enters. */
export class TestQueue implements CallQueue {
  private readonly entered: WaitingLine[] = []
  private readonly waiting: Array<(line: WaitingLine) => void> = []

  constructor(private readonly group: string) {}

  serves(group: string): boolean {
    return group === this.group
  }

  enter(line: WaitingLine): void {
    const waiter = this.waiting.shift()
    if (waiter) {
      waiter(line)
    } else {
      this.entered.push(line)
    }
  }

  next(timeoutMs = 10_000): Promise<WaitingLine> {
    const line = this.entered.shift()
    if (line) {
      return Promise.resolve(line)
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no call entered the queue')), timeoutMs)
      this.waiting.push((l) => {
        clearTimeout(timer)
        resolve(l)
      })
    })
  }
}

/** Resolves when the line's onCallerLeft listeners run. */
export const callerLeft = (line: WaitingLine): Promise<void> =>
  new Promise((resolve) => line.onCallerLeft(resolve))

export interface QueuedCall {
  invite: SipRequest
  result: Promise<{ final: SipResponse; provisional: SipResponse[] }>
}

/** `caller` dials `uri` (answering the digest challenge), without waiting for the end. */
export async function dial(caller: SipTestClient, uri: string): Promise<QueuedCall> {
  const first = caller.build('INVITE', uri, {
    headers: { 'content-type': 'application/sdp' },
    content: TEST_SDP,
  })
  const challenge = await caller.transaction(first)
  expect(challenge.final.status).toBe(407)
  const invite = caller.authorized(first, challenge.final)
  return { invite, result: caller.transaction(invite) }
}

export interface QueueKamailio {
  sip: RunningSipServer
  evapiPort: number
}

/** Kamailio with the queue on a free evapi port; `extras` as for startKamailio (more defines). */
export async function startQueueKamailio(
  fixture: SipFixture,
  settings: Record<string, number> = {},
  extras: KamailioExtras = {},
): Promise<QueueKamailio> {
  const evapiPort = await freePort()
  const sip = await startKamailio(fixture, settings, {
    ...extras,
    defines: [...(extras.defines ?? []), 'KCC_QUEUE', `KCC_EVAPI_BIND="127.0.0.1:${evapiPort}"`],
  })
  return { sip, evapiPort }
}

const logger = createRootLogger({ level: process.env['LOG_LEVEL'] ?? 'silent' })

/** The gateway's adapter, connected (its reconnect loop retries until Kamailio's evapi listens). */
export async function connectAdapter(
  port: number,
  queue: CallQueue,
  options: { keepaliveMs?: number } = {},
): Promise<KamailioQueueAdapter> {
  const adapter = startKamailioQueue({
    evapi: { host: '127.0.0.1', port },
    queue,
    logger,
    firstRetryMs: 50,
    maxRetryMs: 200,
    ...(options.keepaliveMs !== undefined ? { keepaliveMs: options.keepaliveMs } : {}),
  })
  for (let i = 0; i < 200 && !adapter.connected; i++) {
    await new Promise((r) => setTimeout(r, 50))
  }
  expect(adapter.connected, 'the adapter connects to Kamailio evapi').toBe(true)
  return adapter
}
