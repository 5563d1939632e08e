#!/usr/bin/env node
// `npm start`: the whole product on this machine. Builds the app when its build is missing, runs
// `npm run server` (gateway, embedded provider, embedded SIP server, the agent app's web build), then
// opens the desktop app. Where Electron's binary cannot be had (it is downloaded separately from the
// npm package), it says so in one line and leaves the same app to the browser.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const say = (line) => process.stdout.write(`${line}\n`)

if (!existsSync('out/renderer/index.html') || !existsSync('out/main/main.js')) {
  say('Building the agent app (electron-vite build)...')
  const built = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    stdio: 'inherit',
  })
  if (built.status !== 0) {
    process.exit(built.status ?? 1)
  }
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  stdio: 'inherit',
  env: process.env,
})
const children = [server]
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => children.forEach((child) => child.kill(signal)))
}
server.on('exit', (code) => process.exit(code ?? 0))

/** The Electron executable if it is really installed (never `require('electron')`: it tries to download). */
function electronBinary() {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
    const pathFile = join(dir, 'path.txt')
    if (!existsSync(pathFile)) {
      return undefined
    }
    const binary = join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist'),
      readFileSync(pathFile, 'utf8').trim(),
    )
    return existsSync(binary) ? binary : undefined
  } catch {
    return undefined
  }
}

const url = `http://${process.env.KCC_HOST ?? '127.0.0.1'}:${process.env.KCC_PORT ?? '8480'}/`
const electron = electronBinary()
if (electron) {
  const app = spawn(electron, ['.'], {
    stdio: 'inherit',
    env: { ...process.env, KCC_GATEWAY_URL: url.replace(/\/$/, '') },
  })
  children.push(app)
  app.on('exit', () => server.kill('SIGTERM'))
} else {
  say(
    `Electron is not installed here (its binary cannot be downloaded); open the same app in a browser: ${url}`,
  )
}
