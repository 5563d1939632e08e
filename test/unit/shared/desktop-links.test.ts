import { describe, expect, it } from 'vitest'
import { checkAccelerator } from '../../../shared/desktop/accelerator'
import { normalisePhoneNumber, parsePhoneLink } from '../../../shared/desktop/phone-link'
import { desktopCommand, desktopSettings } from '../../../shared/ipc'

describe('phone links', () => {
  it.each([
    ['tel:0201234567', '0201234567'],
    ['tel:+31-20-123-4567', '+31201234567'],
    ['tel:+31%2020%20123%204567', '+31201234567'],
    ['TEL:(020) 123.45.67', '0201234567'],
    ['tel://0612345678', '0612345678'],
  ])('dials %s as %s', (link, target) => {
    expect(parsePhoneLink(link, undefined)).toEqual({ ok: true, target })
  })

  it.each([
    ['a parameter', 'tel:0201234567;ext=12'],
    ['DTMF after the number', 'tel:0201234567,,1234'],
    ['a service code', 'tel:*31#0201234567'],
    ['letters', 'tel:call-me'],
    ['a line break', 'tel:020%0D%0A123'],
    ['broken percent-encoding', 'tel:020%E0%A4%A'],
    ['one digit', 'tel:1'],
    ['an overlong number', `tel:${'1'.repeat(300)}`],
  ])('refuses a tel: link with %s', (_case, link) => {
    expect(parsePhoneLink(link, 'kcc.test')).toEqual({ ok: false, reason: 'number' })
  })

  it('dials a sip: link on the configured domain by its user part, ignoring case in the domain', () => {
    expect(parsePhoneLink('sip:0201234567@KCC.test', 'kcc.test')).toEqual({ ok: true, target: '0201234567' })
    expect(parsePhoneLink('sip:vergunningen@kcc.test', 'kcc.test')).toEqual({
      ok: true,
      target: 'vergunningen',
    })
  })

  it('refuses a sip: link to another domain, with a port or parameters, or without a configured domain', () => {
    expect(parsePhoneLink('sip:0900123@premium.example', 'kcc.test')).toEqual({ ok: false, reason: 'domain' })
    expect(parsePhoneLink('sip:0201234567@kcc.test:5060', 'kcc.test')).toEqual({
      ok: false,
      reason: 'number',
    })
    expect(parsePhoneLink('sip:0201234567@kcc.test;transport=tcp', 'kcc.test')).toMatchObject({ ok: false })
    expect(parsePhoneLink('sip:0201234567@kcc.test?Subject=x', 'kcc.test')).toMatchObject({ ok: false })
    expect(parsePhoneLink('sip:0201234567@kcc.test', undefined)).toEqual({
      ok: false,
      reason: 'not-configured',
    })
  })

  it('refuses other schemes', () => {
    expect(parsePhoneLink('callto:0201234567', 'kcc.test')).toEqual({ ok: false, reason: 'scheme' })
    expect(parsePhoneLink('sips:0201234567@kcc.test', 'kcc.test')).toEqual({ ok: false, reason: 'scheme' })
  })

  it('normalises a typed number and refuses what is not one', () => {
    expect(normalisePhoneNumber(' 06-12 34 56 78 ')).toBe('0612345678')
    expect(normalisePhoneNumber('06 12 34 56 78 toestel 3')).toBeUndefined()
  })
})

describe('global shortcut accelerators', () => {
  it.each([
    ['Control+Alt+Shift+O', 'Control+Alt+Shift+O'],
    ['shift+ctrl+alt+o', 'Control+Alt+Shift+O'],
    ['CmdOrCtrl+F9', 'CommandOrControl+F9'],
    ['Super+Up', 'Super+Up'],
    ['F13', 'F13'],
    ['Shift+F24', 'Shift+F24'],
  ])('accepts %s as %s', (input, accelerator) => {
    expect(checkAccelerator(input)).toEqual({ ok: true, accelerator })
  })

  it.each([
    ['a bare letter', 'O', 'modifier'],
    ['Shift with a letter, which would take capitals from every text field', 'Shift+O', 'modifier'],
    ['a bare F5', 'F5', 'modifier'],
    ['AltGr, which types characters', 'AltGr+E', 'format'],
    ['two keys', 'Control+O+P', 'format'],
    ['a repeated modifier', 'Control+Ctrl+O', 'format'],
    ['an unknown key', 'Control+Banana', 'key'],
    ['an empty part', 'Control++O', 'format'],
    ['spaces', 'Control + O', 'format'],
    ['nothing', '', 'format'],
  ])('refuses %s', (_case, input, reason) => {
    expect(checkAccelerator(input)).toEqual({ ok: false, reason })
  })
})

describe('desktop IPC shapes', () => {
  const settings = {
    startAtLogin: false,
    closeBehaviour: 'ask',
    confirmDial: true,
    shortcutsEnabled: true,
    shortcuts: {
      answer: 'Control+Alt+Shift+O',
      hangup: 'Control+Alt+Shift+H',
      mute: 'Control+Alt+Shift+M',
      front: 'Control+Alt+Shift+W',
    },
  }

  it('accepts the settings with accelerators in their one spelling only', () => {
    expect(desktopSettings(settings)).toEqual({ ok: true, value: settings })
    expect(
      desktopSettings({ ...settings, shortcuts: { ...settings.shortcuts, answer: 'alt+ctrl+o' } }),
    ).toMatchObject({
      ok: false,
    })
    expect(desktopSettings({ ...settings, shortcuts: { ...settings.shortcuts, mute: 'M' } })).toMatchObject({
      ok: false,
    })
    expect(desktopSettings({ ...settings, closeBehaviour: 'minimise' })).toMatchObject({ ok: false })
    expect(desktopSettings({ ...settings, confirmDial: 'yes' })).toMatchObject({ ok: false })
  })

  it('accepts each desktop command and refuses unknown kinds and extra fields', () => {
    for (const command of [
      { kind: 'status', choice: 'pauze' },
      { kind: 'shortcut', action: 'answer' },
      { kind: 'dial', target: '+31201234567' },
      { kind: 'open', nummer: '26000001' },
    ]) {
      expect(desktopCommand(command)).toEqual({ ok: true, value: command })
    }
    expect(desktopCommand({ kind: 'shortcut', action: 'front' })).toMatchObject({ ok: false })
    expect(desktopCommand({ kind: 'dial', target: 'sip:x@evil.example' })).toMatchObject({ ok: false })
    expect(desktopCommand({ kind: 'open', nummer: '26 000 001' })).toMatchObject({ ok: false })
    expect(desktopCommand({ kind: 'exec' })).toMatchObject({ ok: false })
    expect(desktopCommand({ kind: 'toString' })).toMatchObject({ ok: false })
  })
})
