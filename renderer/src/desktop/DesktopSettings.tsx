import { useEffect, useId, useState } from 'react'
import type { DesktopBridge } from '../../../shared/bridge'
import { checkAccelerator } from '../../../shared/desktop/accelerator'
import {
  SHORTCUT_ACTIONS,
  type DesktopSettings as Settings,
  type DesktopState,
  type GlobalShortcutAction,
} from '../../../shared/ipc'
import { useMessages } from '../i18n/use-messages'
import { desktopMessages } from './messages'

type DesktopApi = DesktopBridge['desktop']

/**
 * The desktop app's own settings in "Instellingen" (docs/desktop.md): start at login, closing to
 * the tray, the question before a telephone link, and the global shortcuts. Main stores them and
 * says what applies (the policy, shortcuts another program holds); this form shows that answer.
 */
export function DesktopSettings({
  desktop = window.kcc?.desktop,
}: {
  readonly desktop?: DesktopApi | undefined
}) {
  const t = useMessages(desktopMessages)
  const id = useId()
  const [state, setState] = useState<DesktopState | undefined>()
  const [failed, setFailed] = useState(false)
  const [drafts, setDrafts] = useState<Partial<Record<GlobalShortcutAction, string>>>({})

  useEffect(() => {
    if (desktop === undefined) {
      return
    }
    let current = true
    void desktop.getSettings().then((reply) => {
      if (current && reply.ok) {
        setState(reply.value)
      }
    })
    return () => {
      current = false
    }
  }, [desktop])

  if (desktop === undefined || state === undefined) {
    return null
  }
  const { settings, policy } = state

  const save = (next: Settings): void => {
    void desktop.setSettings(next).then((reply) => {
      setFailed(!reply.ok)
      if (reply.ok) {
        setState(reply.value)
      }
    })
  }
  const checkbox = (
    key: string,
    label: string,
    checked: boolean,
    onChange: (value: boolean) => void,
    disabled = false,
  ) => (
    <div className="utrecht-form-field utrecht-form-field--checkbox">
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`${id}-${key}`}>
          <input
            id={`${id}-${key}`}
            type="checkbox"
            className="utrecht-checkbox utrecht-checkbox--html-input"
            checked={checked}
            disabled={disabled}
            onChange={(event) => onChange(event.target.checked)}
          />{' '}
          {label}
        </label>
      </div>
    </div>
  )
  const shortcutsOn = settings.shortcutsEnabled && !policy.shortcutsDisabled

  const commitKey = (action: GlobalShortcutAction): void => {
    const draft = drafts[action]
    if (draft === undefined) {
      return
    }
    const checked = checkAccelerator(draft.trim())
    if (!checked.ok) {
      return
    }
    setDrafts(({ [action]: _done, ...rest }) => rest)
    save({ ...settings, shortcuts: { ...settings.shortcuts, [action]: checked.accelerator } })
  }

  return (
    <fieldset className="utrecht-form-fieldset">
      <legend className="utrecht-form-fieldset__legend">{t.title}</legend>
      {checkbox('login', t.startAtLogin, settings.startAtLogin, (value) =>
        save({ ...settings, startAtLogin: value }),
      )}
      {checkbox('tray', t.keepInTray, settings.closeBehaviour === 'tray', (value) =>
        save({ ...settings, closeBehaviour: value ? 'tray' : 'ask' }),
      )}
      <p className="utrecht-form-field-description">{t.keepInTrayHint}</p>
      {checkbox('dial', t.confirmDial, settings.confirmDial, (value) =>
        save({ ...settings, confirmDial: value }),
      )}
      {checkbox(
        'shortcuts',
        t.shortcutsEnabled,
        shortcutsOn,
        (value) => save({ ...settings, shortcutsEnabled: value }),
        policy.shortcutsDisabled,
      )}
      {policy.shortcutsDisabled ? (
        <p className="utrecht-form-field-description">{t.shortcutsByPolicy}</p>
      ) : null}
      {shortcutsOn ? (
        <>
          <p className="utrecht-form-field-description" id={`${id}-keys-hint`}>
            {t.shortcutsHint}
          </p>
          {SHORTCUT_ACTIONS.map((action) => {
            const value = drafts[action] ?? settings.shortcuts[action]
            const invalid = drafts[action] !== undefined && !checkAccelerator(value.trim()).ok
            const unavailable = state.unavailableShortcuts.includes(action)
            const errorId = `${id}-${action}-error`
            return (
              <div className="utrecht-form-field utrecht-form-field--text" key={action}>
                <label className="utrecht-form-label" htmlFor={`${id}-${action}`}>
                  {t[action]}
                </label>
                <input
                  id={`${id}-${action}`}
                  className="utrecht-textbox utrecht-textbox--html-input"
                  value={value}
                  autoComplete="off"
                  spellCheck={false}
                  aria-invalid={invalid || unavailable ? true : undefined}
                  aria-describedby={invalid || unavailable ? `${id}-keys-hint ${errorId}` : `${id}-keys-hint`}
                  onChange={(event) => setDrafts((current) => ({ ...current, [action]: event.target.value }))}
                  onBlur={() => commitKey(action)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault()
                      commitKey(action)
                    }
                  }}
                />
                {invalid || unavailable ? (
                  <p id={errorId} className="utrecht-form-field-error-message error">
                    {invalid ? t.invalidShortcut : t.unavailableShortcut}
                  </p>
                ) : null}
              </div>
            )
          })}
        </>
      ) : null}
      {failed ? (
        <p role="alert" className="utrecht-form-field-error-message error">
          {t.notSaved}
        </p>
      ) : null}
    </fieldset>
  )
}
