import { Button } from '@nl-design-system-candidate/button-react'
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react'
import { DesktopSettings } from '../desktop/DesktopSettings'
import { useMessages } from '../i18n/use-messages'
import { useAppStore } from '../store'
import { settingsMessages } from './messages'

/**
 * "Instellingen" in the status bar: a small disclosure with the agent's workplace settings
 * (settings/slice.ts). Bringing the window to the front is something only the desktop app can do,
 * so the web build does not offer it.
 */
export function SettingsMenu({ desktop }: { readonly desktop: boolean }) {
  const t = useMessages(settingsMessages)
  const openOnRing = useAppStore((s) => s.settings.openOnRing)
  const bringToFront = useAppStore((s) => s.settings.bringToFront)
  const setSetting = useAppStore((s) => s.settings.setSetting)
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const trigger = useRef<HTMLButtonElement>(null)
  const first = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (open) {
      first.current?.focus()
    }
  }, [open])

  const close = (): void => {
    setOpen(false)
    trigger.current?.focus()
  }
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation()
      close()
    }
  }
  const onBlur = (event: FocusEvent<HTMLDivElement>): void => {
    if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) {
      setOpen(false)
    }
  }

  return (
    <div className="kcc-popover-anchor" onKeyDown={onKeyDown} onBlur={onBlur}>
      <Button
        ref={trigger}
        purpose="subtle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t.title}
      </Button>
      <div id={panelId} className="kcc-popover kcc-popover-end" hidden={!open}>
        <div className="utrecht-form-field utrecht-form-field--checkbox">
          <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
            <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`${panelId}-ring`}>
              <input
                ref={first}
                id={`${panelId}-ring`}
                type="checkbox"
                className="utrecht-checkbox utrecht-checkbox--html-input"
                checked={openOnRing}
                aria-describedby={`${panelId}-ring-hint`}
                onChange={(event) => setSetting('openOnRing', event.target.checked)}
              />{' '}
              {t.openOnRing}
            </label>
          </div>
          <div className="utrecht-form-field-description" id={`${panelId}-ring-hint`}>
            {t.openOnRingHint}
          </div>
        </div>
        {desktop ? (
          <div className="utrecht-form-field utrecht-form-field--checkbox">
            <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
              <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`${panelId}-front`}>
                <input
                  id={`${panelId}-front`}
                  type="checkbox"
                  className="utrecht-checkbox utrecht-checkbox--html-input"
                  checked={bringToFront}
                  onChange={(event) => setSetting('bringToFront', event.target.checked)}
                />{' '}
                {t.bringToFront}
              </label>
            </div>
          </div>
        ) : null}
        {desktop ? <DesktopSettings /> : null}
        <Button purpose="secondary" onClick={close}>
          {t.close}
        </Button>
      </div>
    </div>
  )
}
