import { Button } from '@nl-design-system-candidate/button-react'
import { useState, type FormEvent, type ReactNode } from 'react'
import type { NotificationPort } from '../alerts/notifications'
import { useMessages } from '../i18n/use-messages'
import { FOCUS_TARGETS, focusTarget } from '../lib/focus-targets'
import { loginMessages } from './messages'

export interface PasswordFormProps {
  readonly busy: boolean
  /** The refusal, read out inside the form (LoginScreen.tsx). */
  readonly alert: ReactNode
  readonly onLogin: (login: string, password: string) => void
  /** Primary when it is the only way in; secondary next to the single-sign-on button. */
  readonly purpose: 'primary' | 'secondary'
  /** Ask for the browser's notifications on submit (web build, alerts/ring-alerts.ts). */
  readonly notifications: NotificationPort | undefined
  readonly askNotifications: boolean
}

const PASSWORD_ID = 'login-password'

type FieldErrors = { readonly login?: string; readonly password?: string }

/**
 * The user name and password of the KCC Werkplek (agents configured with a password hash). An empty
 * field is named next to it and takes focus.
 */
export function PasswordForm({
  busy,
  alert,
  onLogin,
  purpose,
  notifications,
  askNotifications,
}: PasswordFormProps) {
  const t = useMessages(loginMessages)
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (busy) {
      return
    }
    const name = login.trim()
    const found: FieldErrors = {
      ...(name === '' ? { login: t.loginMissing } : {}),
      ...(password === '' ? { password: t.passwordMissing } : {}),
    }
    setErrors(found)
    if (found.login !== undefined) {
      focusTarget('loginUser')
      return
    }
    if (found.password !== undefined) {
      document.getElementById(PASSWORD_ID)?.focus()
      return
    }
    if (askNotifications && notifications?.permission() === 'default') {
      // Asked within the agent's own action (browsers ignore a request without one), once.
      void notifications.request()
    }
    onLogin(name, password)
  }

  return (
    <form onSubmit={submit} noValidate>
      <Field
        id={FOCUS_TARGETS.loginUser}
        label={t.login}
        name="username"
        autoComplete="username"
        value={login}
        error={errors.login}
        onChange={setLogin}
      />
      <Field
        id={PASSWORD_ID}
        label={t.password}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        error={errors.password}
        onChange={setPassword}
      />
      {alert}
      <Button type="submit" purpose={purpose} disabled={busy}>
        {busy ? t.busy : t.submit}
      </Button>
    </form>
  )
}

function Field(props: {
  readonly id: string
  readonly label: string
  readonly name: string
  readonly type?: string
  readonly autoComplete: string
  readonly value: string
  readonly error: string | undefined
  readonly onChange: (value: string) => void
}) {
  const errorId = `${props.id}-error`
  const invalid = props.error !== undefined
  return (
    <div className={invalid ? 'utrecht-form-field utrecht-form-field--invalid' : 'utrecht-form-field'}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={props.id}>
          {props.label}
        </label>
      </div>
      {invalid ? (
        <div className="utrecht-form-field-error-message" id={errorId}>
          {props.error}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">
        <input
          id={props.id}
          className={
            invalid
              ? 'utrecht-textbox utrecht-textbox--html-input utrecht-textbox--invalid'
              : 'utrecht-textbox utrecht-textbox--html-input'
          }
          name={props.name}
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete}
          value={props.value}
          required
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? errorId : undefined}
          onChange={(event) => props.onChange(event.target.value)}
        />
      </div>
    </div>
  )
}
