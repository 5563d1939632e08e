import { useEffect, useRef } from 'react'
import type { AgentBridge } from '../../../shared/bridge'
import { createLogger } from '../log'
import { useServices } from '../services/context'
import { useAppStore } from '../store'
import type { Availability } from '../workspace/agent-state'
import { runDesktopCommand } from './desktop-commands'
import { trayStatusOf } from './tray-status'

const log = createLogger('desktop')

export interface DesktopShellProps {
  readonly bridge: AgentBridge | undefined
  readonly agentLogin: string
  readonly onChoose: (availability: Availability) => void
  readonly onLogout: () => void
}

/**
 * Connects the logged-in workspace to the desktop shell (docs/desktop.md); renders nothing and does
 * nothing in the web build. While mounted it tells main the agent's status for the tray (and for
 * the global shortcuts and the close question, which apply only while logged in), and runs the
 * commands main sends. Unmounted (logged out), the tray shows Afgemeld.
 */
export function DesktopShell({ bridge, agentLogin, onChoose, onLogout }: DesktopShellProps) {
  const services = useServices()
  const latest = useRef({ agentLogin, onChoose, onLogout, services })
  useEffect(() => {
    latest.current = { agentLogin, onChoose, onLogout, services }
  })
  const desktop = bridge?.desktop

  useEffect(() => {
    if (desktop === undefined) {
      return undefined
    }
    let last: string | undefined
    const report = (): void => {
      const { workspace } = useAppStore.getState()
      const status = trayStatusOf(workspace.availability, workspace.phone)
      if (status !== last) {
        last = status
        void desktop.reportStatus(status)
      }
    }
    report()
    const unsubscribe = useAppStore.subscribe(report)
    return () => {
      unsubscribe()
      void desktop.reportStatus('afgemeld')
    }
  }, [desktop])

  useEffect(() => {
    if (desktop === undefined) {
      return undefined
    }
    return desktop.onCommand((command) => {
      const current = latest.current
      runDesktopCommand(command, {
        state: useAppStore.getState,
        services: current.services,
        agentLogin: current.agentLogin,
        choose: current.onChoose,
        logout: current.onLogout,
        log,
      })
    })
  }, [desktop])

  return null
}
