import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseUpdateInfo, resolveFiles } from 'electron-updater/out/providers/Provider'
import { beforeAll, describe, expect, it } from 'vitest'
import { useGateway } from '../../support/gateway'
import { rawRequest } from '../server/raw-http'

/**
 * The desktop app's update feed at /updates/ (docs/desktop.md, "Updates"): the files
 * electron-builder wrote, served by the real gateway over HTTP and read with electron-updater's
 * own parser and file resolution, the installer checked against the SHA-512 in latest.yml as the
 * updater checks it. Nothing else in the directory is served.
 */
const VERSION = '1.4.0'
const INSTALLER = `kcc-werkplek-setup-${VERSION}.exe`
const APPIMAGE = `kcc-werkplek-${VERSION}-x86_64.AppImage`
const installer = randomBytes(64 * 1024)
const appImage = randomBytes(16 * 1024)
const sha512 = (bytes: Buffer): string => createHash('sha512').update(bytes).digest('base64')

/** latest.yml as electron-builder writes it for an NSIS installer. */
function feed(file: string, bytes: Buffer): string {
  return [
    `version: ${VERSION}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${sha512(bytes)}`,
    `    size: ${bytes.length}`,
    `path: ${file}`,
    `sha512: ${sha512(bytes)}`,
    "releaseDate: '2026-12-01T09:00:00.000Z'",
    '',
  ].join('\n')
}

const directory = mkdtempSync(join(tmpdir(), 'kcc-updates-'))
writeFileSync(join(directory, 'latest.yml'), feed(INSTALLER, installer))
writeFileSync(join(directory, 'latest-linux.yml'), feed(APPIMAGE, appImage))
writeFileSync(join(directory, INSTALLER), installer)
writeFileSync(join(directory, `${INSTALLER}.blockmap`), randomBytes(512))
writeFileSync(join(directory, APPIMAGE), appImage)
// What must not leak from the feed's directory.
writeFileSync(join(directory, 'signing-key.pem'), 'GEHEIM')
writeFileSync(join(directory, '.env'), 'GEHEIM')
mkdirSync(join(directory, 'oud'))
writeFileSync(join(directory, 'oud', 'kcc-werkplek-setup-1.3.0.exe'), 'GEHEIM')

describe('the update feed', () => {
  const gw = useGateway({ config: { updates: { directory } } })
  let base: URL
  beforeAll(async () => {
    await gw().app.listen({ host: '127.0.0.1', port: 0 })
    base = new URL(`http://127.0.0.1:${(gw().app.server.address() as AddressInfo).port}/updates/`)
  })

  it('serves latest.yml that electron-updater reads, and the installer it names with that SHA-512', async () => {
    const answer = await fetch(new URL('latest.yml', base))
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('text/yaml; charset=utf-8')
    expect(answer.headers.get('cache-control')).toBe('no-cache')
    const info = parseUpdateInfo(await answer.text(), 'latest.yml', new URL('latest.yml', base))
    expect(info.version).toBe(VERSION)
    const [file] = resolveFiles(info, base)
    const download = await fetch(file!.url)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/vnd.microsoft.portable-executable')
    expect(sha512(Buffer.from(await download.arrayBuffer()))).toBe(file!.info.sha512)
  })

  it('serves the Linux feed and the AppImage, without a session and without an audit line', async () => {
    const before = await gw().gateway.services.audit.recent({ limit: 100, securityOnly: false })
    const info = parseUpdateInfo(
      await (await fetch(new URL('latest-linux.yml', base))).text(),
      'latest-linux.yml',
      new URL('latest-linux.yml', base),
    )
    const [file] = resolveFiles(info, base)
    const download = await fetch(file!.url)
    expect(download.headers.get('content-type')).toBe('application/vnd.appimage')
    expect(Buffer.from(await download.arrayBuffer()).equals(appImage)).toBe(true)
    const after = await gw().gateway.services.audit.recent({ limit: 100, securityOnly: false })
    expect(after).toHaveLength(before.length)
  })

  it('answers the range requests of a differential download', async () => {
    const part = await fetch(new URL(INSTALLER, base), { headers: { range: 'bytes=100-199' } })
    expect(part.status).toBe(206)
    expect(Buffer.from(await part.arrayBuffer()).equals(installer.subarray(100, 200))).toBe(true)
    const blockmap = await fetch(new URL(`${INSTALLER}.blockmap`, base))
    expect(blockmap.status).toBe(200)
  })

  it('lists nothing and serves nothing else from the directory, however the path is spelled', async () => {
    const attempts = [
      '/updates/',
      '/updates',
      '/updates/signing-key.pem',
      '/updates/.env',
      '/updates/oud/kcc-werkplek-setup-1.3.0.exe',
      '/updates/oud%2fkcc-werkplek-setup-1.3.0.exe',
      '/updates/../updates/signing-key.pem',
      '/updates/%2e%2e/config/kcc.demo.json',
      '/updates/..%2fconfig%2fkcc.demo.json',
      '/updates//latest.yml/../signing-key.pem',
      '/updates/latest.yml%00.pem',
    ]
    const statuses = new Set<number>()
    for (const path of attempts) {
      // As written: fetch would resolve the dot-segments before sending.
      const { status, body } = await rawRequest(base.origin, 'GET', path)
      statuses.add(status)
      expect([400, 401, 403, 404], path).toContain(status)
      expect(body, path).not.toContain('GEHEIM')
      expect(body, path).not.toContain('kcc-werkplek-setup')
    }
    // Not all refused at the door: the feed's own route looked and found nothing to serve.
    expect(statuses).toContain(404)
  })
})

describe('without updates in the configuration', () => {
  const gw = useGateway()

  it('has no feed', async () => {
    const answer = await gw().app.inject({ method: 'GET', url: '/updates/latest.yml' })
    expect(answer.statusCode).not.toBe(200)
    expect(gw().gateway.routes.some((route) => route.url.startsWith('/updates'))).toBe(false)
  })
})
