import { performance } from 'node:perf_hooks'
import sip from 'sip'
import WebSocket from 'ws'
import { createRootLogger } from '../server/lib/logger'
import { checkFrame } from '../server/sip/frame-guard'
import { createSipServer, type SipServer } from '../server/sip/server'
import { DOCS, progressLog } from './lib/browser-rig'
import { describeMachine, loadAverage } from './lib/machine'
import { writeDocsSection } from './lib/report'
import { runBench } from './lib/run'
import { blockProbe, type BlockProbe, type HandlerTime } from './lib/sip-block'
import { MAX_MESSAGE_BYTES, worstCases, type WorstCase } from './lib/sip-worst-cases'
import { docsSection, worstOf, type CaseResult } from './lib/sip-worst-report'

/**
 * `npm run bench:sip`: how long the worst single SIP WebSocket message a client can send holds the
 * event loop that every connection and the gateway share (method: docs/benchmarks.md). One process,
 * nothing to install; `BENCH_REPEAT` (default 20) messages per case; `BENCH_WRITE_DOCS=0` only
 * prints the section.
 */
const started = performance.now()
const log = progressLog(started)
const repeat = Number(process.env['BENCH_REPEAT'] ?? 20)
let server: SipServer | undefined
let probe: BlockProbe | undefined

async function sendOne(
  url: string,
  message: Buffer,
  p: BlockProbe,
): Promise<{ handler: HandlerTime[]; loop: number }> {
  const ws = new WebSocket(url, 'sip')
  p.clients.add(ws)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
  p.takeHandlerTimes()
  p.startLoop()
  ws.send(message)
  // Until the server has handled it, then a little longer for whatever it sends back.
  const handler: HandlerTime[] = []
  const deadline = performance.now() + 5000
  while (handler.length === 0 && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5))
    handler.push(...p.takeHandlerTimes())
  }
  await new Promise((r) => setTimeout(r, 20))
  const loop = p.stopLoop()
  ws.close()
  await closed
  return { handler, loop }
}

async function measure(url: string, c: WorstCase, p: BlockProbe): Promise<CaseResult> {
  const verdict = checkFrame(c.message)
  const shown = verdict.kind === 'junk' ? `refused: ${verdict.reason}` : 'parsed'
  if ((verdict.kind === 'junk') !== (c.expect === 'refused')) {
    throw new Error(`${c.name}: expected ${c.expect}, the frame guard says ${shown}`)
  }
  const handler: HandlerTime[] = []
  const loop: number[] = []
  for (let i = 0; i < repeat; i++) {
    const one = await sendOne(url, c.message, p)
    loop.push(one.loop)
    handler.push(...one.handler)
  }
  if (handler.length !== repeat) {
    throw new Error(`${c.name}: the server handled ${handler.length} of ${repeat} messages`)
  }
  const parseAlone: number[] = []
  const slow = c.message.length > MAX_MESSAGE_BYTES - 1024 && c.expect === 'refused'
  for (let i = 0; i < (slow ? 3 : repeat); i++) {
    const start = performance.now()
    sip.parse(c.message)
    parseAlone.push(performance.now() - start)
  }
  return {
    name: c.name,
    bytes: c.message.length,
    expect: c.expect,
    verdict: shown,
    handlerWall: handler.map((h) => h.wall),
    handlerCpu: handler.map((h) => h.cpu),
    loop,
    parseAlone,
  }
}

async function main(): Promise<void> {
  const machine = await describeMachine(undefined)
  log(`machine: ${machine.cpus} CPUs, Node ${machine.node}, load ${machine.loadBefore}`)
  probe = blockProbe()
  const p = probe
  server = await createSipServer({
    domain: 'kcc.test',
    accounts: [{ username: 'agent2', password: 'bench-only' }],
    logger: createRootLogger({ level: 'silent' }),
    limits: { maxMessageBytes: MAX_MESSAGE_BYTES },
  })
  const startedAt = new Date()
  // One uncounted message per case first: the first run of each code path pays for its compilation.
  for (const c of worstCases()) {
    await sendOne(server.url, c.message, p)
  }
  const cases: CaseResult[] = []
  for (const c of worstCases()) {
    const result = await measure(server.url, c, p)
    log(`${c.name}: handler CPU max ${worstOf(result).toFixed(2)} ms`)
    cases.push(result)
  }
  const section = docsSection({
    startedAt,
    durationSeconds: (performance.now() - started) / 1000,
    repeat,
    machine,
    loadAfter: loadAverage(),
    cases,
  })
  process.stdout.write(`${section}\n`)
  if (process.env['BENCH_WRITE_DOCS'] !== '0') {
    await writeDocsSection(DOCS, 'sip', section)
    log(`wrote ${DOCS}`)
  }
}

await runBench({
  name: 'sip',
  main,
  cleanup: async () => {
    probe?.restore()
    await server?.close()
  },
  log,
  started,
})
