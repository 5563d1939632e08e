import type { DesktopCommand } from '../../../shared/ipc'
import { isDialTarget } from '../../../shared/desktop/phone-link'
import { parseKlantcontactnummer } from '../../../shared/klantcontact/klantcontactnummer'
import { openKlantcontact } from '../incoming-transfer/open'
import { runShortcut, type ShortcutContext } from '../keyboard/shortcut-actions'
import type { ShortcutAction } from '../keyboard/shortcuts'
import type { Logger } from '../log'
import { isCallTarget } from '../softphone/call/call-target'
import type { Services } from '../services/context'
import type { StoreState } from '../store/types'
import type { Availability } from '../workspace/agent-state'

/**
 * What the desktop shell asks for (a tray choice, a global shortcut, a link), done through the
 * paths the page already has: the keyboard's actions (keyboard/shortcut-actions.ts: the same rules
 * as Alt+O, Alt+H, Alt+M, Alt+B, Alt+P), the phone's dial, and "Klantcontact openen"
 * (incoming-transfer/open.ts, source `manual`, so the gateway checks it like a typed nummer).
 * Every command is checked again here: the page does not take main's word for a number.
 */

export interface DesktopCommandContext {
  readonly state: () => StoreState
  readonly services: Pick<Services, 'api' | 'softphone' | 'transfers'>
  readonly agentLogin: string
  readonly choose: (availability: Availability) => void
  readonly logout: () => void
  readonly log: Logger
}

const SHORTCUT_OF = {
  answer: 'answer',
  hangup: 'hangup',
  mute: 'mute',
} as const satisfies Record<string, ShortcutAction>

function shortcutContext(context: DesktopCommandContext): ShortcutContext {
  return {
    state: context.state(),
    softphone: context.services.softphone,
    transfers: context.services.transfers,
    agentLogin: context.agentLogin,
    choose: context.choose,
    // Not keys pressed in the page: no form to save, no help to show, no focus to respect.
    save: () => false,
    toggleHelp: () => undefined,
    focused: null,
  }
}

/** Runs `command`; says whether it did something (a refusal is logged without the number). */
export function runDesktopCommand(command: DesktopCommand, context: DesktopCommandContext): boolean {
  switch (command.kind) {
    case 'status':
      if (command.choice === 'afmelden') {
        context.logout()
        return true
      }
      return runShortcut(
        command.choice === 'beschikbaar' ? 'status_beschikbaar' : 'status_pauze',
        shortcutContext(context),
      )
    case 'shortcut':
      return runShortcut(SHORTCUT_OF[command.action], shortcutContext(context))
    case 'dial':
      return dial(command.target, context)
    case 'open': {
      const nummer = parseKlantcontactnummer(command.nummer)
      if (nummer === undefined) {
        context.log.warn({ kind: 'open' }, 'desktop command refused')
        return false
      }
      void openKlantcontact(
        { store: { getState: context.state }, api: context.services.api },
        { source: 'manual', nummer },
      )
      return true
    }
    default: {
      const unknown: never = command
      throw new Error(`unknown desktop command ${String(unknown)}`)
    }
  }
}

function dial(target: string, context: DesktopCommandContext): boolean {
  const { phone } = context.state().workspace
  // A plain number or extension, dialled on the agent's own domain: never a sip: URI from outside.
  if (!isDialTarget(target) || !isCallTarget(target)) {
    context.log.warn({ kind: 'dial', reason: 'target' }, 'desktop command refused')
    return false
  }
  // As the phone strip's Bellen: only when registered and without a call.
  if (phone.registration !== 'registered' || phone.call !== null) {
    context.log.info({ kind: 'dial', reason: 'busy' }, 'desktop command refused')
    return false
  }
  context.services.softphone
    .call(target)
    .catch((error: unknown) => context.log.warn({ error: String(error) }, 'desktop dial failed'))
  return true
}
