import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * The Electron executable, if it is really installed; otherwise undefined.
 *
 * Found through the files the electron package writes (`path.txt` and `dist/`), never through
 * `require('electron')`: since electron 42 that call tries to download a missing binary, which
 * fails (and throws) on machines without GitHub access.
 */
export function electronBinary(): string | undefined {
  let packageDir: string
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  } catch {
    return undefined
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) {
    return undefined
  }
  const distDir = process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(packageDir, 'dist')
  const binary = join(distDir, readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : undefined
}
