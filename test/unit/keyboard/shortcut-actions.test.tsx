import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { runShortcut, type ShortcutContext } from '../../../renderer/src/keyboard/shortcut-actions'
import type { ShortcutAction } from '../../../renderer/src/keyboard/shortcuts'
import type { AppStore } from '../../../renderer/src/store'
import { PAUSE_REASONS, type Availability } from '../../../renderer/src/workspace/agent-state'
import { callOf, fakeSoftphone, freshStore, setPhone, transferOf } from './fixtures'

let store: AppStore
let softphone: ReturnType<typeof fakeSoftphone>
let transfers: { cancel: Mock<() => Promise<void>> }
let choose: Mock<(availability: Availability) => void>
let save: Mock<() => boolean>
let toggleHelp: Mock<() => void>

beforeEach(() => {
  document.body.innerHTML = ''
  store = freshStore()
  softphone = fakeSoftphone()
  transfers = { cancel: vi.fn(() => Promise.resolve()) }
  choose = vi.fn<(availability: Availability) => void>()
  save = vi.fn(() => true)
  toggleHelp = vi.fn<() => void>()
})

function run(action: ShortcutAction, focused: Element | null = null): boolean {
  const context: ShortcutContext = {
    state: store.getState(),
    softphone,
    transfers,
    agentLogin: 'medewerker1',
    choose,
    save,
    toggleHelp,
    focused,
  }
  return runShortcut(action, context)
}

describe('the call shortcuts', () => {
  it('answer and decline only a ringing call', () => {
    expect(run('answer')).toBe(false)
    expect(run('decline')).toBe(false)
    setPhone(store, { call: callOf({ state: 'ringing', answeredAt: undefined }) })
    expect(run('answer')).toBe(true)
    expect(softphone.answer).toHaveBeenCalledTimes(1)
    expect(run('decline')).toBe(true)
    expect(softphone.decline).toHaveBeenCalledTimes(1)
  })

  it('hang up a call in progress, not a ringing one', () => {
    setPhone(store, { call: callOf({ state: 'ringing', answeredAt: undefined }) })
    expect(run('hangup')).toBe(false)
    setPhone(store, { call: callOf() })
    expect(run('hangup')).toBe(true)
    expect(softphone.hangup).toHaveBeenCalledTimes(1)
  })

  it('during a warm transfer end only the consult, never the waiting customer', () => {
    setPhone(store, {
      call: callOf({ state: 'on_hold', held: true }),
      consult: callOf({ id: 'consult-1', direction: 'outbound', state: 'active' }),
      transfer: transferOf(),
    })
    expect(run('hangup')).toBe(true)
    expect(transfers.cancel).toHaveBeenCalledTimes(1)
    expect(softphone.hangup).not.toHaveBeenCalled()
  })

  it('do nothing on a hang-up while a blind transfer hands the customer on', () => {
    setPhone(store, { call: callOf(), transfer: transferOf({ kind: 'blind', state: 'completing' }) })
    expect(run('hangup')).toBe(false)
    expect(softphone.hangup).not.toHaveBeenCalled()
    expect(transfers.cancel).not.toHaveBeenCalled()
  })

  it('put the call on hold and take it back', () => {
    expect(run('hold')).toBe(false)
    setPhone(store, { call: callOf() })
    expect(run('hold')).toBe(true)
    expect(softphone.hold).toHaveBeenCalledTimes(1)
    setPhone(store, { call: callOf({ state: 'on_hold', held: true }) })
    expect(run('hold')).toBe(true)
    expect(softphone.resume).toHaveBeenCalledTimes(1)
  })

  it('switch the microphone off and on', () => {
    expect(run('mute')).toBe(false)
    setPhone(store, { call: callOf() })
    run('mute')
    setPhone(store, { call: callOf({ muted: true }) })
    run('mute')
    expect(softphone.mute.mock.calls).toEqual([[true], [false]])
  })

  it('open the Doorverbinden dialog during a call, once', () => {
    expect(run('transfer')).toBe(false)
    setPhone(store, { call: callOf() })
    expect(run('transfer')).toBe(true)
    expect(store.getState().transfer.dialogOpen).toBe(true)
    expect(run('transfer')).toBe(false)
  })

  it('offer no Doorverbinden on a colleague’s consult that still rings through to this agent', () => {
    setPhone(store, { call: callOf({ assertedCaller: '1001', klantcontactnummer: '26000001' as never }) })
    expect(run('transfer')).toBe(false)
  })
})

describe('the other shortcuts', () => {
  it('save the active form when there is one', () => {
    expect(run('save')).toBe(true)
    save.mockReturnValue(false)
    expect(run('save')).toBe(false)
  })

  it('choose the agent’s status, a pause without the reason of an earlier one', () => {
    store.getState().workspace.setPauseReason(PAUSE_REASONS[0])
    run('status_beschikbaar')
    run('status_pauze')
    run('status_nawerk')
    expect(choose.mock.calls).toEqual([['beschikbaar'], ['pauze'], ['nawerk']])
    expect(store.getState().workspace.pauseReason).toBeUndefined()
  })

  it('open a new klantcontact for the agent', () => {
    expect(run('new_klantcontact')).toBe(true)
    const drafts = Object.values(store.getState().klantcontact.drafts)
    expect(drafts).toHaveLength(1)
    expect(drafts[0]?.agentLogin).toBe('medewerker1')
  })

  it('open the help with ?, but not while the agent types a question mark in a field', () => {
    const field = document.createElement('textarea')
    const button = document.createElement('button')
    document.body.append(field, button)
    expect(run('help', field)).toBe(false)
    expect(run('help', button)).toBe(true)
    expect(toggleHelp).toHaveBeenCalledTimes(1)
  })
})
