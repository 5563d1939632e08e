import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { randomEphemeralSecret } from '../server/lib/sip-ephemeral'
import { cleanupsOnExit, DOCS, progressLog } from './lib/browser-rig'
import { benchScript, startChild } from './lib/child'
import { removeDirectory } from './lib/databases'
import { int, writeDocs } from './lib/env'
import { describeMachine } from './lib/machine'
import { writeDocsSection } from './lib/report'
import { runBench } from './lib/run'
import { startAgents } from './lib/queue-agents'
import { meterCpu } from './lib/queue-cpu'
import { mediaLoss } from './lib/queue-media'
import type { QueueServerSpec } from './lib/queue-protocol'
import { docsSection, figuresTable, type QueueResults } from './lib/queue-report'
import { readTrace, startSipp, type SippSettings } from './lib/queue-sipp'
import { freePort, GROUP, NUMBER, SIP_DOMAIN, startKamailio, startRtpengine } from './lib/queue-telephony'

/**
 * `npm run bench:queue`: the call queue under load, all real on loopback: rtpengine, Kamailio with
 * the trunk and the queue, the gateway, 50 agents and 200 callers from SIPp as the carrier. What it
 * measures and how: the section it writes to docs/benchmarks.md (bench/lib/queue-report.ts).
 */
const AGENTS = 50
// QUEUE_CALLERS / QUEUE_SECONDS / QUEUE_HOLD_MS make a shorter trial; only the full run writes the docs.
const SETTINGS: SippSettings = {
  callers: int(process.env, 'QUEUE_CALLERS', 200, 1, 2000),
  arrivalSeconds: int(process.env, 'QUEUE_SECONDS', 60, 1, 600),
  holdMs: int(process.env, 'QUEUE_HOLD_MS', 20_000, 0, 600_000),
}
const FULL_SPEC = SETTINGS.callers === 200 && SETTINGS.arrivalSeconds === 60 && SETTINGS.holdMs === 20_000
const started = performance.now()
const log = progressLog(started)
const cleanups = cleanupsOnExit(log)

const uptime = (): string => execFileSync('uptime', { encoding: 'utf8' }).trim()

/** Whether some process holds an established TCP connection to `port` on loopback (/proc/net/tcp). */
function connectedTo(port: number): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0')
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .some((line) => {
      const fields = line.trim().split(/\s+/)
      return fields[2]?.endsWith(`:${hex}`) && fields[3] === '01'
    })
}

