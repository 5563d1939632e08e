import { Button } from '@nl-design-system-candidate/button-react'
import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import { useEffect, useState, type FormEvent } from 'react'
import type { NotificationPort } from '../alerts/notifications'
import { useMessages } from '../i18n/use-messages'
import { FOCUS_TARGETS, focusTarget } from '../lib/focus-targets'
import { loginMessages } from './messages'

export interface LoginScreenProps {
  readonly busy: boolean
  readonly error: string | undefined
  readonly onLogin: (login: string, password: string) => void
  /**
   * The browser's notifications (web build only): the form explains why, and asks once on submit,
   * so an agent in another window hears of a ringing call (alerts/ring-alerts.ts).
   */
  readonly notifications?: NotificationPort | undefined
}

const PASSWORD_ID = 'login-password'

type FieldErrors = { readonly login?: string; readonly password?: string }

/**
 * The first screen: a plain form, focus on the first field. An empty field is named next to it and
 * takes focus; a refused login is read out and focus goes back to the user name.
 */
export function LoginScreen({ busy, error, onLogin, notifications }: LoginScreenProps) {
  const t = useMessages(loginMessages)
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [askNotifications] = useState(() => notifications?.permission() === 'default')

  useEffect(() => {
    focusTarget('loginUser')
  }, [])

  // A refused login (or any other reason the session ended): start again at the user name.
  useEffect(() => {
    if (error !== undefined) {
      focusTarget('loginUser')
    }
  }, [error])

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
    <section className="login" aria-labelledby="login-title">
      <Heading level={2} id="login-title">
        {t.title}
      </Heading>
      <Paragraph>{t.intro}</Paragraph>
      {askNotifications ? <Paragraph className="hint">{t.notifications}</Paragraph> : null}
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
        {error ? (
          <div role="alert" className="utrecht-alert utrecht-alert--error">
            <p className="utrecht-alert__message">{error}</p>
          </div>
        ) : null}
        <Button type="submit" purpose="primary" disabled={busy}>
          {busy ? t.busy : t.submit}
        </Button>
      </form>
    </section>
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
