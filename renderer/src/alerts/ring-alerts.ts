import type { AgentBridge } from '../../../shared/bridge'
import { format } from '../i18n/locale'
import type { Logger } from '../log'
import type { CallSnapshot } from '../softphone/types'
import type { StoreState } from '../store/types'
import { alertMessages } from './messages'
import type { NotificationPort, ShownNotification } from './notifications'
import { TitleBlinker, type Timers } from './title-blinker'

/**
 * Alerts an agent who works in another window when a call rings.
 *
 * - Web build: while a call rings and the page is hidden or not focused, the tab title blinks
 *   ("☎ Inkomend gesprek" and the page's own title, every second) and, if the agent allowed it at
 *   login, one notification per ring says who calls. Both stop when the ring ends or the window
 *   gets focus.
 * - Desktop app: the shell already shows an OS notification for every ring (call-reports.ts), so
 *   nothing more is shown here; the window comes to the front if the agent chose so in Instellingen
 *   (settings.bringToFront).
 *
 * Returns the stop function.
 */
export interface RingAlertStore {
  getState(): StoreState
  subscribe(listener: (state: StoreState) => void): () => void
}

export interface PageEnvironment {
  readonly document: { hidden: boolean; hasFocus(): boolean; title: string }
  addEventListener(type: 'focus' | 'blur' | 'visibilitychange', listener: () => void): void
  removeEventListener(type: 'focus' | 'blur' | 'visibilitychange', listener: () => void): void
  focus(): void
}

export interface RingAlertOptions {
  readonly store: RingAlertStore
  readonly page: PageEnvironment
  readonly timers: Timers
  /** The desktop shell's bridge; undefined in the web build. */
  readonly bridge: AgentBridge | undefined
  /** The browser's notifications; undefined where there are none. */
  readonly notifications: NotificationPort | undefined
  readonly log: Logger
}

export function startRingAlerts(options: RingAlertOptions): () => void {
  return options.bridge ? desktopAlerts(options.store, options.bridge, options.log) : webAlerts(options)
}

function ringingCall(state: StoreState): CallSnapshot | undefined {
  const call = state.workspace.phone.call
  return call?.state === 'ringing' && call.direction === 'inbound' ? call : undefined
}

function desktopAlerts(store: RingAlertStore, bridge: AgentBridge, log: Logger): () => void {
  let lastRing: string | undefined
  return store.subscribe((state) => {
    const call = ringingCall(state)
    if (call === undefined || call.id === lastRing) {
      return
    }
    lastRing = call.id
    if (state.settings.bringToFront && bridge.window) {
      void bridge.window
        .bringToFront()
        .then((result) => {
          if (!result.ok) {
            log.warn({ code: result.error.code }, 'window not brought to front')
          }
        })
        .catch((error: unknown) => log.warn({ error: String(error) }, 'window not brought to front'))
    }
  })
}

function webAlerts({ store, page, timers, notifications, log }: RingAlertOptions): () => void {
  const t = alertMessages.nl
  const blinker = new TitleBlinker(page.document, timers)
  let notification: ShownNotification | undefined
  let notifiedRing: string | undefined

  const quiet = (): void => {
    blinker.stop()
    notification?.close()
    notification = undefined
  }
  const update = (): void => {
    const call = ringingCall(store.getState())
    if (call === undefined || (!page.document.hidden && page.document.hasFocus())) {
      quiet()
      return
    }
    blinker.start(t.title)
    if (notifications?.permission() === 'granted' && notifiedRing !== call.id) {
      notifiedRing = call.id
      const nummer = call.remoteNumber.trim() || t.unknownCaller
      try {
        notification = notifications.show(format(t.notificationTitle, { nummer }), () => page.focus())
      } catch (error) {
        // Some browsers allow notifications only from a service worker; the title still blinks.
        log.warn({ error: String(error) }, 'notification not shown')
      }
    }
  }

  const unsubscribe = store.subscribe(update)
  page.addEventListener('focus', update)
  page.addEventListener('blur', update)
  page.addEventListener('visibilitychange', update)
  update()
  return () => {
    unsubscribe()
    page.removeEventListener('focus', update)
    page.removeEventListener('blur', update)
    page.removeEventListener('visibilitychange', update)
    quiet()
  }
}
