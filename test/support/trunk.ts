import { appendFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { freePort, startKamailio, type RunningSipServer, type SipFixture } from './sip-servers'

/**
 * Kamailio with deploy/kamailio/kamailio.cfg's trunk (-A WITH_TRUNK): a UDP/TCP trunk socket on a
 * free port, the carrier at 127.0.0.1 (or `carrier`), calls out to `peer` (the citizen's phone
 * here), media through the given rtpengine, and `numbers` (dialled number → group or agent) in the
 * kcc_numbers table, written by deploy/kamailio/generate-credentials.ts as in production.
 */
export interface TrunkKamailio {
  sip: RunningSipServer
  /** The trunk socket's port on 127.0.0.1 (UDP and TCP). */
  trunkPort: number
}

export interface TrunkOptions {
  rtpengine: string
  peerPort: number
  numbers: Record<string, string>
  carrier?: string
  /** More `-A` defines, e.g. the queue's (test/e2e/support/trunk-rig.ts with `trunkQueue`). */
  defines?: readonly string[]
}

const HTABLE_COLUMNS = 'id(int,auto) key_name(str) key_type(int) value_type(int) key_value(str) expires(int)'

/**
 * Adds a kcc_numbers table to a db_text directory written without one (a `prepareDb` for
 * startKamailio), in the format generate-credentials.ts writes it with `numbers`.
 */
export function writeNumbersTable(db: string, numbers: Record<string, string>): void {
  const rows = Object.entries(numbers).map(([number, target], i) => `${i + 1}:${number}:0:0:${target}:0`)
  writeFileSync(join(db, 'kcc_numbers'), `${[HTABLE_COLUMNS, ...rows].join('\n')}\n`, { mode: 0o600 })
  appendFileSync(join(db, 'version'), 'kcc_numbers:2\n')
}

/**
 * The trunk's port is only known to be free for TCP when it is chosen, and other suites run
 * alongside: a start that fails on a taken port is tried again with another one.
 */
export async function startTrunkKamailio(fixture: SipFixture, options: TrunkOptions): Promise<TrunkKamailio> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(fixture, options)
    } catch (error) {
      if (attempt >= 3 || !/in use|exited/i.test(String(error))) {
        throw error
      }
    }
  }
}

async function startOnce(fixture: SipFixture, options: TrunkOptions): Promise<TrunkKamailio> {
  const trunkPort = await freePort()
  const sip = await startKamailio(
    { ...fixture, numbers: options.numbers },
    { KCC_TRUNK_PORT: trunkPort },
    {
      defines: [
        'WITH_TRUNK',
        'KCC_TRUNK_IP=127.0.0.1',
        `KCC_TRUNK_CARRIER="${options.carrier ?? '127.0.0.1'}"`,
        `KCC_TRUNK_PEER="127.0.0.1:${options.peerPort}"`,
        `KCC_TRUNK_ADVERTISED="127.0.0.1:${trunkPort}"`,
        `KCC_RTPENGINE="${options.rtpengine}"`,
        'KCC_RTP_FROM_TRUNK="direction=trunk direction=agents"',
        'KCC_RTP_TO_TRUNK="direction=agents direction=trunk"',
        ...(options.defines ?? []),
      ],
    },
  )
  return { sip, trunkPort }
}
