import { ACTOR_LIMITS, ACTORIDENTIFICATOR_LIMITS } from '../../../shared/api/klantinteracties-limits'
import type { Logger } from '../../lib/logger'
import type { GatewayConfig } from '../config/types'
import { UniqueViolation, type MedewerkerStore } from './medewerker-store'
import { medewerkerOf, RosterConflict, type Medewerker, type Roster } from './roster'
import { emailKey, RosterIndex } from './roster-index'
import { SIP_USER } from '../config/patterns'

/**
 * The roster (roster.ts): the configured agents, and the medewerkers provisioned at single sign-on
 * in the gateway's database (medewerker-store.ts). Lookups read memory, so the queue and the
 * directory never wait for the database; the provisioned part is reloaded every `refreshMs` (another
 * instance may have provisioned someone), after every provisioning, and when `find` misses.
 *
 * The configuration wins: a provisioned login that is configured is the configured agent, and a
 * provisioned medewerker whose extension or e-mail address the configuration later gave to an agent
 * is left out (with a warning) rather than shadowing that agent.
 */
export interface StoredRosterOptions {
  config: Pick<GatewayConfig, 'agents' | 'afdelingen' | 'sip'>
  store: MedewerkerStore
  log: Logger
  /** How often the provisioned medewerkers are reloaded (default 30 s). */
  refreshMs?: number
}

export const ROSTER_REFRESH_MS = 30_000

/** A login from a provider's claim: any printable text without spaces, as long as an actor identificator. */
const LOGIN = new RegExp(`^[^\\s\\p{Cc}]{1,${ACTORIDENTIFICATOR_LIMITS.objectId}}$`, 'u')
const EMAIL = /^[^\s@]+@[^\s@]+$/

/** Loads the provisioned medewerkers and starts the periodic reload; `close` stops it. */
export async function openRoster(options: StoredRosterOptions): Promise<StoredRoster> {
  const roster = new StoredRoster(options)
  await roster.refresh()
  roster.start()
  return roster
}

