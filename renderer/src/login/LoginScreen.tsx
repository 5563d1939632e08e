import { Button } from '@nl-design-system-candidate/button-react'
import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import { useEffect, useRef, useState } from 'react'
import type { AuthMethodsView } from '../../../shared/gateway/sso'
import type { NotificationPort } from '../alerts/notifications'
import { useMessages } from '../i18n/use-messages'
import { focusTarget } from '../lib/focus-targets'
import { loginMessages } from './messages'
import { PasswordForm } from './PasswordForm'

export interface LoginScreenProps {
  readonly busy: boolean
  readonly error: string | undefined
  readonly onLogin: (login: string, password: string) => void
  /**
   * The browser's notifications (web build only): the screen explains why, and asks once when the
   * agent logs in, so an agent in another window hears of a ringing call (alerts/ring-alerts.ts).
   */
  readonly notifications?: NotificationPort | undefined
  /** What the gateway offers (`GET /api/auth/methods`); left out: the password form only. */
  readonly methods?: AuthMethodsView | undefined
  /** The agent chose the single-sign-on button (login/sso-login.ts). */
  readonly onSso?: () => void
  /** The desktop app waits for the sign-in in the system browser. */
  readonly waitingForBrowser?: boolean
  readonly onCancelSso?: () => void
}

/**
 * The first screen: the municipality's single sign-on, the password form, or both, as the gateway
 * offers them. Focus starts on the first way in; a refused login is read out and focus goes back
 * there.
 */
export function LoginScreen(props: LoginScreenProps) {
  const { busy, error, onLogin, notifications, methods, onSso } = props
  const t = useMessages(loginMessages)
  const [askNotifications] = useState(() => notifications?.permission() === 'default')
  const ssoButton = useRef<HTMLButtonElement>(null)
  const sso = methods?.oidc != null && onSso !== undefined ? methods.oidc : null
  const password = methods?.password ?? true

  const focusFirst = () => {
    if (sso !== null) {
      ssoButton.current?.focus()
    } else {
      focusTarget('loginUser')
    }
  }
  // On the first render, after a refused login (or any other reason the session ended), and back
  // from waiting for the browser.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- focus moves on these changes only
  useEffect(focusFirst, [error, sso !== null, props.waitingForBrowser])

  if (props.waitingForBrowser === true) {
    return <WaitingForBrowser onCancel={props.onCancelSso} />
  }

  const chooseSso = () => {
    if (busy || onSso === undefined) {
      return
    }
    if (askNotifications && notifications?.permission() === 'default') {
      // Asked now, within the agent's own action: the tab leaves for the provider next. Whatever
      // the answer, the sign-in goes on.
      void notifications.request().finally(onSso)
      return
    }
    onSso()
  }

  const alert = error ? (
    <div role="alert" className="utrecht-alert utrecht-alert--error">
      <p className="utrecht-alert__message">{error}</p>
    </div>
  ) : null

  return (
    <section className="login" aria-labelledby="login-title">
      <Heading level={2} id="login-title">
        {t.title}
      </Heading>
      <Paragraph>{sso !== null ? t.ssoIntro : t.intro}</Paragraph>
      {askNotifications ? <Paragraph className="hint">{t.notifications}</Paragraph> : null}
      {sso !== null ? (
        <div className="login-sso">
          {password ? null : alert}
          <Button ref={ssoButton} type="button" purpose="primary" disabled={busy} onClick={chooseSso}>
            {busy ? t.ssoBusy : sso.label || t.ssoDefaultLabel}
          </Button>
        </div>
      ) : null}
      {password ? (
        <>
          {sso !== null ? <Heading level={3}>{t.passwordOr}</Heading> : null}
          <PasswordForm
            busy={busy}
            alert={alert}
            onLogin={onLogin}
            purpose={sso !== null ? 'secondary' : 'primary'}
            notifications={notifications}
            askNotifications={askNotifications}
          />
        </>
      ) : null}
    </section>
  )
}

function WaitingForBrowser({ onCancel }: { readonly onCancel: (() => void) | undefined }) {
  const t = useMessages(loginMessages)
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  return (
    <section className="login" aria-labelledby="login-title">
      <Heading level={2} id="login-title">
        {t.waitingTitle}
      </Heading>
      <Paragraph role="status">{t.waiting}</Paragraph>
      <Button ref={cancel} type="button" purpose="secondary" onClick={onCancel}>
        {t.cancel}
      </Button>
    </section>
  )
}
