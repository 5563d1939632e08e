import type { Session } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { buildContentSecurityPolicy, installContentSecurityPolicy } from '../../../electron/main/csp'

const origins = ['https://kcc.gemeente.example', 'wss://sip.gemeente.example:7443']

function directive(policy: string, name: string): string | undefined {
  return policy
    .split('; ')
    .find((part) => part.startsWith(`${name} `))
    ?.slice(name.length + 1)
}

describe('buildContentSecurityPolicy', () => {
  it('denies everything not explicitly allowed', () => {
    const policy = buildContentSecurityPolicy({ connectOrigins: origins, delivery: 'header' })
    expect(directive(policy, 'default-src')).toBe("'none'")
    expect(directive(policy, 'object-src')).toBe("'none'")
    expect(directive(policy, 'base-uri')).toBe("'none'")
    expect(directive(policy, 'form-action')).toBe("'none'")
  })

  it('allows connections only to the app’s own origin and the configured origins', () => {
    const policy = buildContentSecurityPolicy({ connectOrigins: origins, delivery: 'header' })
    expect(directive(policy, 'connect-src')).toBe(
      "'self' https://kcc.gemeente.example wss://sip.gemeente.example:7443",
    )
  })

  it('lets the web build reach its own gateway (and its ws: sockets) when no origin is configured', () => {
    for (const delivery of ['header', 'meta'] as const) {
      const policy = buildContentSecurityPolicy({ connectOrigins: [], delivery })
      expect(directive(policy, 'connect-src')).toBe("'self'")
    }
  })

  it('lists the app’s own origin once and no wildcard or scheme-wide source', () => {
    const policy = buildContentSecurityPolicy({
      connectOrigins: [...origins, ...origins],
      devServerOrigin: 'http://localhost:5173',
      delivery: 'header',
    })
    const sources = directive(policy, 'connect-src')?.split(' ') ?? []
    expect(sources.filter((source) => source === "'self'")).toHaveLength(1)
    expect(new Set(sources).size).toBe(sources.length)
    expect(sources.some((source) => source === '*' || /^[a-z]+:$/.test(source))).toBe(false)
  })

  it('allows only the app’s own scripts and styles in a built app', () => {
    const policy = buildContentSecurityPolicy({ connectOrigins: origins, delivery: 'meta' })
    expect(directive(policy, 'script-src')).toBe("'self'")
    expect(directive(policy, 'style-src')).toBe("'self'")
    expect(policy).not.toContain('unsafe')
  })

  it('forbids framing in a header policy and omits it from a meta policy, where browsers ignore it', () => {
    expect(
      directive(
        buildContentSecurityPolicy({ connectOrigins: origins, delivery: 'header' }),
        'frame-ancestors',
      ),
    ).toBe("'none'")
    expect(buildContentSecurityPolicy({ connectOrigins: origins, delivery: 'meta' })).not.toContain(
      'frame-ancestors',
    )
  })

  it('lets the dev server run its inline preamble and HMR socket', () => {
    const policy = buildContentSecurityPolicy({
      connectOrigins: origins,
      devServerOrigin: 'http://localhost:5173',
      delivery: 'header',
    })
    expect(directive(policy, 'script-src')).toBe("'self' 'unsafe-inline'")
    expect(directive(policy, 'connect-src')).toContain('ws://localhost:5173')
  })

  it('rejects an origin that would smuggle another directive into the policy', () => {
    expect(() =>
      buildContentSecurityPolicy({
        connectOrigins: ["https://a.example; script-src 'unsafe-eval'"],
        delivery: 'meta',
      }),
    ).toThrow(/not a plain origin/)
    expect(() => buildContentSecurityPolicy({ connectOrigins: ['*'], delivery: 'meta' })).toThrow(
      /not a plain origin/,
    )
    expect(() =>
      buildContentSecurityPolicy({ connectOrigins: ['https://kcc.gemeente.example/api'], delivery: 'meta' }),
    ).toThrow(/not a plain origin/)
  })
})

describe('installContentSecurityPolicy', () => {
  type Listener = (
    details: { resourceType: string; responseHeaders?: Record<string, string[]> },
    callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
  ) => void

  function install(): Listener {
    const onHeadersReceived = vi.fn<(listener: Listener) => void>()
    const session = { webRequest: { onHeadersReceived } } as unknown as Session
    installContentSecurityPolicy(session, "default-src 'none'")
    const listener = onHeadersReceived.mock.calls[0]?.[0]
    if (listener === undefined) {
      throw new Error('no onHeadersReceived listener installed')
    }
    return listener
  }

  it('adds the policy header to documents and keeps their other headers', () => {
    const listener = install()
    const callback = vi.fn()
    listener({ resourceType: 'mainFrame', responseHeaders: { 'X-Other': ['1'] } }, callback)
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': ["default-src 'none'"] },
    })
  })

  it('leaves non-document responses unchanged', () => {
    const listener = install()
    const callback = vi.fn()
    listener({ resourceType: 'xhr', responseHeaders: {} }, callback)
    expect(callback).toHaveBeenCalledWith({})
  })
})
