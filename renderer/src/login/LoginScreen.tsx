import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useMessages } from '../i18n/use-messages'
import { loginMessages } from './messages'

export interface LoginScreenProps {
  readonly busy: boolean
  readonly error: string | undefined
  readonly onLogin: (login: string, password: string) => void
}

/** The first screen: a plain form, focus on the first field, the error read out when it appears. */
export function LoginScreen({ busy, error, onLogin }: LoginScreenProps) {
  const t = useMessages(loginMessages)
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const first = useRef<HTMLInputElement>(null)

  useEffect(() => {
    first.current?.focus()
  }, [])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!busy) {
      onLogin(login.trim(), password)
    }
  }

  return (
    <section className="login" aria-labelledby="login-title">
      <h2 id="login-title">{t.title}</h2>
      <p>{t.intro}</p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="login-name">{t.login}</label>
          <input
            id="login-name"
            ref={first}
            name="username"
            autoComplete="username"
            value={login}
            required
            onChange={(event) => setLogin(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t.password}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            required
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.busy : t.submit}
        </button>
      </form>
    </section>
  )
}
