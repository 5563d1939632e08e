import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startKccServer } from './compose/kcc-server'
import { GatewayConfigError, loadGatewayConfig } from './gateway/config/load'
import { createRootLogger, scopedLogger } from './lib/logger'

/**
 * `npm run server`: gateway, embedded provider and embedded SIP server in one process (see
 * compose/kcc-server.ts). Configuration: `KCC_CONFIG` (default config/kcc.demo.json) plus the
 * environment overrides of docs/configuration.md. Listens on 127.0.0.1 unless configured;
 * `KCC_PORT` and `KCC_HOST` move the embedded SIP server (and the address softphones are given) along.
 * With `tls` it serves HTTPS/WSS itself; in production it usually runs as deploy/systemd's service
 * behind deploy/nginx (docs/deployment.md), and ends cleanly on the SIGTERM systemd sends.
 */
const root = createRootLogger({ name: 'kcc' })
const log = scopedLogger(root, 'main')

try {
  const config = await loadGatewayConfig(process.env['KCC_CONFIG'] ?? 'config/kcc.demo.json')
  mkdirSync(config.dataDir, { recursive: true })
  // The embedded provider's token is made once and kept beside its data (mode 0600), so a developer
  // can query the register too; it never leaves this machine.
  const tokenFile = join(config.dataDir, 'provider-token')
  if (!existsSync(tokenFile)) {
    writeFileSync(tokenFile, randomBytes(20).toString('hex'), { mode: 0o600 })
  }
  const server = await startKccServer({
    config,
    logger: root,
    providerToken: readFileSync(tokenFile, 'utf8').trim(),
    webRoot: process.env['KCC_WEB_ROOT'] ?? 'out/renderer',
    // `npm run build:caller`; served at /caller/ in demo mode only.
    callerRoot: 'out/caller',
  })
  process.stdout.write(
    [
      `KCC server: ${server.url}/ (agent app), ${server.url}/api (gateway)`,
      config.klantinteracties.mode === 'embedded'
        ? `Klantinteracties register: ${server.url}/klantinteracties/api/v1/ (token in ${tokenFile})`
        : `Klantinteracties register: ${config.klantinteracties.baseUrl}`,
      server.sipUrl
        ? `SIP over WebSocket: ${server.sipUrl} (domain ${config.sip.domain})`
        : `SIP: ${config.sip.websocketUrl}`,
      '',
    ].join('\n'),
  )
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down')
      void server.close().then(() => process.exit(0))
    })
  }
} catch (error) {
  if (error instanceof GatewayConfigError) {
    log.fatal(error.message)
  } else {
    log.fatal({ err: error }, 'server failed to start')
  }
  process.exit(1)
}
