import { parsePhoneLink } from '../../shared/desktop/phone-link'
import { parseKlantcontactnummer } from '../../shared/klantcontact/klantcontactnummer'
import type { DesktopCommand } from '../../shared/ipc'
import type { Logger } from './log'

/**
 * Links from other applications: `tel:` and `sip:` (click to dial) and the app's own
 * `kcc://klantcontact/<nummer>` (open a klantcontact from another application). They arrive as a
 * command-line argument (Windows and Linux start the program with the link; a second start hands its
 * arguments to the running one, single-instance.ts) or through `open-url` (macOS).
 *
 * Nothing here trusts the link: a web page can put any link in front of the agent. A phone link is
 * reduced to a number or an extension on the configured SIP domain (shared/desktop/phone-link.ts),
 * the agent is asked before it dials (unless they turned that off), and a klantcontact link carries
 * only a nummer, which the renderer opens through the gateway like a typed-in nummer: the
 * gateway's usual checks decide what the agent may see.
 */

export const APP_SCHEME = 'kcc'
export const LINK_SCHEMES = [APP_SCHEME, 'tel', 'sip'] as const

export type Link =
  | { readonly kind: 'dial'; readonly target: string }
  | { readonly kind: 'open'; readonly nummer: string }
  | { readonly kind: 'refused'; readonly reason: string }

/** The first argument that is one of our links; other arguments (Chromium switches, paths) are not. */
export function linkFromArgv(argv: readonly string[]): string | undefined {
  return argv.find((argument) => /^(kcc|tel|sip):/i.test(argument))
}

/** `kcc://klantcontact/26000001` (an optional trailing slash): the nummer, or undefined. */
export function parseAppLink(link: string): string | undefined {
  const match = /^kcc:\/\/klantcontact\/([^/?#]*)\/?$/i.exec(link)
  return match?.[1] === undefined ? undefined : parseKlantcontactnummer(match[1])
}

export function parseLink(link: string, sipDomain: string | undefined): Link {
  if (/^kcc:/i.test(link)) {
    const nummer = parseAppLink(link)
    return nummer === undefined ? { kind: 'refused', reason: 'app-link' } : { kind: 'open', nummer }
  }
  const phone = parsePhoneLink(link, sipDomain)
  return phone.ok ? { kind: 'dial', target: phone.target } : { kind: 'refused', reason: phone.reason }
}

export interface DialConfirmation {
  readonly dial: boolean
  /** The agent ticked "Niet meer vragen". */
  readonly stopAsking: boolean
}

export interface LinkHandlerOptions {
  readonly sipDomain: string | undefined
  readonly send: (command: DesktopCommand) => void
  readonly bringToFront: () => void
  readonly loggedIn: () => boolean
  readonly confirmDial: () => boolean
  readonly askToDial: (target: string) => Promise<DialConfirmation>
  readonly stopAskingToDial: () => void
  readonly tellRefused: () => void
  readonly log: Logger
}

export interface LinkHandler {
  /** Handles a link now, or keeps it until the agent has logged in. */
  handle(link: string): Promise<void>
  /** Handles the link kept while no one was logged in; call when the agent has logged in. */
  flush(): Promise<void>
}

export function createLinkHandler(options: LinkHandlerOptions): LinkHandler {
  const { log } = options
  // Only the latest: a link clicked before login is still meant; ten of them are not.
  let pending: Link | undefined

  const run = async (link: Link): Promise<void> => {
    switch (link.kind) {
      case 'refused':
        // The reason only: the link may hold a citizen's number.
        log.warn('link refused', { reason: link.reason })
        options.tellRefused()
        return
      case 'open':
        options.bringToFront()
        options.send({ kind: 'open', nummer: link.nummer })
        log.info('klantcontact link opened')
        return
      case 'dial': {
        options.bringToFront()
        if (options.confirmDial()) {
          const answer = await options.askToDial(link.target)
          if (answer.stopAsking && answer.dial) {
            options.stopAskingToDial()
          }
          if (!answer.dial) {
            log.info('dial link cancelled')
            return
          }
        }
        options.send({ kind: 'dial', target: link.target })
        log.info('dial link sent')
        return
      }
      default: {
        const unknown: never = link
        throw new Error(`unknown link ${String(unknown)}`)
      }
    }
  }

  return {
    async handle(raw) {
      const link = parseLink(raw, options.sipDomain)
      if (link.kind !== 'refused' && !options.loggedIn()) {
        pending = link
        options.bringToFront()
        log.info('link kept until login', { kind: link.kind })
        return
      }
      await run(link)
    },
    async flush() {
      const link = pending
      pending = undefined
      if (link !== undefined && options.loggedIn()) {
        await run(link)
      }
    },
  }
}
