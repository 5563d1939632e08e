import type { Logger } from '../log'
import type { SipCredentials } from './connection'

/** Credentials with the moment they stop working (ms since the epoch). */
export interface ExpiringCredentials extends SipCredentials {
  expiresAt: number
}

export interface CredentialRenewalOptions {
  /** The credentials the softphone started with. */
  initial: ExpiringCredentials
  /** New credentials from the gateway (GET /api/softphone). */
  fetch(): Promise<ExpiringCredentials>
  /** Hands them to the softphone. */
  apply(credentials: SipCredentials): void
  log: Logger
  now?: () => number
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

/** Never renew later than this before expiry: a REGISTER refresh must not meet expired ones. */
export const RENEW_MARGIN_MS = 5 * 60_000
/** After a failed fetch (gateway unreachable), try again this much later, while time remains. */
export const RETRY_MS = 30_000

/**
 * When to renew credentials that run until `expiresAt`: at three quarters of their remaining
 * lifetime, but at least {@link RENEW_MARGIN_MS} before they expire (at once if that has passed).
 */
export function renewalDelay(expiresAt: number, now: number): number {
  const left = expiresAt - now
  return Math.max(0, Math.min(left * 0.75, left - RENEW_MARGIN_MS))
}

/**
 * Keeps the softphone's ephemeral SIP credentials (docs/telephony.md) fresh: fetches new ones from
 * the gateway well before the current ones expire and gives them to the softphone, whose next
 * digest challenge uses them. A failed fetch is retried; if the gateway stays away past the
 * expiry, the registrar refuses the next REGISTER and the softphone shows it, as for any refusal.
 */
export class CredentialRenewal {
  private timer: unknown
  private stopped = false
  private readonly now: () => number
  private readonly setTimer: (run: () => void, ms: number) => unknown
  private readonly clearTimer: (timer: unknown) => void

  constructor(private readonly options: CredentialRenewalOptions) {
    this.now = options.now ?? Date.now
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms))
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>))
  }

  start(): void {
    this.stopped = false
    this.schedule(renewalDelay(this.options.initial.expiresAt, this.now()), this.options.initial.expiresAt)
  }

  stop(): void {
    this.stopped = true
    this.clearTimer(this.timer)
    this.timer = undefined
  }

  /**
   * Fetches and applies new credentials now (the registrar refused the current ones), and renews
   * those in time as usual. False when the gateway gave none; the timer keeps its schedule then.
   */
  async renewNow(): Promise<boolean> {
    let fresh: ExpiringCredentials
    try {
      fresh = await this.options.fetch()
    } catch (error) {
      this.options.log.warn({ error: String(error) }, 'sip credentials not renewed')
      return false
    }
    if (this.stopped) {
      return false
    }
    this.apply(fresh)
    return true
  }

  private apply(fresh: ExpiringCredentials): void {
    this.options.apply({ authorizationUsername: fresh.authorizationUsername, password: fresh.password })
    this.options.log.info({ expiresAt: new Date(fresh.expiresAt).toISOString() }, 'sip credentials renewed')
    this.schedule(renewalDelay(fresh.expiresAt, this.now()), fresh.expiresAt)
  }

  private schedule(ms: number, expiresAt: number): void {
    this.clearTimer(this.timer)
    this.timer = this.setTimer(() => void this.renew(expiresAt), ms)
  }

  private async renew(expiresAt: number): Promise<void> {
    let fresh: ExpiringCredentials
    try {
      fresh = await this.options.fetch()
    } catch (error) {
      if (this.stopped) {
        return
      }
      const left = expiresAt - this.now()
      // The error text only: no credentials in the log.
      this.options.log.warn({ error: String(error), leftMs: left }, 'sip credentials not renewed')
      this.schedule(left > 0 ? Math.min(RETRY_MS, left) : RETRY_MS, expiresAt)
      return
    }
    if (this.stopped) {
      return
    }
    this.apply(fresh)
  }
}
