import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { startKccServer, type KccServer } from '../../../server/compose/kcc-server'
import { loadGatewayConfig } from '../../../server/gateway/config/load'
import { createRootLogger } from '../../../server/lib/logger'
import { issueEphemeral } from '../../../server/lib/sip-ephemeral'
import { DEMO_CONFIG } from '../../support/gateway'

export const PROVIDER_TOKEN = 'compose-fixture-token-0123456789'
/** The composed server's sip.credentials.secret, so a test's SIP client can sign in as an agent. */
export const COMPOSE_SIP_SECRET = 'compose-fixture-sip-secret-0123456789abcdef'

/** An agent's SIP sign-in as GET /api/softphone would issue it, valid for an hour. */
export function agentSipCredentials(extension: string): { authUser: string; password: string } {
  const issued = issueEphemeral(COMPOSE_SIP_SECRET, extension, Date.now() / 1000 + 3600)
  return { authUser: issued.username, password: issued.password }
}

export interface ComposedServer {
  server: KccServer
  /** Every pino line the server wrote, at info and above. */
  logs: string[]
  /** Where it keeps its SQLite databases. */
  dataDir: string
}

/**
 * `npm run server` on a random loopback port, with a small web build (index.html, assets/app.js),
 * for the life of the calling describe block.
 */
export function useComposedServer(): () => ComposedServer {
  let running: ComposedServer | undefined
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kcc-compose-'))
    const webRoot = join(dir, 'web')
    mkdirSync(join(webRoot, 'assets'), { recursive: true })
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>KCC Werkplek</title>')
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'export {}')
    const config = await loadGatewayConfig(DEMO_CONFIG, {})
    const logs: string[] = []
    const dataDir = join(dir, 'data')
    const server = await startKccServer({
      config: {
        ...config,
        port: 0,
        dataDir,
        sip: { ...config.sip, credentials: { secret: COMPOSE_SIP_SECRET } },
      },
      logger: createRootLogger({
        level: 'info',
        destination: { write: (line: string) => void logs.push(line) },
      }),
      providerToken: PROVIDER_TOKEN,
      webRoot,
    })
    running = { server, logs, dataDir }
  })
  afterAll(async () => {
    await running?.server.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return () => {
    if (!running) {
      throw new Error('the composed server is not running')
    }
    return running
  }
}
