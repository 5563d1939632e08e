import { useId, useRef, useState, type FormEvent } from 'react'
import { parseTypedKlantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import { useMessages } from '../i18n/use-messages'
import { describedBy, errorIdOf } from '../klantcontact/fields'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import { errorText } from './error-text'
import { openedMessages } from './messages'
import { openKlantcontact } from './open'

/**
 * "Klantcontact openen" (the manual path, for when the nummer did not travel with the call): the
 * colleague types the klantcontactnummer the first agent read out, and the klantcontact opens. The
 * nummer may be typed in the groups the app shows it in ("26 000 001"): spaces are left out, and
 * then it is checked as strictly as one from a SIP header (1 to 10 ASCII digits, nothing else)
 * before anything is asked. The gateway's refusal (404: no such nummer) shows under the field.
 */
export function KlantcontactOpenen() {
  const t = useMessages(openedMessages)
  const base = useId()
  const input = useRef<HTMLInputElement>(null)
  const [value, setValue] = useState('')
  const [invalid, setInvalid] = useState<string | undefined>(undefined)
  const [asked, setAsked] = useState<string | undefined>(undefined)
  const status = useAppStore((s) => s.opened.status)
  const source = useAppStore((s) => s.opened.source)
  const nummer = useAppStore((s) => s.opened.nummer)
  const openedError = useAppStore((s) => s.opened.error)
  const { api } = useServices()
  const ids = { field: `${base}-nummer`, hint: `${base}-hint` }

  // The gateway's answer belongs here only for what this form asked, and only until the next try.
  const refused =
    status === 'failed' && source === 'manual' && nummer === asked && openedError !== undefined
      ? errorText(t.errors, openedError)
      : undefined
  const error = invalid ?? refused

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    const nummer = parseTypedKlantcontactnummer(value)
    if (nummer === undefined) {
      setInvalid(value.trim() === '' ? t.openen.leeg : t.openen.ongeldig)
      // WCAG 2.1 SC 3.3.1: back to the field, whose description now carries the error.
      input.current?.focus()
      return
    }
    setInvalid(undefined)
    setAsked(nummer)
    void openKlantcontact({ store: useAppStore, api }, { source: 'manual', nummer })
  }

  return (
    <section aria-labelledby={`${base}-kop`}>
      <h3 id={`${base}-kop`}>{t.openen.heading}</h3>
      <form className="kc-form" aria-labelledby={`${base}-kop`} noValidate onSubmit={onSubmit}>
        <div className="kc-field">
          <label htmlFor={ids.field}>{t.openen.label}</label>
          <input
            ref={input}
            id={ids.field}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            value={value}
            aria-invalid={error !== undefined ? true : undefined}
            aria-describedby={describedBy(ids.hint, error !== undefined && errorIdOf(ids.field))}
            onChange={(event) => {
              setValue(event.target.value)
              setInvalid(undefined)
              setAsked(undefined)
            }}
          />
          <p id={ids.hint} className="kc-hint">
            {t.openen.hint}
          </p>
          {error !== undefined ? (
            <p id={errorIdOf(ids.field)} role="alert" className="kc-error">
              {error}
            </p>
          ) : null}
        </div>
        <div className="kc-actions">
          <button type="submit" className="kc-primary">
            {t.openen.button}
          </button>
        </div>
      </form>
    </section>
  )
}
