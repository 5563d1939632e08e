import { describe, expect, it, vi } from 'vitest'
import {
  addressBeforeSso,
  rememberWebSso,
  takeWebSsoReturn,
  webStartUrl,
} from '../../../renderer/src/login/sso-web'

const secrets = {
  verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  state: 'state-0123456789abcdef',
}
const CODE = 'handoff-0123456789abcdefghij'
const WORKSPACE = { pathname: '/', search: '', hash: '' }

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  }
}

function returnTo(hash: string, storage = memoryStorage()) {
  const history = { replaceState: vi.fn() }
  const result = takeWebSsoReturn({ hash, pathname: '/', search: '' }, history, storage)
  return { result, history, storage }
}

describe('single sign-on in the web build', () => {
  it('starts at the gateway with the challenge and the state, never the verifier', () => {
    const url = new URL(webStartUrl('https://kcc.gemeente.example/', secrets))
    expect(`${url.origin}${url.pathname}`).toBe('https://kcc.gemeente.example/api/auth/oidc/start')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client: 'web',
      challenge: secrets.challenge,
      state: secrets.state,
    })
  })

  it('takes the code that returns with the state it started with, and the verifier it kept', () => {
    const storage = memoryStorage()
    rememberWebSso(storage, secrets, WORKSPACE)
    const { result, history } = returnTo(`#sso=${CODE}&state=${secrets.state}`, storage)
    expect(result).toEqual({ kind: 'code', code: CODE, verifier: secrets.verifier })
    // The code leaves the address bar and the history entry at once.
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/')
    expect(storage.items.size).toBe(0)
  })

  it('takes a return once: a second one (reload, back button) finds nothing pending', () => {
    const storage = memoryStorage()
    rememberWebSso(storage, secrets, WORKSPACE)
    const hash = `#sso=${CODE}&state=${secrets.state}`
    expect(returnTo(hash, storage).result.kind).toBe('code')
    expect(returnTo(hash, storage).result).toEqual({ kind: 'refused' })
  })

  it('refuses a return with another state, and forgets the pending sign-in', () => {
    const storage = memoryStorage()
    rememberWebSso(storage, secrets, WORKSPACE)
    const { result, history } = returnTo(`#sso=${CODE}&state=forged-state-0123456789`, storage)
    expect(result).toEqual({ kind: 'refused' })
    expect(history.replaceState).toHaveBeenCalled()
    expect(storage.items.size).toBe(0)
  })

  it('refuses a malformed code and a damaged pending value', () => {
    const storage = memoryStorage()
    rememberWebSso(storage, secrets, WORKSPACE)
    expect(returnTo(`#sso=%3Cb%3E&state=${secrets.state}`, storage).result).toEqual({ kind: 'refused' })
    storage.setItem('kcc.sso.pending', '{not json')
    expect(returnTo(`#sso=${CODE}&state=${secrets.state}`, storage).result).toEqual({ kind: 'refused' })
  })

  it('brings a wall screen back to the wallboard it signed in on, in the address and for the screen choice', () => {
    const storage = memoryStorage()
    rememberWebSso(storage, secrets, { pathname: '/', search: '', hash: '#/wallboard' })
    const hash = `#sso=${CODE}&state=${secrets.state}`
    expect(addressBeforeSso({ hash }, storage)).toEqual({ hash: '#/wallboard', search: '' })
    const { result, history } = returnTo(hash, storage)
    expect(result.kind).toBe('code')
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/#/wallboard')
    // Only while at the return: a page loaded normally chooses by its own address.
    expect(addressBeforeSso({ hash: '#/wallboard' }, storage)).toBeUndefined()
  })

  it('never takes another site as the address to return to', () => {
    const storage = memoryStorage()
    storage.setItem(
      'kcc.sso.pending',
      JSON.stringify({ verifier: secrets.verifier, state: secrets.state, returnTo: '//evil.example/' }),
    )
    const { result, history } = returnTo(`#sso=${CODE}&state=${secrets.state}`, storage)
    expect(result.kind).toBe('code')
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/')
  })

  it('leaves any other fragment alone', () => {
    const { result, history } = returnTo('#/wallboard')
    expect(result).toEqual({ kind: 'none' })
    expect(history.replaceState).not.toHaveBeenCalled()
  })
})
