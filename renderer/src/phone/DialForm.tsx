import { isAgentState } from '../../../shared/live/protocol'
import { useState, type FormEvent } from 'react'
import { Button } from '@nl-design-system-candidate/button-react'
import type { DirectoryView } from '../../../shared/gateway/api'
import { colleagueStateMessages } from '../i18n/colleague-states'
import { useMessages } from '../i18n/use-messages'
import { addressUser, isCallTarget } from '../softphone/call/call-target'
import { phoneMessages } from './messages'

/** Dial a number, or pick a colleague or an afdeling from the directory (its extension or group). */
export function DialForm(props: {
  readonly directory: DirectoryView | undefined
  readonly ownLogin: string
  readonly disabled: boolean
  readonly onDial: (target: string) => void
}) {
  const t = useMessages(phoneMessages)
  const states = useMessages(colleagueStateMessages)
  const [target, setTarget] = useState('')
  const [error, setError] = useState<string | undefined>()

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (props.disabled) {
      return
    }
    const value = target.replace(/[\s()-]/g, '')
    if (!isCallTarget(value)) {
      setError(t.invalidTarget)
      document.getElementById('dial-target')?.focus()
      return
    }
    setError(undefined)
    props.onDial(value)
  }

  const colleagues = props.directory?.medewerkers.filter((m) => m.login !== props.ownLogin) ?? []
  const afdelingen = props.directory?.afdelingen ?? []

  return (
    <form className="dial" onSubmit={submit} aria-label={t.dialTitle} noValidate>
      <div className="utrecht-form-field utrecht-form-field--text">
        <label className="utrecht-form-label" htmlFor="dial-target">
          {t.dialTarget}
        </label>
        <input
          id="dial-target"
          className="utrecht-textbox utrecht-textbox--html-input"
          value={target}
          inputMode="tel"
          autoComplete="off"
          aria-describedby={error ? 'dial-hint dial-error' : 'dial-hint'}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setTarget(event.target.value)}
        />
        <p id="dial-hint" className="utrecht-form-field-description hint">
          {t.dialHint}
        </p>
        {error ? (
          <p id="dial-error" role="alert" className="utrecht-form-field-error-message error">
            {error}
          </p>
        ) : null}
      </div>
      <div className="utrecht-form-field">
        <label className="utrecht-form-label" htmlFor="dial-colleague">
          {t.colleague}
        </label>
        <select
          id="dial-colleague"
          className="utrecht-select utrecht-select--html-select"
          value=""
          onChange={(event) => {
            if (event.target.value) {
              setTarget(event.target.value)
              setError(undefined)
            }
          }}
        >
          <option value="">{t.colleagueNone}</option>
          {afdelingen.map((a) => (
            <option key={`a-${a.id}`} value={addressUser(a.groupAddress)}>
              {a.naam}
            </option>
          ))}
          {colleagues.map((m) => (
            <option key={`m-${m.login}`} value={m.extension}>
              {isAgentState(m.state) ? `${m.displayName} · ${states[m.state]}` : m.displayName}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" purpose="primary" disabled={props.disabled}>
        {t.dial}
      </Button>
    </form>
  )
}
