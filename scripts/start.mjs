#!/usr/bin/env node
// `npm start`: runs the product on this machine. At this stage that is our Klantinteracties
// provider on SQLite in ./data, with an API token generated once and kept in
// data/provider-token (mode 0600); later stages add the gateway, the SIP server and the app.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const dataDir = process.env.KCC_DATA_DIR ?? 'data'
mkdirSync(dataDir, { recursive: true })
const tokenFile = join(dataDir, 'provider-token')
if (!existsSync(tokenFile)) {
  writeFileSync(tokenFile, randomBytes(20).toString('hex'), { mode: 0o600 })
}
const token = readFileSync(tokenFile, 'utf8').trim()
const port = process.env.KLANTINTERACTIES_PORT ?? '8000'

const child = spawn(process.execPath, ['--import', 'tsx', 'server/klantinteracties/main.ts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    KLANTINTERACTIES_TOKENS: process.env.KLANTINTERACTIES_TOKENS ?? token,
    KLANTINTERACTIES_DATA_DIR: process.env.KLANTINTERACTIES_DATA_DIR ?? dataDir,
    KLANTINTERACTIES_PORT: port,
  },
})
process.stdout.write(
  `Klantinteracties API: http://127.0.0.1:${port}/klantinteracties/api/v1/ (OAS: .../openapi.yaml)\n` +
    `API token: in ${tokenFile} (send it as "Authorization: Token <token>")\n`,
)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal))
}
child.on('exit', (code) => process.exit(code ?? 0))
