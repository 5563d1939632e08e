import { Button } from '@nl-design-system-candidate/button-react'
import { Heading } from '@nl-design-system-candidate/heading-react'
import type { AuthMethodsView } from '../../../shared/gateway/sso'
import { useMessages } from '../i18n/use-messages'
import { LoginScreen } from '../login/LoginScreen'
import type { SessionState } from '../workspace/workspace-slice'
import { wallboardMessages } from './messages'
import { Wallboard } from './Wallboard'

/**
 * The wallboard page (`#/wallboard`, wallboard/screen.ts): a supervisor logs in on the wall screen
 * once (the session lasts as long as the browser tab), then the tiles take the whole page.
 */
export function WallboardApp(props: {
  readonly session: SessionState
  readonly onLogin: (login: string, password: string) => void
  /** Which sign-in the gateway offers; undefined while it is asked. */
  readonly methods?: AuthMethodsView | undefined
  readonly onSso?: () => void
  readonly onLogout: () => void
}) {
  const t = useMessages(wallboardMessages)
  const { session } = props
  if (session.status === 'active' && session.agent.role === 'supervisor') {
    return (
      <main>
        <Wallboard />
      </main>
    )
  }
  return (
    <>
      <header className="app-header">
        <Heading level={1}>{t.loginTitle}</Heading>
      </header>
      <main>
        {session.status === 'checking' ? <p role="status">{t.laden}</p> : null}
        {session.status === 'anonymous' || session.status === 'logging_in' ? (
          <LoginScreen
            busy={session.status === 'logging_in'}
            error={session.status === 'anonymous' ? session.error : undefined}
            onLogin={props.onLogin}
            methods={props.methods}
            {...(props.onSso ? { onSso: props.onSso } : {})}
          />
        ) : null}
        {session.status === 'active' ? (
          <>
            <div className="utrecht-alert utrecht-alert--warning" role="alert">
              <p className="utrecht-alert__message">{t.alleenSupervisor}</p>
            </div>
            <Button purpose="secondary" onClick={props.onLogout}>
              {t.uitloggen}
            </Button>
          </>
        ) : null}
      </main>
    </>
  )
}
