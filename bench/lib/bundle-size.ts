import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { constants, gzipSync } from 'node:zlib'

/**
 * The target for the renderer's JavaScript: at most 250 KB gzipped (zlib's default level, 1 KB =
 * 1,000 bytes), everything the agent app loads, the NL Design System components included.
 */
export const BUNDLE_GZIP_TARGET_BYTES = 250_000

/** One JavaScript (or CSS) file of a web build, with its size as built and gzipped. */
export interface BundleFile {
  name: string
  bytes: number
  lines: number
  /** zlib's default level (6), what a web server's on-the-fly gzip typically uses. */
  gzipDefault: number
  gzipBest: number
}

/** A minifier puts whole modules on one line; readable output averages well under 100 characters a line. */
export function looksMinified(file: BundleFile): boolean {
  return file.bytes / file.lines > 500
}

export interface AssetsSize {
  files: BundleFile[]
  bytes: number
  gzipDefault: number
  gzipBest: number
}

export interface BundleSize extends AssetsSize {
  largest: BundleFile
  /** The stylesheets (design tokens and component CSS included), reported beside the JavaScript. */
  css: AssetsSize
}

/**
 * Every `*.js` in `assetsDir` (the renderer's build output), gzipped one file at a time as served,
 * and the same for its `*.css`.
 */
export function measureBundle(assetsDir: string): BundleSize {
  const scripts = measureAssets(assetsDir, '.js')
  const largest = [...scripts.files].sort((a, b) => b.bytes - a.bytes)[0]
  if (largest === undefined) {
    throw new Error(`no JavaScript files in ${assetsDir}: is the web build complete?`)
  }
  return { ...scripts, largest, css: measureAssets(assetsDir, '.css') }
}

function measureAssets(assetsDir: string, extension: string): AssetsSize {
  const files = readdirSync(assetsDir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name): BundleFile => {
      const content = readFileSync(join(assetsDir, name))
      return {
        name,
        bytes: content.length,
        lines: content.toString('utf8').split('\n').length,
        gzipDefault: gzipSync(content).length,
        gzipBest: gzipSync(content, { level: constants.Z_BEST_COMPRESSION }).length,
      }
    })
  const sum = (pick: (file: BundleFile) => number): number => files.reduce((n, f) => n + pick(f), 0)
  return {
    files,
    bytes: sum((f) => f.bytes),
    gzipDefault: sum((f) => f.gzipDefault),
    gzipBest: sum((f) => f.gzipBest),
  }
}
