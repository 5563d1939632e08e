import { globalShortcut } from 'electron'
import {
  SHORTCUT_ACTIONS,
  type DesktopCommand,
  type GlobalShortcutAction,
  type ShortcutKeys,
} from '../../shared/ipc'
import { checkAccelerator } from '../../shared/desktop/accelerator'
import type { Logger } from './log'

/**
 * Shortcuts that work while the agent is in another application (the CRM, the mail): answer, hang
 * up, mute, and bring the KCC Werkplek to the front. Registered with the OS through
 * `globalShortcut`, so they take their keys away from every other application: only while someone
 * is logged in, only when the agent wants them and the policy allows them, and each accelerator
 * checked again here (shared/desktop/accelerator.ts), whatever the settings file says.
 *
 * Answer, hang up and mute go to the renderer as a `desktop:command`, which runs the same phone
 * command as the in-app shortcut (keyboard/shortcut-actions.ts); bringing the window forward is
 * main's own job.
 */

export interface GlobalShortcutOptions {
  readonly send: (command: DesktopCommand) => void
  readonly bringToFront: () => void
  readonly log: Logger
}

export interface ShortcutWish {
  /** Someone is logged in: without a session the keys stay with the other applications. */
  readonly active: boolean
  readonly enabled: boolean
  readonly disabledByPolicy: boolean
  readonly keys: ShortcutKeys
}

export interface GlobalShortcuts {
  /** Registers what `wish` asks for; returns the actions whose keys another application holds. */
  apply(wish: ShortcutWish): readonly GlobalShortcutAction[]
  clear(): void
}

export function createGlobalShortcuts({ send, bringToFront, log }: GlobalShortcutOptions): GlobalShortcuts {
  const registered = new Set<string>()
  let last = ''

  const run = (action: GlobalShortcutAction) => (): void => {
    log.info('global shortcut', { action })
    if (action === 'front') {
      bringToFront()
    } else {
      send({ kind: 'shortcut', action })
    }
  }

  const clear = (): void => {
    for (const accelerator of registered) {
      globalShortcut.unregister(accelerator)
    }
    registered.clear()
    last = ''
  }

  let unavailable: readonly GlobalShortcutAction[] = []

  return {
    apply(wish) {
      const wanted = wish.active && wish.enabled && !wish.disabledByPolicy
      const key = wanted ? JSON.stringify(wish.keys) : ''
      if (key === last) {
        // Re-registering the same keys on every status change would briefly free them.
        return unavailable
      }
      clear()
      if (!wanted) {
        unavailable = []
        return unavailable
      }
      const refused: GlobalShortcutAction[] = []
      for (const action of SHORTCUT_ACTIONS) {
        const checked = checkAccelerator(wish.keys[action])
        if (!checked.ok || registered.has(checked.accelerator)) {
          refused.push(action)
          continue
        }
        // register returns false when another application (or the OS) already holds the keys.
        if (globalShortcut.register(checked.accelerator, run(action))) {
          registered.add(checked.accelerator)
        } else {
          refused.push(action)
        }
      }
      if (refused.length > 0) {
        log.warn('global shortcuts not registered', { actions: refused })
      }
      last = key
      unavailable = refused
      return unavailable
    },
    clear() {
      clear()
      unavailable = []
    },
  }
}
