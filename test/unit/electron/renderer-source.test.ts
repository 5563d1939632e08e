import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { isRendererUrl, resolveRendererSource } from '../../../electron/main/renderer-source'

const rendererRoot = '/opt/KCC Werkplek/resources/app.asar/out/renderer'

describe('renderer source', () => {
  it('loads the built renderer from app://kcc when no dev server is given', () => {
    expect(resolveRendererSource({ devServerUrl: undefined, isPackaged: false, rendererRoot })).toEqual({
      kind: 'app',
      url: 'app://kcc/index.html',
      root: rendererRoot,
    })
  })

  it('uses a loopback dev server in an unpacked app', () => {
    expect(
      resolveRendererSource({ devServerUrl: 'http://localhost:5173/', isPackaged: false, rendererRoot }),
    ).toEqual({ kind: 'dev-server', url: 'http://localhost:5173/' })
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(
      resolveRendererSource({ devServerUrl: 'http://localhost:5173/', isPackaged: true, rendererRoot }).kind,
    ).toBe('app')
  })

  it('refuses a dev server that is not on loopback', () => {
    expect(() =>
      resolveRendererSource({ devServerUrl: 'http://evil.example:5173/', isPackaged: false, rendererRoot }),
    ).toThrow(/loopback/)
  })
})

describe('isRendererUrl for the built app', () => {
  const source = resolveRendererSource({ devServerUrl: undefined, isPackaged: true, rendererRoot })

  it('trusts documents of the app://kcc origin, also with a query or fragment', () => {
    expect(isRendererUrl(source, 'app://kcc/index.html')).toBe(true)
    expect(isRendererUrl(source, 'app://kcc/')).toBe(true)
    expect(isRendererUrl(source, 'app://kcc/index.html?tab=1#/klant')).toBe(true)
  })

  it('distrusts the built files as file:// URLs, which any local page shares an origin with', () => {
    expect(isRendererUrl(source, pathToFileURL(`${rendererRoot}/index.html`).href)).toBe(false)
    expect(isRendererUrl(source, pathToFileURL('/tmp/evil.html').href)).toBe(false)
  })

  it('distrusts other hosts, ports and credentials on the app scheme', () => {
    expect(isRendererUrl(source, 'app://kcc.evil.example/index.html')).toBe(false)
    expect(isRendererUrl(source, 'app://evil/index.html')).toBe(false)
    expect(isRendererUrl(source, 'app://kcc:8080/index.html')).toBe(false)
    expect(isRendererUrl(source, 'app://evil@kcc/index.html')).toBe(false)
    expect(isRendererUrl(source, 'app:kcc/index.html')).toBe(false)
    expect(isRendererUrl(source, 'app:///kcc/index.html')).toBe(false)
  })

  it('distrusts web pages and unparsable URLs', () => {
    expect(isRendererUrl(source, 'https://kcc/index.html')).toBe(false)
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

  it('distrusts the app:// origin while the dev server serves the renderer', () => {
    expect(isRendererUrl(source, 'app://kcc/index.html')).toBe(false)
  })
})
