import { useEffect, useState, useSyncExternalStore } from 'react'
import type { AgentBridge } from '../../shared/bridge'
import { useMessages } from './i18n/use-messages'
import { LoginScreen } from './login/LoginScreen'
import { ServicesContext } from './services/context'
import { useAppStore, type AppInfoState } from './store'
import { screenOf } from './wallboard/screen'
import { WallboardApp } from './wallboard/WallboardApp'
import { AppController } from './workspace/controller'
import { workspaceMessages } from './workspace/messages'
import { WorkspaceScreen } from './workspace/WorkspaceScreen'
import './styles/app.css'

export interface AppProps {
  /** The preload bridge; undefined when running as a plain web app. */
  readonly bridge: AgentBridge | undefined
}

export function App({ bridge }: AppProps) {
  const t = useMessages(workspaceMessages)
  const info = useAppStore((state) => state.app.info)
  const loadInfo = useAppStore((state) => state.app.loadInfo)
  const session = useAppStore((state) => state.workspace.session)
  // The page shows one screen for its life (wallboard/screen.ts).
  const [screen] = useState(() => screenOf(window.location))
  const [controller] = useState(() => new AppController(useAppStore, bridge, screen))
  const services = useSyncExternalStore(controller.subscribe, controller.getServices)

  useEffect(() => {
    void loadInfo(bridge)
    // The controller lives as long as the page; booting twice (StrictMode) is a no-op.
    void controller.boot()
  }, [bridge, loadInfo, controller])

  if (screen === 'wallboard') {
    return <WallboardApp session={session} onLogin={controller.login} onLogout={controller.logout} />
  }
  return (
    <>
      <header className="app-header">
        <h1>KCC Werkplek</h1>
        <VersionLine info={info} />
      </header>
      <main>
        {session.status === 'checking' ? <p role="status">{t.loading}</p> : null}
        {session.status === 'anonymous' || session.status === 'logging_in' ? (
          <LoginScreen
            busy={session.status === 'logging_in'}
            error={session.status === 'anonymous' ? session.error : undefined}
            onLogin={controller.login}
          />
        ) : null}
        {session.status === 'active' && !services ? <p role="status">{t.starting}</p> : null}
        {session.status === 'active' && services ? (
          <ServicesContext.Provider value={services}>
            <WorkspaceScreen
              agent={session.agent}
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
      return <p data-testid="app-version">{`Versie ${info.info.version}`}</p>
    case 'failed':
      return <p role="alert">De versie van de app kon niet worden opgehaald.</p>
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
