import { useEffect } from 'react'
import type { AgentBridge } from '../../shared/bridge'
import { useAppStore, type AppInfoState } from './store'

export interface AppProps {
  /** The preload bridge; undefined when running as a plain web app. */
  readonly bridge: AgentBridge | undefined
}

export function App({ bridge }: AppProps) {
  const info = useAppStore((state) => state.app.info)
  const loadInfo = useAppStore((state) => state.app.loadInfo)

  useEffect(() => {
    void loadInfo(bridge)
  }, [bridge, loadInfo])

  return (
    <main>
      <header>
        <h1>KCC Werkplek</h1>
        <VersionLine info={info} />
      </header>
    </main>
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
