import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { expect } from 'vitest'
import WebSocket, { type ClientOptions } from 'ws'
import { startKccServer, type KccServer } from '../../../server/compose/kcc-server'
import { loadGatewayConfig } from '../../../server/gateway/config/load'
import type { GatewayConfig } from '../../../server/gateway/config/types'
import { createRootLogger } from '../../../server/lib/logger'
import { DEMO_CONFIG } from '../../support/gateway'
import { ENGINE, PG_URL } from '../../support/provider'

export const PROVIDER_TOKEN = 'deploy-test-token-0123456789'

export interface Composed {
  server: KccServer
  config: GatewayConfig
  /** Every pino line the server wrote, at info and above. */
  logs: string[]
  close(): Promise<void>
}

/**
 * `npm run server` as a deployment runs it, for the deploy suites: the demo configuration with
 * `changes` applied, a fresh data directory, a small web build, and with `KCC_DB_ENGINE=postgres`
 * the gateway's state in a fresh PostgreSQL schema (dropped on close).
 */
export async function startComposed(changes: (config: GatewayConfig) => GatewayConfig): Promise<Composed> {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-deploy-'))
  const webRoot = join(dir, 'web')
  mkdirSync(webRoot)
  writeFileSync(
    join(webRoot, 'index.html'),
    '<!doctype html><html lang="nl"><title>KCC Werkplek</title></html>',
  )
  const schema = `d_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`
  const loaded = await loadGatewayConfig(
    DEMO_CONFIG,
    ENGINE === 'postgres' ? { KCC_DATABASE_URL: PG_URL, KCC_DATABASE_SCHEMA: schema } : {},
  )
  const config = changes({ ...loaded, port: 0, dataDir: join(dir, 'data') })
  const logs: string[] = []
  const remove = async (): Promise<void> => {
    if (ENGINE === 'postgres') {
      const client = new pg.Client({ connectionString: PG_URL })
      await client.connect()
      await client.query(`drop schema if exists ${client.escapeIdentifier(schema)} cascade`)
      await client.end()
    }
    rmSync(dir, { recursive: true, force: true })
  }
  let server: KccServer
  try {
    server = await startKccServer({
      config,
      logger: createRootLogger({
        level: 'info',
        destination: { write: (line: string) => void logs.push(line) },
      }),
      providerToken: PROVIDER_TOKEN,
      webRoot,
    })
  } catch (error) {
    await remove()
    throw error
  }
  return {
    server,
    config,
    logs,
    async close() {
      await server.close()
      await remove()
    },
  }
}

/**
 * Opens the live socket at `url` (`wss://…/api/live`), signs in with `token`, and waits for the
 * gateway's welcome, as the app does; closes it again.
 */
export async function expectLiveWelcome(url: string, token: string, options: ClientOptions): Promise<void> {
  const socket = new WebSocket(url, options)
  const types: string[] = []
  socket.on('message', (data: Buffer) => types.push((JSON.parse(data.toString()) as { type: string }).type))
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  socket.send(JSON.stringify({ type: 'auth', token }))
  await expect.poll(() => types).toContain('welcome')
  socket.close()
}