async function main(): Promise<void> {
  const uptimeBefore = uptime()
  const machine = await describeMachine(undefined)
  log(`machine: ${machine.cpus} CPUs; ${uptimeBefore}`)
  const dir = mkdtempSync(join(tmpdir(), 'kcc-bench-queue-'))
  cleanups.push(() => removeDirectory(dir))

  const accounts = Array.from({ length: AGENTS }, (_, i) => ({
    login: `wachtrij${String(i + 1).padStart(2, '0')}`,
  }))
  // The gateway issues the agents' SIP credentials with it, Kamailio checks them (docs/telephony.md).
  const sipSecret = randomEphemeralSecret()
  const rtpengine = await startRtpengine()
  cleanups.push(() => rtpengine.stop())
  const kamailio = await startKamailio({
    dir,
    secret: sipSecret,
    extensions: accounts.map((a) => a.login),
    rtpengine: rtpengine.control,
    peerPort: await freePort(),
  })
  cleanups.push(() => kamailio.stop())
  log(`rtpengine ${rtpengine.control}, Kamailio ${kamailio.url}, trunk udp 127.0.0.1:${kamailio.trunkPort}`)

  const spec: QueueServerSpec = {
    dataDir: join(dir, 'gateway'),
    providerToken: randomBytes(20).toString('hex'),
    sipUrl: kamailio.url,
    domain: SIP_DOMAIN,
    evapiPort: kamailio.evapiPort,
    agents: accounts,
    sipSecret,
  }
  const gateway = await startChild('queue-server', benchScript('lib/queue-server.ts'), [JSON.stringify(spec)])
  cleanups.push(() => gateway.stop())
  for (let i = 0; !connectedTo(kamailio.evapiPort); i++) {
    if (i > 100) {
      throw new Error('the gateway did not connect to Kamailio evapi')
    }
    await sleep(100)
  }
  log(`gateway on 127.0.0.1:${gateway.port} (pid ${gateway.pid}), connected to evapi`)

  const fleet = await startAgents({
    gatewayPort: gateway.port,
    sipUrl: kamailio.url,
    domain: SIP_DOMAIN,
    accounts,
    seed: 0x9e7e,
  })
  cleanups.push(() => fleet.stop())
  log(`${AGENTS} agents logged in, registered and Beschikbaar`)
  await sleep(1000)

  // SIPp starts after the meter, so its first sample counts from zero.
  const sippPid: { value?: number } = {}
  const agentsCpuStart = process.cpuUsage()
  const cpu = meterCpu({
    kamailio: { pid: () => kamailio.pid, withChildren: true },
    rtpengine: { pid: () => rtpengine.pid },
    gateway: { pid: () => gateway.pid },
    sipp: { pid: () => sippPid.value },
  })
  cleanups.push(() => cpu.stop())
  const startedAt = new Date()
  const t0 = performance.now()
  // SIPp's trace has wall-clock times; the agents use performance.now().
  const wallToPerf = Date.now() - performance.now()
  const sipp = startSipp({
    dir,
    trunkPort: kamailio.trunkPort,
    localPort: await freePort(),
    mediaPort: await freePort(),
    service: NUMBER,
    settings: SETTINGS,
  })
  sippPid.value = sipp.pid
  cleanups.push(() => sipp.stop())
  log(`SIPp (pid ${sipp.pid}): ${SETTINGS.callers} callers over ${SETTINGS.arrivalSeconds} s`)
  const progress = setInterval(
    () => log(`${fleet.offers.length} offers so far, ${fleet.events.length} live events`),
    15_000,
  )
  const finished = await sipp.done
  clearInterval(progress)
  const wallSeconds = (performance.now() - t0) / 1000
  const cpuSeconds = cpu.seconds()
  const agentsCpu = process.cpuUsage(agentsCpuStart)
  cpuSeconds['agents'] = (agentsCpu.user + agentsCpu.system) / 1e6
  log(
    `SIPp exited with ${finished.code} after ${wallSeconds.toFixed(0)} s; waiting 10 s for terugbelverzoeken`,
  )
  await sleep(10_000)
  const uptimeAfter = uptime()

  const trace = readTrace(join(dir, 'messages.log'))
  const inviteAt = new Map(trace.map((c) => [c.callId, c.inviteAt - wallToPerf]))
  const routing: number[] = []
  const setup: number[] = []
  const firstOffer = new Set<string>()
  for (const offer of fleet.offers) {
    const sent = inviteAt.get(offer.callId)
    if (sent === undefined || firstOffer.has(offer.callId)) {
      continue
    }
    firstOffer.add(offer.callId)
    if (offer.beschikbaarAt > sent) {
      routing.push(offer.at - offer.beschikbaarAt)
    } else {
      setup.push(offer.at - sent)
    }
  }
  const count = (code: number | undefined): number => trace.filter((c) => c.final === code).length
  const otherFinal: Record<string, number> = {}
  for (const call of trace) {
    if (call.final !== undefined && call.final !== 200 && call.final !== 480) {
      otherFinal[call.final] = (otherFinal[call.final] ?? 0) + 1
    }
  }
  const queueLeft: Record<string, number> = {}
  let terugbelverzoeken = 0
  for (const event of fleet.events) {
    if (event.type === 'queue.left' && event.afdeling === GROUP) {
      queueLeft[event.outcome] = (queueLeft[event.outcome] ?? 0) + 1
    } else if (event.type === 'terugbelverzoek.created') {
      terugbelverzoeken += 1
    }
  }
  const answered = count(200)
  const notAnswered = SETTINGS.callers - answered
  const results: QueueResults = {
    machine,
    uptimeBefore,
    uptimeAfter,
    startedAt,
    agents: AGENTS,
    callers: SETTINGS.callers,
    arrivalSeconds: SETTINGS.arrivalSeconds,
    holdMs: SETTINGS.holdMs,
    wallSeconds,
    routing,
    setup,
    answered,
    rejected480: count(480),
    otherFinal,
    noFinal:
      trace.length - trace.filter((c) => c.final !== undefined).length + (SETTINGS.callers - trace.length),
    terugbelverzoeken,
    lost: Math.max(0, notAnswered - terugbelverzoeken),
    offeredTwice: fleet.offeredTwice.size,
    busyInvites: fleet.busyInvites,
    queueLeft,
    cpuSeconds,
    media: mediaLoss(rtpengine.output(), await fleet.rtpPackets()),
    errors: fleet.errors,
  }
  process.stdout.write(`\n${figuresTable(results)}\n\n`)
  if (trace.length !== SETTINGS.callers) {
    log(`SIPp's trace holds ${trace.length} callers; its output:\n${finished.output.slice(-3000)}`)
  }
  if (writeDocs(process.env, FULL_SPEC)) {
    await writeDocsSection(DOCS, 'queue', docsSection(results))
    log(`wrote the queue section of ${DOCS}`)
  } else {
    log('not writing docs/benchmarks.md: a trial run (set BENCH_WRITE_DOCS=1 to force)')
  }
}

await runBench({ name: 'queue', main, cleanup: () => cleanups.run(), log, started })
