import type { Session } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { decidePermission, installPermissionHandlers } from '../../../electron/main/permissions'
import { memoryLog } from './memory-log'

const ourUrl = 'app://kcc/index.html'
const isOurs = (url: string): boolean => url === ourUrl

const decide = (permission: string, mediaTypes: string[] = [], url: string | undefined = ourUrl) =>
  decidePermission(permission, url, { mediaTypes }, isOurs)

describe('permission table', () => {
  it('allows microphone-only media for the softphone', () => {
    expect(decide('media', ['audio']).allowed).toBe(true)
  })

  it('denies camera access', () => {
    expect(decide('media', ['video']).allowed).toBe(false)
  })

  it('denies a media request that asks for microphone and camera together', () => {
    expect(decide('media', ['audio', 'video']).allowed).toBe(false)
  })

  it('denies a media request or check that does not say which device it wants', () => {
    expect(decide('media', []).allowed).toBe(false)
    expect(decide('media', ['unknown']).allowed).toBe(false)
  })

  it('allows notifications for incoming calls', () => {
    expect(decide('notifications')).toEqual({ allowed: true, reason: 'incoming-call notifications' })
  })

  it.each([
    'geolocation',
    'display-capture',
    'openExternal',
    'clipboard-read',
    'clipboard-sanitized-write',
    'midi',
    'midiSysex',
    'pointerLock',
    'keyboardLock',
    'fullscreen',
    'hid',
    'usb',
    'serial',
    'fileSystem',
    'idle-detection',
    'window-management',
    'storage-access',
    'unknown',
  ])('denies %s', (permission) => {
    expect(decide(permission, ['audio'])).toEqual({ allowed: false, reason: 'not in the permission table' })
  })

  it('does not mistake inherited object properties for table entries', () => {
    expect(decide('toString').allowed).toBe(false)
    expect(decide('constructor').allowed).toBe(false)
    expect(decide('__proto__').allowed).toBe(false)
  })

  it('denies even allowed permissions to a document that is not our renderer', () => {
    expect(decide('media', ['audio'], 'https://evil.example/')).toEqual({
      allowed: false,
      reason: 'requesting document is not our renderer',
    })
    // A check made on behalf of no document (e.g. a service worker) has no requesting URL.
    expect(decidePermission('notifications', undefined, { mediaTypes: [] }, isOurs).allowed).toBe(false)
  })
})

describe('installPermissionHandlers', () => {
  type RequestHandler = (
    webContents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: { requestingUrl: string; mediaTypes?: string[] },
  ) => void
  type CheckHandler = (
    webContents: unknown,
    permission: string,
    requestingOrigin: string,
    details: { requestingUrl?: string; mediaType?: string },
  ) => boolean

  function install() {
    const setPermissionRequestHandler = vi.fn<(handler: RequestHandler) => void>()
    const setPermissionCheckHandler = vi.fn<(handler: CheckHandler) => void>()
    const session = { setPermissionRequestHandler, setPermissionCheckHandler } as unknown as Session
    const { log, entries } = memoryLog()
    installPermissionHandlers(session, isOurs, log)
    const request = setPermissionRequestHandler.mock.calls[0]?.[0]
    const check = setPermissionCheckHandler.mock.calls[0]?.[0]
    if (request === undefined || check === undefined) {
      throw new Error('permission handlers not installed')
    }
    return { request, check, entries }
  }

  it('grants a microphone request and denies a camera request', () => {
    const { request } = install()
    const callback = vi.fn()
    request({}, 'media', callback, { requestingUrl: ourUrl, mediaTypes: ['audio'] })
    request({}, 'media', callback, { requestingUrl: ourUrl, mediaTypes: ['video'] })
    expect(callback.mock.calls).toEqual([[true], [false]])
  })

  it('answers permission checks with the same table', () => {
    const { check } = install()
    expect(check(null, 'media', 'app://kcc', { requestingUrl: ourUrl, mediaType: 'audio' })).toBe(true)
    expect(check(null, 'media', 'app://kcc', { requestingUrl: ourUrl, mediaType: 'video' })).toBe(false)
    expect(check(null, 'geolocation', 'app://kcc', { requestingUrl: ourUrl })).toBe(false)
  })

  it('logs every decision with its reason', () => {
    const { request, check, entries } = install()
    request({}, 'geolocation', () => undefined, { requestingUrl: ourUrl })
    check(null, 'notifications', 'app://kcc', { requestingUrl: ourUrl })
    expect(entries()).toEqual([
      expect.objectContaining({
        msg: 'permission decision',
        kind: 'request',
        permission: 'geolocation',
        allowed: false,
        reason: 'not in the permission table',
      }),
      expect.objectContaining({ kind: 'check', permission: 'notifications', allowed: true }),
    ])
  })
})
