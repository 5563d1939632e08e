import { afterEach, describe, expect, it } from 'vitest'
import { listenForSsoRedirect, type LoopbackListener } from '../../../electron/main/sso-loopback'
import { memoryLog } from './memory-log'

const STATE = 'state-0123456789abcdef'
const CODE = 'code-0123456789abcdefghij'

const listeners: LoopbackListener[] = []

async function listen(timeoutMs = 60_000) {
  const { log, entries } = memoryLog()
  const listener = await listenForSsoRedirect({ state: STATE, timeoutMs, log })
  listeners.push(listener)
  const get = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${listener.port}${path}`, init)
  return { listener, get, entries }
}

afterEach(() => {
  for (const listener of listeners.splice(0)) {
    listener.cancel()
  }
})

describe('the single-sign-on loopback listener', () => {
  it('takes the code that comes back with its state, thanks the agent in Dutch and closes', async () => {
    const { listener, get } = await listen()
    const response = await get(`/aanmelden?code=${CODE}&state=${STATE}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(await response.text()).toContain('U kunt dit venster sluiten.')
    await expect(listener.result).resolves.toEqual({ outcome: 'code', code: CODE })
    await expect(get(`/aanmelden?code=${CODE}&state=${STATE}`)).rejects.toThrow()
  })

  it('refuses a redirect with another state and keeps waiting for the right one', async () => {
    const { listener, get, entries } = await listen()
    const foreign = await get(`/aanmelden?code=${CODE}&state=someone-elses-state`)
    expect(foreign.status).toBe(400)
    expect(await foreign.text()).toContain('niet gestart door de KCC Werkplek')
    expect(JSON.stringify(entries())).not.toContain(CODE)
    const right = await get(`/aanmelden?code=${CODE}&state=${STATE}`)
    expect(right.status).toBe(200)
    await expect(listener.result).resolves.toEqual({ outcome: 'code', code: CODE })
  })

  it('refuses a missing or malformed code, without repeating it in the page', async () => {
    const { get } = await listen()
    expect((await get(`/aanmelden?state=${STATE}`)).status).toBe(400)
    const markup = await get(`/aanmelden?state=${STATE}&code=${encodeURIComponent('<script>x</script>')}`)
    expect(markup.status).toBe(400)
    expect(await markup.text()).not.toContain('<script>')
  })

  it('answers only GET on /aanmelden', async () => {
    const { get } = await listen()
    expect((await get(`/elders?code=${CODE}&state=${STATE}`)).status).toBe(404)
    expect((await get(`/aanmelden?code=${CODE}&state=${STATE}`, { method: 'POST' })).status).toBe(405)
  })

  it('listens on 127.0.0.1 only, on a port the system chose', async () => {
    const { listener } = await listen()
    expect(listener.port).toBeGreaterThan(0)
    await expect(fetch(`http://[::1]:${listener.port}/aanmelden`)).rejects.toThrow()
  })

  it('ends as cancelled and closes the port when cancelled', async () => {
    const { listener, get } = await listen()
    listener.cancel()
    await expect(listener.result).resolves.toEqual({ outcome: 'cancelled' })
    await expect(get(`/aanmelden?code=${CODE}&state=${STATE}`)).rejects.toThrow()
  })

  it('ends as timeout when the browser does not come back in time', async () => {
    const { listener } = await listen(1)
    await expect(listener.result).resolves.toEqual({ outcome: 'timeout' })
  })
})
