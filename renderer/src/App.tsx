import { Heading } from '@nl-design-system-candidate/heading-react'
import { Paragraph } from '@nl-design-system-candidate/paragraph-react'
import { useEffect, useState, useSyncExternalStore } from 'react'
import type { AgentBridge } from '../../shared/bridge'
import { browserNotifications } from './alerts/notifications'
import { DesktopShell } from './desktop/DesktopShell'
import { RingAlerts } from './alerts/RingAlerts'
import { useMessages } from './i18n/use-messages'
import { LoginScreen } from './login/LoginScreen'
import { ServicesContext } from './services/context'
import { useAppStore, type AppInfoState } from './store'
import { addressBeforeSso } from './login/sso-web'
import { screenOf } from './wallboard/screen'
import { WallboardApp } from './wallboard/WallboardApp'
import { AppController } from './workspace/controller'
import { workspaceMessages } from './workspace/messages'
import { WorkspaceScreen } from './workspace/WorkspaceScreen'

export interface AppProps {
  /** The preload bridge; undefined when running as a plain web app. */
  readonly bridge: AgentBridge | undefined
}

export function App({ bridge }: AppProps) {
  const t = useMessages(workspaceMessages)
  const info = useAppStore((state) => state.app.info)
  const loadInfo = useAppStore((state) => state.app.loadInfo)
  const session = useAppStore((state) => state.workspace.session)
  // The page shows one screen for its life (wallboard/screen.ts); back from single sign-on, the one
  // the sign-in started on.
  const [screen] = useState(() =>
    screenOf(addressBeforeSso(window.location, sessionStorage) ?? window.location),
  )
  const [controller] = useState(() => new AppController(useAppStore, bridge, screen))
  // The desktop app shows OS notifications itself; the web build asks the browser (alerts/).
  const [notifications] = useState(() => (bridge ? undefined : browserNotifications()))
  const services = useSyncExternalStore(controller.subscribe, controller.getServices)
  const methods = useSyncExternalStore(controller.subscribe, controller.getAuthMethods)

  useEffect(() => {
    void loadInfo(bridge)
    // The controller lives as long as the page; booting twice (StrictMode) is a no-op.
    void controller.boot()
  }, [bridge, loadInfo, controller])

  if (screen === 'wallboard') {
    return (
      <WallboardApp
        session={session}
        methods={methods}
        onLogin={controller.login}
        onSso={controller.loginWithSso}
        onLogout={controller.logout}
      />
    )
  }
  return (
    <>
      <header className="app-header">
        <Heading level={1}>KCC Werkplek</Heading>
        <VersionLine info={info} />
      </header>
      <main className="app-main">
        {session.status === 'checking' || (session.status === 'anonymous' && methods === undefined) ? (
          <Paragraph role="status">{t.loading}</Paragraph>
        ) : null}
        {(session.status === 'anonymous' && methods !== undefined) || session.status === 'logging_in' ? (
          <LoginScreen
            busy={session.status === 'logging_in'}
            error={session.status === 'anonymous' ? session.error : undefined}
            onLogin={controller.login}
            notifications={notifications}
            methods={methods}
            onSso={controller.loginWithSso}
            waitingForBrowser={session.status === 'logging_in' && session.waitingFor === 'browser'}
            onCancelSso={controller.cancelSso}
          />
        ) : null}
        {session.status === 'active' && !services ? <Paragraph role="status">{t.starting}</Paragraph> : null}
        {session.status === 'active' && services ? (
          <ServicesContext.Provider value={services}>
            <RingAlerts bridge={bridge} />
            <DesktopShell
              bridge={bridge}
              agentLogin={session.agent.login}
              onChoose={controller.choose}
              onLogout={controller.logout}
            />
            <WorkspaceScreen
              agent={session.agent}
              desktop={bridge !== undefined}
              onLogout={controller.logout}
              onChoose={controller.choose}
              onRefreshRecent={controller.refreshRecent}
            />
          </ServicesContext.Provider>
        ) : null}
      </main>
    </>
  )
}

function VersionLine({ info }: { readonly info: AppInfoState }) {
  switch (info.status) {
    case 'ready':
      return <Paragraph data-testid="app-version">{`Versie ${info.info.version}`}</Paragraph>
    case 'failed':
      return <Paragraph role="alert">De versie van de app kon niet worden opgehaald.</Paragraph>
    case 'idle':
    case 'loading':
    case 'unavailable':
      return null
    default:
      return assertNever(info)
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled state: ${JSON.stringify(value)}`)
}
