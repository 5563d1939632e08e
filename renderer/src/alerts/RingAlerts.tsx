import { useEffect } from 'react'
import type { AgentBridge } from '../../../shared/bridge'
import { createLogger } from '../log'
import { useAppStore } from '../store'
import { browserNotifications } from './notifications'
import { startRingAlerts, type PageEnvironment } from './ring-alerts'

const log = createLogger('alerts')

/** Runs the ring alerts (ring-alerts.ts) while the workspace is on screen; renders nothing. */
export function RingAlerts({ bridge }: { readonly bridge: AgentBridge | undefined }) {
  useEffect(() => {
    const page: PageEnvironment = {
      document,
      addEventListener: (type, listener) =>
        (type === 'visibilitychange' ? document : window).addEventListener(type, listener),
      removeEventListener: (type, listener) =>
        (type === 'visibilitychange' ? document : window).removeEventListener(type, listener),
      focus: () => window.focus(),
    }
    return startRingAlerts({
      store: useAppStore,
      page,
      timers: {
        setInterval: (callback, ms) => window.setInterval(callback, ms),
        clearInterval: (handle) => window.clearInterval(handle as number),
      },
      bridge,
      notifications: bridge ? undefined : browserNotifications(),
      log,
    })
  }, [bridge])
  return null
}