export class StoredRoster implements Roster {
  private readonly configured: readonly Medewerker[]
  private readonly configuredLogins: ReadonlyMap<string, Medewerker>
  private readonly log: Logger
  private index: RosterIndex
  private provisioned: readonly Medewerker[] = []
  /** The reload running now, and the one waiting to start after it (see `refresh`). */
  private running: Promise<void> | undefined
  private queued: Promise<void> | undefined
  /** Logins already warned about, so a periodic reload does not repeat the warning. */
  private readonly shadowed = new Set<string>()
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly options: StoredRosterOptions) {
    this.configured = options.config.agents.map(medewerkerOf)
    this.configuredLogins = new Map(this.configured.map((m) => [m.login, m]))
    this.log = options.log
    this.index = new RosterIndex(this.configured)
  }

  all(): readonly Medewerker[] {
    return this.index.all
  }

  byLogin(login: string): Medewerker | undefined {
    return this.index.byLogin(login)
  }

  byEmail(email: string): Medewerker | undefined {
    return this.index.byEmail(email)
  }

  byExtension(extension: string): Medewerker | undefined {
    return this.index.byExtension(extension)
  }

  inAfdeling(afdeling: string): readonly Medewerker[] {
    return this.index.inAfdeling(afdeling)
  }

  async find(login: string): Promise<Medewerker | undefined> {
    const known = this.byLogin(login)
    if (known) {
      return known
    }
    await this.refresh()
    return this.byLogin(login)
  }

  async provision(medewerker: Medewerker): Promise<Medewerker> {
    this.validate(medewerker)
    const configured = this.configuredLogins.get(medewerker.login)
    if (configured) {
      return configured
    }
    this.refuseFixedClash(medewerker)
    // What other instances provisioned meanwhile, so the clash is named rather than hit in the database.
    await this.refresh()
    this.refuseProvisionedClash(medewerker)
    try {
      await this.options.store.save(medewerker)
    } catch (error) {
      if (!(error instanceof UniqueViolation)) {
        throw error
      }
      // Another instance provisioned the extension or address between our reload and our write.
      await this.refresh()
      this.refuseProvisionedClash(medewerker)
      throw new RosterConflict(
        'Dit toestelnummer of e-mailadres is al van een andere medewerker.',
        'sipExtension',
      )
    }
    await this.refresh()
    this.log.info({ login: medewerker.login, afdeling: medewerker.afdeling }, 'medewerker provisioned')
    return this.byLogin(medewerker.login) ?? medewerker
  }

  /**
   * Reloads the provisioned medewerkers. A caller always gets a reload that started after it asked
   * (a row committed before the call is seen), while concurrent callers share one.
   */
  refresh(): Promise<void> {
    if (this.queued) {
      return this.queued
    }
    const next: Promise<void> = (this.running ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined
        this.running = next
        return this.load()
      })
      .finally(() => {
        if (this.running === next) {
          this.running = undefined
        }
      })
    this.queued = next
    return next
  }

  start(): void {
    if (this.timer) {
      return
    }
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) =>
        this.log.warn({ err: (error as Error).message }, 'roster not reloaded; keeping the last one'),
      )
    }, this.options.refreshMs ?? ROSTER_REFRESH_MS)
    this.timer.unref()
  }

  close(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  private async load(): Promise<void> {
    const provisioned = (await this.options.store.all()).filter((m) => !this.configuredLogins.has(m.login))
    this.provisioned = provisioned
    this.index = new RosterIndex([...this.configured, ...provisioned])
    for (const m of provisioned) {
      if (this.index.byLogin(m.login) === m) {
        this.shadowed.delete(m.login)
      } else if (!this.shadowed.has(m.login)) {
        this.shadowed.add(m.login)
        this.log.warn(
          { login: m.login },
          'provisioned medewerker left out: a configured agent has their extension or e-mail address',
        )
      }
    }
  }

  private validate(m: Medewerker): void {
    const afdelingen = new Set(this.options.config.afdelingen.map((a) => a.id))
    const checks: Array<[string, boolean]> = [
      ['login', LOGIN.test(m.login)],
      ['displayName', m.displayName.trim() !== '' && m.displayName.length <= ACTOR_LIMITS.naam],
      ['email', EMAIL.test(m.email) && m.email.length <= ACTORIDENTIFICATOR_LIMITS.objectId],
      ['role', m.role === 'agent' || m.role === 'supervisor'],
      ['afdeling', afdelingen.has(m.afdeling)],
      ['sipExtension', SIP_USER.test(m.sipExtension)],
      ['supervises', (m.supervises ?? []).every((a) => afdelingen.has(a))],
    ]
    const invalid = checks.find(([, valid]) => !valid)?.[0]
    if (invalid) {
      throw new TypeError(`medewerker not provisioned: invalid ${invalid}`)
    }
  }

  /** The configured agents' extensions and addresses, the group addresses and the guests are never handed out. */
  private refuseFixedClash(m: Medewerker): void {
    const { config } = this.options
    const extension = m.sipExtension
    if (
      this.configured.some((a) => a.sipExtension === extension) ||
      config.afdelingen.some((a) => a.groupAddress === extension) ||
      config.sip.guests.includes(extension)
    ) {
      throw new RosterConflict('Dit toestelnummer is al in gebruik.', 'sipExtension')
    }
    if (this.configured.some((a) => emailKey(a.email) === emailKey(m.email))) {
      throw new RosterConflict('Dit e-mailadres is al van een andere medewerker.', 'email')
    }
  }

  private refuseProvisionedClash(m: Medewerker): void {
    const others = this.provisioned.filter((p) => p.login !== m.login)
    if (others.some((p) => p.sipExtension === m.sipExtension)) {
      throw new RosterConflict('Dit toestelnummer is al van een andere medewerker.', 'sipExtension')
    }
    if (others.some((p) => emailKey(p.email) === emailKey(m.email))) {
      throw new RosterConflict('Dit e-mailadres is al van een andere medewerker.', 'email')
    }
  }
}
