import { readFileSync } from 'node:fs'
import { parseUpdateInfo, resolveFiles } from 'electron-updater/out/providers/Provider'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

// The update feed as docs/desktop.md documents it, read with electron-updater's own parser and file
// resolution (the code the app runs), so the documentation and the installer names in
// electron-builder.yml cannot drift from what the updater accepts.
const docs = readFileSync(new URL('../../../docs/desktop.md', import.meta.url), 'utf8')
const builder = parse(readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8')) as {
  nsis: { artifactName: string }
}

function documentedFeed(): string {
  const match = /<!-- update-feed-example -->\s*```yaml\n([\s\S]*?)```/.exec(docs)
  if (match?.[1] === undefined) {
    throw new Error('docs/desktop.md has no update feed example')
  }
  return match[1]
}

const feedUrl = new URL('https://kcc.gemeente.example/werkplek/updates/')

describe('the documented update feed', () => {
  it('parses as electron-updater reads latest.yml, with a version and a release date', () => {
    const info = parseUpdateInfo(documentedFeed(), 'latest.yml', new URL('latest.yml', feedUrl))
    expect(info.version).toMatch(/^\d+\.\d+\.\d+$/)
    expect(Number.isNaN(Date.parse(info.releaseDate))).toBe(false)
  })

  it('names the installer electron-builder writes, under the feed’s folder, with its SHA-512', () => {
    const info = parseUpdateInfo(documentedFeed(), 'latest.yml', new URL('latest.yml', feedUrl))
    const [file] = resolveFiles(info, feedUrl)
    const installer = builder.nsis.artifactName.replace('${version}', info.version).replace('${ext}', 'exe')
    expect(file?.url.href).toBe(new URL(installer, feedUrl).href)
    expect(Buffer.from(file?.info.sha512 ?? '', 'base64')).toHaveLength(64)
  })

  it('is refused by the updater when a file has no checksum', () => {
    const info = parseUpdateInfo(
      'version: 1.4.0\nfiles:\n  - url: kcc-werkplek-setup-1.4.0.exe\n    size: 1\n',
      'latest.yml',
      new URL('latest.yml', feedUrl),
    )
    expect(() => resolveFiles(info, feedUrl)).toThrow(/checksum/)
  })
})
