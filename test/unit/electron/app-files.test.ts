import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppFileHandler, resolveAppFile } from '../../../electron/main/app-files'
import { buildContentSecurityPolicy } from '../../../electron/main/csp'
import { memoryLog } from './memory-log'

// A renderer build folder on disk with a secret next to it: what a traversal would be after.
// Made at load time: the it.each tables below name paths inside it.
const base = mkdtempSync(join(tmpdir(), 'kcc-app-files-'))
const root = join(base, 'renderer')

// As Vite writes it: quotes inside the attribute escaped as &#39;.
const builtIndex =
  '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; ' +
  'connect-src &#39;self&#39; http://127.0.0.1:8480 ws://127.0.0.1:8480">' +
  '<script type="module" crossorigin src="./assets/index-abc.js"></script></head><body></body></html>'

const connectOrigins = ['https://kcc.gemeente.example', 'wss://sip.gemeente.example:7443']
const headerPolicy = buildContentSecurityPolicy({ connectOrigins, delivery: 'header' })
const metaPolicy = buildContentSecurityPolicy({ connectOrigins, delivery: 'meta' })

beforeAll(() => {
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), builtIndex)
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export const x = 1\n')
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}\n')
  writeFileSync(join(root, 'assets', 'ringtone-abc.wav'), 'RIFF')
  writeFileSync(join(root, 'assets', 'data.bin'), 'xx')
  writeFileSync(join(base, 'secret.txt'), 'geheim')
})

afterAll(() => {
  rmSync(base, { recursive: true, force: true })
})

function serve(url: string, method = 'GET'): Promise<Response> {
  const { log } = memoryLog()
  const handler = createAppFileHandler({ root, protocol: 'app:', host: 'kcc', headerPolicy, metaPolicy, log })
  return handler(new Request(url, { method }))
}

describe('app:// file handler', () => {
  it('serves index.html for the root and by name', async () => {
    for (const url of ['app://kcc/', 'app://kcc/index.html', 'app://kcc/index.html?tab=1']) {
      const response = await serve(url)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(await response.text()).toContain('<script type="module"')
    }
  })

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/ringtone-abc.wav', 'audio/wav'],
    ['assets/data.bin', 'application/octet-stream'],
  ])('serves %s as %s', async (path, type) => {
    const response = await serve(`app://kcc/${path}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
  })

  it('sends the CSP with frame-ancestors none, nosniff and no referrer on every answer', async () => {
    for (const url of ['app://kcc/index.html', 'app://kcc/assets/index-abc.js', 'app://kcc/missing.js']) {
      const response = await serve(url)
      expect(response.headers.get('content-security-policy')).toBe(headerPolicy)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    }
    expect(headerPolicy).toContain("frame-ancestors 'none'")
  })

  it('puts the endpoints configured at run time into the built CSP meta tag', async () => {
    const html = await (await serve('app://kcc/index.html')).text()
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${metaPolicy}">`)
    expect(metaPolicy).toContain(
      "connect-src 'self' https://kcc.gemeente.example wss://sip.gemeente.example:7443",
    )
    expect(html).not.toContain('http://127.0.0.1:8480')
  })

  it.each([
    ['dot segments', 'app://kcc/../secret.txt'],
    ['dot segments under a folder', 'app://kcc/assets/../../secret.txt'],
    ['encoded dot segments', 'app://kcc/%2e%2e/secret.txt'],
    ['mixed-case encoded dot segments', 'app://kcc/assets/%2E%2e/%2e%2E/secret.txt'],
    ['an encoded slash', 'app://kcc/..%2fsecret.txt'],
    ['an encoded backslash', 'app://kcc/..%5csecret.txt'],
    ['a backslash', 'app://kcc/assets\\..\\..\\secret.txt'],
    ['a double-encoded dot segment', 'app://kcc/%252e%252e/secret.txt'],
  ])('never serves a file outside the build folder: %s', async (_case, url) => {
    const response = await serve(url)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('geheim')
  })

  it.each([
    ['an absolute path', `app://kcc/${encodeURIComponent(join(base, 'secret.txt'))}`],
    ['an empty segment', `app://kcc//${base.slice(1)}/secret.txt`],
    ['a drive letter', 'app://kcc/C:%5CWindows%5Cwin.ini'],
    ['a NUL byte', 'app://kcc/index.html%00.js'],
    ['a malformed escape', 'app://kcc/%E0%A4%A'],
    ['a directory', 'app://kcc/assets/'],
    ['a missing file', 'app://kcc/assets/missing.js'],
    ['another host', 'app://other/index.html'],
  ])('answers 404 for %s', async (_case, url) => {
    expect((await serve(url)).status).toBe(404)
  })

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await serve('app://kcc/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    expect((await serve('app://kcc/index.html', 'POST')).status).toBe(405)
  })
})

describe('resolveAppFile', () => {
  it('resolves a NUL byte in a URL nowhere, even where the parser keeps it literally', () => {
    const url = new URL('app://kcc/index.html')
    url.pathname = '/index.html\0'
    expect(resolveAppFile('/opt/kcc/out/renderer', url, 'app:', 'kcc')).toBeUndefined()
  })

  it('resolves a URL with credentials nowhere (a fetch Request cannot even carry one)', () => {
    expect(
      resolveAppFile('/opt/kcc/out/renderer', new URL('app://user@kcc/index.html'), 'app:', 'kcc'),
    ).toBeUndefined()
  })

  it('resolves a nested asset inside the root', () => {
    expect(resolveAppFile('/opt/kcc/out/renderer', new URL('app://kcc/assets/a%20b.js'), 'app:', 'kcc')).toBe(
      '/opt/kcc/out/renderer/assets/a b.js',
    )
  })
})
