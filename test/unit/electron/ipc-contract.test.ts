import { describe, expect, it } from 'vitest'
import {
  IpcChannel,
  appConfig,
  incomingCallNotice,
  ipcContract,
  nullValue,
  object,
  optional,
  string,
} from '../../../shared/ipc'

// The channels added for the agent desktop; the generic validators are covered in test/unit/shared.

describe('the agent desktop channels', () => {
  it('are named app:config:get and call:incoming:notify', () => {
    expect(IpcChannel.AppConfigGet).toBe('app:config:get')
    expect(IpcChannel.CallIncomingNotify).toBe('call:incoming:notify')
  })

  it('answer app:config:get only with an http(s) gateway URL', () => {
    const validate = ipcContract[IpcChannel.AppConfigGet].response
    expect(validate({ gatewayUrl: 'http://127.0.0.1:8480' }).ok).toBe(true)
    expect(validate({ gatewayUrl: 'https://kcc.gemeente.example/werkplek' }).ok).toBe(true)
    for (const gatewayUrl of ['javascript:alert(1)', 'file:///etc/passwd', 'https://a b', '', 42]) {
      expect(appConfig({ gatewayUrl }).ok).toBe(false)
    }
    expect(appConfig({ gatewayUrl: `https://a.example/${'x'.repeat(2048)}` }).ok).toBe(false)
  })

  it('answer call:incoming:notify with null and nothing else', () => {
    expect(ipcContract[IpcChannel.CallIncomingNotify].response).toBe(nullValue)
    expect(nullValue(null)).toEqual({ ok: true, value: null })
    expect(nullValue(undefined)).toEqual({ ok: false, message: 'value: expected null, got undefined' })
    expect(nullValue({}).ok).toBe(false)
  })

  it('leave an absent klantcontactnummer out of the checked notice', () => {
    expect(incomingCallNotice({ callerNumber: 'burger', klantcontactnummer: undefined })).toEqual({
      ok: true,
      value: { callerNumber: 'burger' },
    })
  })

  it('do not repeat a rejected caller number in the error message', () => {
    const result = incomingCallNotice({ callerNumber: '0612345678\r\nX-Evil: 1' }, 'request')
    expect(result).toEqual({ ok: false, message: 'request.callerNumber: does not have the expected format' })
  })
})

describe('optional object properties', () => {
  const shape = object({ a: string(), b: optional(string({ maxLength: 2 })) })

  it('may be absent', () => {
    expect(shape({ a: 'x' })).toEqual({ ok: true, value: { a: 'x' } })
  })

  it('are checked when present, and null is a value, not absence', () => {
    expect(shape({ a: 'x', b: 'yy' })).toEqual({ ok: true, value: { a: 'x', b: 'yy' } })
    expect(shape({ a: 'x', b: 'yyy' })).toMatchObject({
      ok: false,
      message: 'value.b: expected at most 2 characters',
    })
    expect(shape({ a: 'x', b: null })).toMatchObject({
      ok: false,
      message: 'value.b: expected string, got null',
    })
  })

  it('do not make required properties optional', () => {
    expect(shape({ b: 'y' })).toMatchObject({ ok: false, message: 'value.a: expected string, got undefined' })
  })
})
