import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState, type FormEvent } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest'
import { closeHelp } from '../../../renderer/src/keyboard/help-state'
import { HelpOverlay } from '../../../renderer/src/keyboard/HelpOverlay'
import { useSaveShortcut } from '../../../renderer/src/keyboard/save-registry'
import { useShortcuts } from '../../../renderer/src/keyboard/use-shortcuts'
import { isSaveShortcut } from '../../../renderer/src/lib/save-shortcut'
import { ServicesContext, type Services } from '../../../renderer/src/services/context'
import { useAppStore } from '../../../renderer/src/store'
import type { Availability } from '../../../renderer/src/workspace/agent-state'
import { callOf, fakeSoftphone, setPhone } from './fixtures'

let softphone: ReturnType<typeof fakeSoftphone>
let choose: Mock<(availability: Availability) => void>

beforeEach(() => {
  localStorage.clear()
  useAppStore.setState(useAppStore.getInitialState(), true)
  softphone = fakeSoftphone()
  choose = vi.fn<(availability: Availability) => void>()
})
afterEach(() => {
  act(() => closeHelp())
  cleanup()
})

/** A form that saves with its button, its own Ctrl+S, and the app-wide one. */
function SavingForm({ onSave }: { readonly onSave: () => void }) {
  const [text, setText] = useState('')
  const form = useSaveShortcut(onSave)
  return (
    <form
      ref={form}
      onSubmit={(event: FormEvent) => {
        event.preventDefault()
        onSave()
      }}
      onKeyDown={(event) => {
        if (isSaveShortcut(event)) {
          event.preventDefault()
          onSave()
        }
      }}
    >
      <label>
        Inhoud
        <textarea value={text} onChange={(event) => setText(event.target.value)} />
      </label>
    </form>
  )
}

function Workspace({ onSave }: { readonly onSave?: () => void }) {
  useShortcuts({ agentLogin: 'medewerker1', onChoose: choose })
  return (
    <>
      <label>
        Zoeken
        <input type="text" />
      </label>
      <button type="button">Vernieuwen</button>
      {onSave ? <SavingForm onSave={onSave} /> : null}
      <HelpOverlay />
    </>
  )
}

function renderWorkspace(onSave?: () => void) {
  const services = { softphone, transfers: { cancel: vi.fn() } } as unknown as Services
  return render(
    <ServicesContext.Provider value={services}>
      <Workspace {...(onSave ? { onSave } : {})} />
    </ServicesContext.Provider>,
  )
}

const altKey = (letter: string) => ({ key: letter, code: `Key${letter.toUpperCase()}`, altKey: true })

describe('the shortcuts in the workspace', () => {
  it('answer a ringing call from a text field, and keep the key from the field', () => {
    act(() => setPhone(useAppStore, { call: callOf({ state: 'ringing', answeredAt: undefined }) }))
    renderWorkspace()
    const field = screen.getByLabelText('Zoeken')
    field.focus()
    const applied = fireEvent.keyDown(field, altKey('o'))
    expect(softphone.answer).toHaveBeenCalledTimes(1)
    expect(applied).toBe(false)
  })

  it('let a key pass untouched when its action does not apply', () => {
    renderWorkspace()
    const field = screen.getByLabelText('Zoeken')
    expect(fireEvent.keyDown(field, altKey('o'))).toBe(true)
    expect(softphone.answer).not.toHaveBeenCalled()
  })

  it('choose the status from anywhere', () => {
    renderWorkspace()
    fireEvent.keyDown(screen.getByRole('button', { name: 'Vernieuwen' }), altKey('p'))
    expect(choose).toHaveBeenCalledWith('pauze')
  })

  it('save the form on screen with Ctrl+S from outside it, and once from inside it', () => {
    const onSave = vi.fn()
    renderWorkspace(onSave)
    fireEvent.keyDown(screen.getByLabelText('Zoeken'), { key: 's', code: 'KeyS', ctrlKey: true })
    expect(onSave).toHaveBeenCalledTimes(1)
    fireEvent.keyDown(screen.getByLabelText('Inhoud'), { key: 's', code: 'KeyS', ctrlKey: true })
    expect(onSave).toHaveBeenCalledTimes(2)
  })

  it('stop listening when the workspace goes', () => {
    act(() => setPhone(useAppStore, { call: callOf({ state: 'ringing', answeredAt: undefined }) }))
    const { unmount } = renderWorkspace()
    unmount()
    fireEvent.keyDown(document.body, altKey('o'))
    expect(softphone.answer).not.toHaveBeenCalled()
  })
})

describe('the shortcut overlay', () => {
  it('opens with ?, lists every shortcut, closes with Escape and gives the focus back', () => {
    renderWorkspace()
    const button = screen.getByRole('button', { name: 'Vernieuwen' })
    button.focus()
    act(() => {
      fireEvent.keyDown(button, { key: '?', code: 'Slash', shiftKey: true })
    })
    const dialog = screen.getByRole('dialog', { name: 'Sneltoetsen' })
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(dialog.contains(document.activeElement)).toBe(true)
    expect(screen.getByRole('row', { name: /Alt\+O\s*Opnemen/ })).toBeTruthy()
    expect(screen.getByRole('row', { name: /Ctrl\+S\s*Klantcontact opslaan/ })).toBeTruthy()
    act(() => {
      fireEvent.keyDown(document.activeElement!, { key: 'Escape' })
    })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(button)
  })

  it('does not open when the agent types a question mark', () => {
    renderWorkspace()
    const field = screen.getByLabelText('Zoeken')
    field.focus()
    fireEvent.keyDown(field, { key: '?', code: 'Slash', shiftKey: true })
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('keeps Tab inside the dialog', () => {
    renderWorkspace()
    act(() => {
      fireEvent.keyDown(document.body, { key: '?', shiftKey: true })
    })
    const close = screen.getByRole('button', { name: 'Sluiten' })
    expect(document.activeElement).toBe(close)
    fireEvent.keyDown(close, { key: 'Tab' })
    expect(document.activeElement).toBe(close)
  })
})
