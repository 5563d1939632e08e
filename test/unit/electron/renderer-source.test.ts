import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isRendererUrl, resolveRendererSource } from '../../../electron/main/renderer-source'

const indexHtmlPath = '/opt/KCC Werkplek/resources/app.asar/out/renderer/index.html'
const indexUrl = pathToFileURL(indexHtmlPath).href

describe('renderer source', () => {
  it('loads the built index.html when no dev server is given', () => {
    expect(resolveRendererSource({ devServerUrl: undefined, isPackaged: false, indexHtmlPath })).toEqual({
      kind: 'file',
      path: indexHtmlPath,
    })
  })

  it('uses a loopback dev server in an unpacked app', () => {
    expect(
      resolveRendererSource({ devServerUrl: 'http://localhost:5173/', isPackaged: false, indexHtmlPath }),
    ).toEqual({ kind: 'dev-server', url: 'http://localhost:5173/' })
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(
      resolveRendererSource({ devServerUrl: 'http://localhost:5173/', isPackaged: true, indexHtmlPath }).kind,
    ).toBe('file')
  })

  it('refuses a dev server that is not on loopback', () => {
    expect(() =>
      resolveRendererSource({ devServerUrl: 'http://evil.example:5173/', isPackaged: false, indexHtmlPath }),
    ).toThrow(/loopback/)
  })
})

describe('isRendererUrl for the built app', () => {
  const source = { kind: 'file', path: indexHtmlPath } as const

  it('trusts the built index.html, also with a query or fragment', () => {
    expect(isRendererUrl(source, indexUrl)).toBe(true)
    expect(isRendererUrl(source, `${indexUrl}?tab=1#/klant`)).toBe(true)
  })

  it('distrusts any other local file', () => {
    expect(isRendererUrl(source, pathToFileURL('/tmp/evil.html').href)).toBe(false)
    expect(isRendererUrl(source, pathToFileURL(`${indexHtmlPath}.html`).href)).toBe(false)
  })

  it('distrusts web pages and unparsable URLs', () => {
    expect(isRendererUrl(source, 'https://example.com/out/renderer/index.html')).toBe(false)
    expect(isRendererUrl(source, 'not a url')).toBe(false)
    expect(isRendererUrl(source, '')).toBe(false)
  })
})

describe('isRendererUrl for the dev server', () => {
  const source = { kind: 'dev-server', url: 'http://localhost:5173/' } as const

  it('trusts pages of the dev server origin', () => {
    expect(isRendererUrl(source, 'http://localhost:5173/index.html')).toBe(true)
  })

  it('distrusts look-alike hosts, other ports and other schemes', () => {
    // Both start with the dev server's origin string; only a URL parser tells them apart.
    expect(isRendererUrl(source, 'http://localhost:5173@attacker.example/')).toBe(false)
    expect(isRendererUrl(source, 'http://localhost:51730/')).toBe(false)
    expect(isRendererUrl(source, 'http://localhost:5174/')).toBe(false)
    expect(isRendererUrl(source, 'https://localhost:5173/')).toBe(false)
  })
})
