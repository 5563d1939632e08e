import { checkAccelerator, ACCELERATOR_MAX_LENGTH } from '../desktop/accelerator'
import { DIAL_TARGET_PATTERN } from '../desktop/phone-link'
import { KLANTCONTACTNUMMER_PATTERN } from '../klantcontact/klantcontactnummer'
import { arrayOf, boolean, object, oneOf, string, variants, type Infer, type Validator } from './validate'

/**
 * The desktop shell's part of the IPC contract: the tray, the global shortcuts, links from other
 * applications and the desktop settings (docs/desktop.md). Kept apart from contract.ts, which lists
 * the channels, so each shape is written once here.
 */

/** The agent's status as the tray icon shows it; `afgemeld` also means: no one is logged in. */
export const TRAY_STATUSES = ['afgemeld', 'beschikbaar', 'pauze', 'nawerk', 'in_gesprek'] as const
export const trayStatus = oneOf(TRAY_STATUSES)
export type TrayStatus = Infer<typeof trayStatus>

export const trayStatusReport = object({ status: trayStatus })

/** What a global shortcut does; `front` main does itself, the others the renderer's phone commands. */
export const SHORTCUT_ACTIONS = ['answer', 'hangup', 'mute', 'front'] as const
export const globalShortcutAction = oneOf(SHORTCUT_ACTIONS)
export type GlobalShortcutAction = Infer<typeof globalShortcutAction>

/** An accelerator in its one spelling (shared/desktop/accelerator.ts); anything else is refused. */
export const accelerator: Validator<string> = (input, path = 'value') => {
  const shape = string({ minLength: 1, maxLength: ACCELERATOR_MAX_LENGTH })(input, path)
  if (!shape.ok) {
    return shape
  }
  const checked = checkAccelerator(shape.value)
  if (!checked.ok) {
    return { ok: false, message: `${path}: not a usable shortcut (${checked.reason})` }
  }
  return checked.accelerator === shape.value
    ? { ok: true, value: shape.value }
    : { ok: false, message: `${path}: not written as ${checked.accelerator}` }
}

export const shortcutKeys = object({
  answer: accelerator,
  hangup: accelerator,
  mute: accelerator,
  front: accelerator,
})
export type ShortcutKeys = Infer<typeof shortcutKeys>

export const CLOSE_BEHAVIOURS = ['ask', 'tray'] as const

/** What the agent chooses for the desktop app (stored by main in the user's profile). */
export const desktopSettings = object({
  startAtLogin: boolean,
  /** Closing the window while logged in: ask first, or keep running in the tray. */
  closeBehaviour: oneOf(CLOSE_BEHAVIOURS),
  /** Ask before dialling a `tel:`/`sip:` link. */
  confirmDial: boolean,
  shortcutsEnabled: boolean,
  shortcuts: shortcutKeys,
})
export type DesktopSettings = Infer<typeof desktopSettings>

/** What the IT admin decided (docs/desktop.md, policy keys); the agent sees it, cannot change it. */
export const desktopPolicyView = object({
  shortcutsDisabled: boolean,
  updatesDisabled: boolean,
})

/**
 * The desktop settings as they apply: the agent's choice, the policy over it, and which shortcuts
 * could not be registered (another application already holds them).
 */
export const desktopState = object({
  settings: desktopSettings,
  policy: desktopPolicyView,
  unavailableShortcuts: arrayOf(globalShortcutAction, SHORTCUT_ACTIONS.length),
})
export type DesktopState = Infer<typeof desktopState>

/**
 * What main asks the renderer to do, as one event (`desktop:command`): a tray menu choice, a global
 * shortcut, a confirmed `tel:`/`sip:` link, or a `kcc://klantcontact/<nummer>` link. Main sends only
 * these; the preload checks each one again before the page sees it.
 */
export const desktopCommand = variants('kind', {
  status: object({ kind: oneOf(['status']), choice: oneOf(['beschikbaar', 'pauze', 'afmelden']) }),
  shortcut: object({ kind: oneOf(['shortcut']), action: oneOf(['answer', 'hangup', 'mute']) }),
  // A phone number or an extension on the agent's own SIP domain (shared/desktop/phone-link.ts).
  dial: object({ kind: oneOf(['dial']), target: string({ pattern: DIAL_TARGET_PATTERN }) }),
  open: object({ kind: oneOf(['open']), nummer: string({ pattern: KLANTCONTACTNUMMER_PATTERN }) }),
})
export type DesktopCommand = Infer<typeof desktopCommand>
