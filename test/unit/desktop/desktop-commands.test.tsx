import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { runDesktopCommand, type DesktopCommandContext } from '../../../renderer/src/desktop/desktop-commands'
import { trayStatusOf } from '../../../renderer/src/desktop/tray-status'
import { createLogger } from '../../../renderer/src/log'
import type { AppStore } from '../../../renderer/src/store'
import type { Availability } from '../../../renderer/src/workspace/agent-state'
import type { DesktopCommand } from '../../../shared/ipc'
import { callOf, fakeSoftphone, freshStore, setPhone, transferOf } from '../keyboard/fixtures'

let store: AppStore
let softphone: ReturnType<typeof fakeSoftphone> & { call: ReturnType<typeof vi.fn> }
let api: { klantcontactByNummer: ReturnType<typeof vi.fn>; resolveTransfer: ReturnType<typeof vi.fn> }
let choose: Mock<(availability: Availability) => void>
let logout: Mock<() => void>
let context: DesktopCommandContext

beforeEach(() => {
  store = freshStore()
  softphone = { ...fakeSoftphone(), call: vi.fn(() => Promise.resolve()) }
  api = { klantcontactByNummer: vi.fn(() => new Promise(() => undefined)), resolveTransfer: vi.fn() }
  choose = vi.fn<(availability: Availability) => void>()
  logout = vi.fn<() => void>()
  context = {
    state: store.getState,
    services: {
      softphone,
      api,
      transfers: { cancel: vi.fn(() => Promise.resolve()) },
    } as unknown as DesktopCommandContext['services'],
    agentLogin: 'medewerker1',
    choose,
    logout,
    log: createLogger('test'),
  }
  setPhone(store, { registration: 'registered' })
})

const run = (command: DesktopCommand): boolean => runDesktopCommand(command, context)

describe('tray status', () => {
  it('follows the agent’s choice, and any call state is In gesprek', () => {
    expect(trayStatusOf('beschikbaar', { call: null, transfer: null })).toBe('beschikbaar')
    expect(trayStatusOf('nawerk', { call: null, transfer: null })).toBe('nawerk')
    expect(
      trayStatusOf('pauze', { call: callOf({ state: 'ringing', answeredAt: undefined }), transfer: null }),
    ).toBe('in_gesprek')
    expect(
      trayStatusOf('beschikbaar', { call: callOf({ state: 'on_hold', held: true }), transfer: transferOf() }),
    ).toBe('in_gesprek')
    expect(trayStatusOf('offline', { call: null, transfer: null })).toBe('pauze')
  })
})

describe('desktop commands', () => {
  it('chooses Beschikbaar and Pauze as the status control does, and logs out on Afmelden', () => {
    store.getState().workspace.setPauseReason('lunch')
    expect(run({ kind: 'status', choice: 'pauze' })).toBe(true)
    expect(choose).toHaveBeenLastCalledWith('pauze')
    expect(store.getState().workspace.pauseReason).toBeUndefined()
    run({ kind: 'status', choice: 'beschikbaar' })
    expect(choose).toHaveBeenLastCalledWith('beschikbaar')
    run({ kind: 'status', choice: 'afmelden' })
    expect(logout).toHaveBeenCalledOnce()
  })

  it('answers, hangs up and mutes through the keyboard’s actions, with their rules', () => {
    expect(run({ kind: 'shortcut', action: 'answer' })).toBe(false)
    setPhone(store, { call: callOf({ state: 'ringing', answeredAt: undefined }) })
    expect(run({ kind: 'shortcut', action: 'answer' })).toBe(true)
    expect(softphone.answer).toHaveBeenCalledOnce()
    setPhone(store, { call: callOf() })
    expect(run({ kind: 'shortcut', action: 'mute' })).toBe(true)
    expect(softphone.mute).toHaveBeenCalledWith(true)
    expect(run({ kind: 'shortcut', action: 'hangup' })).toBe(true)
    expect(softphone.hangup).toHaveBeenCalledOnce()
  })

  it('dials a number from a link on the agent’s own domain, only when registered and free', () => {
    expect(run({ kind: 'dial', target: '0201234567' })).toBe(true)
    expect(softphone.call).toHaveBeenCalledWith('0201234567')
    setPhone(store, { call: callOf() })
    expect(run({ kind: 'dial', target: '0201234568' })).toBe(false)
    setPhone(store, { call: null, registration: 'unregistered' })
    expect(run({ kind: 'dial', target: '0201234569' })).toBe(false)
    expect(softphone.call).toHaveBeenCalledOnce()
  })

  it('refuses a dial target that is not a number or extension, whatever main sent', () => {
    const forged = { kind: 'dial', target: 'sip:0900@premium.example' } as unknown as DesktopCommand
    expect(run(forged)).toBe(false)
    expect(softphone.call).not.toHaveBeenCalled()
  })

  it('opens a klantcontact link through the manual open path, which asks the gateway', () => {
    expect(run({ kind: 'open', nummer: '26000001' })).toBe(true)
    expect(api.klantcontactByNummer).toHaveBeenCalledWith('26000001')
    expect(api.resolveTransfer).not.toHaveBeenCalled()
  })

  it('refuses a nummer that is not one', () => {
    expect(run({ kind: 'open', nummer: '26 000 001' } as DesktopCommand)).toBe(false)
    expect(api.klantcontactByNummer).not.toHaveBeenCalled()
  })
})
