import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { constants, gzipSync } from 'node:zlib'

/** One JavaScript file of a web build, with its size as built and gzipped. */
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

export interface BundleSize {
  files: BundleFile[]
  bytes: number
  gzipDefault: number
  gzipBest: number
  largest: BundleFile
}

/** Every `*.js` in `assetsDir` (the renderer's build output), gzipped one file at a time as served. */
export function measureBundle(assetsDir: string): BundleSize {
  const files = readdirSync(assetsDir)
    .filter((name) => name.endsWith('.js'))
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
  const largest = [...files].sort((a, b) => b.bytes - a.bytes)[0]
  if (largest === undefined) {
    throw new Error(`no JavaScript files in ${assetsDir}: is the web build complete?`)
  }
  const sum = (pick: (file: BundleFile) => number): number => files.reduce((n, f) => n + pick(f), 0)
  return {
    files,
    bytes: sum((f) => f.bytes),
    gzipDefault: sum((f) => f.gzipDefault),
    gzipBest: sum((f) => f.gzipBest),
    largest,
  }
}
