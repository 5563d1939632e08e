import { describe, expect, it } from 'vitest'
import { actionOf, ariaKeyshortcuts, SHORTCUTS, shortcutHint } from '../../../renderer/src/keyboard/shortcuts'

const press = (
  key: string | undefined,
  modifiers: { alt?: boolean; ctrl?: boolean; meta?: boolean; shift?: boolean; code?: string } = {},
) => ({
  ...(key !== undefined ? { key } : {}),
  ...(modifiers.code !== undefined ? { code: modifiers.code } : {}),
  altKey: modifiers.alt ?? false,
  ctrlKey: modifiers.ctrl ?? false,
  metaKey: modifiers.meta ?? false,
  shiftKey: modifiers.shift ?? false,
})

describe('the shortcut table', () => {
  it('gives every action its own key', () => {
    const keys = SHORTCUTS.map((s) => `${String(s.alt)}-${String(s.ctrl)}-${s.key}`)
    expect(new Set(keys).size).toBe(SHORTCUTS.length)
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length)
  })

  it('reads every shortcut back from the key press it names', () => {
    for (const shortcut of SHORTCUTS) {
      const key = shortcut.key
      const event = press(key, {
        alt: shortcut.alt,
        ctrl: shortcut.ctrl,
        shift: key === '?',
        ...(key.length === 1 && /[a-z]/.test(key) ? { code: `Key${key.toUpperCase()}` } : {}),
      })
      expect(actionOf(event)).toBe(shortcut.action)
    }
  })

  it('takes Alt+letter from the key’s place, as macOS Option types another character', () => {
    expect(actionOf(press('ø', { alt: true, code: 'KeyO' }))).toBe('answer')
  })

  it('takes Ctrl+S from the character, as the browser’s own save does on any layout', () => {
    expect(actionOf(press('s', { ctrl: true, code: 'KeyO' }))).toBe('save')
    expect(actionOf(press('o', { ctrl: true, code: 'KeyS' }))).toBeUndefined()
    expect(actionOf(press('S', { meta: true, code: 'KeyS' }))).toBe('save')
  })

  it('asks for nothing on plain letters, other modifiers, AltGr or an autofill event without a key', () => {
    expect(actionOf(press('o', { code: 'KeyO' }))).toBeUndefined()
    expect(actionOf(press('O', { alt: true, shift: true, code: 'KeyO' }))).toBeUndefined()
    expect(actionOf(press('o', { alt: true, ctrl: true, code: 'KeyO' }))).toBeUndefined()
    expect(actionOf(press(undefined))).toBeUndefined()
    expect(actionOf(press('?', { alt: true, shift: true }))).toBeUndefined()
  })

  it('names the keys for aria-keyshortcuts and for the visible hint', () => {
    expect(ariaKeyshortcuts('answer')).toBe('Alt+O')
    expect(ariaKeyshortcuts('save')).toBe('Control+S')
    expect(shortcutHint('save')).toBe('Ctrl+S')
    expect(shortcutHint('help')).toBe('?')
  })
})
