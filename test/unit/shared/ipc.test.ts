import { describe, expect, it } from 'vitest'
import {
  IpcChannel,
  appInfo,
  ipcContract,
  noPayload,
  object,
  parseIpcResult,
  string,
} from '../../../shared/ipc'

describe('IPC channel names', () => {
  it('follow the domain:action pattern', () => {
    for (const channel of Object.values(IpcChannel)) {
      expect(channel).toMatch(/^[a-z]+(:[a-z-]+)+$/)
    }
  })

  it('each have a request and a response validator', () => {
    for (const channel of Object.values(IpcChannel)) {
      expect(ipcContract[channel].request).toBeTypeOf('function')
      expect(ipcContract[channel].response).toBeTypeOf('function')
    }
  })
})

describe('validators', () => {
  it('noPayload accepts only undefined', () => {
    expect(noPayload(undefined)).toEqual({ ok: true, value: undefined })
    expect(noPayload(null).ok).toBe(false)
    expect(noPayload({}).ok).toBe(false)
  })

  it('string enforces type and length', () => {
    const name = string({ minLength: 1, maxLength: 3 })
    expect(name('abc')).toEqual({ ok: true, value: 'abc' })
    expect(name('')).toMatchObject({ ok: false, message: 'value: expected at least 1 characters' })
    expect(name('abcd').ok).toBe(false)
    expect(name(42)).toMatchObject({ ok: false, message: 'value: expected string, got number' })
  })

  it('object rejects unknown properties instead of silently dropping them', () => {
    const point = object({ x: string() })
    expect(point({ x: 'a', y: 'b' })).toEqual({ ok: false, message: 'value.y: unexpected property' })
  })

  it('object names the failing property path', () => {
    expect(appInfo({ name: 'kcc', version: 1 }, 'reply')).toEqual({
      ok: false,
      message: 'reply.version: expected string, got number',
    })
  })

  it('object rejects arrays, null and primitives', () => {
    expect(appInfo([]).ok).toBe(false)
    expect(appInfo(null).ok).toBe(false)
    expect(appInfo('kcc').ok).toBe(false)
  })

  it('object is not fooled by a prototype-polluting key', () => {
    expect(appInfo(JSON.parse('{"name":"kcc","version":"1","__proto__":{"x":1}}')).ok).toBe(false)
  })

  it('app info accepts a name and a version', () => {
    expect(appInfo({ name: 'kcc-desktop', version: '0.1.0' })).toEqual({
      ok: true,
      value: { name: 'kcc-desktop', version: '0.1.0' },
    })
  })
})

describe('parseIpcResult', () => {
  it('returns a valid success reply', () => {
    expect(parseIpcResult({ ok: true, value: { name: 'kcc', version: '1' } }, appInfo)).toEqual({
      ok: true,
      value: { name: 'kcc', version: '1' },
    })
  })

  it('keeps a well-formed failure reply', () => {
    expect(
      parseIpcResult({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'no' } }, appInfo),
    ).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER', message: 'no' },
    })
  })

  it('turns a success whose value breaks the contract into INVALID_RESPONSE', () => {
    expect(parseIpcResult({ ok: true, value: { name: 'kcc' } }, appInfo)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_RESPONSE', message: 'reply.value.version: expected string, got undefined' },
    })
  })

  it('turns an unknown error code into INVALID_RESPONSE', () => {
    expect(parseIpcResult({ ok: false, error: { code: 'PWNED', message: 'x' } }, appInfo)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_RESPONSE' },
    })
  })

  it.each([undefined, null, 'ok', {}, { ok: 'true', value: {} }])('rejects %j as a reply', (reply) => {
    expect(parseIpcResult(reply, appInfo)).toMatchObject({ ok: false, error: { code: 'INVALID_RESPONSE' } })
  })
})
