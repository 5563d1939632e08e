import type { Medewerker } from './roster'

/**
 * The roster's lookups over one list of medewerkers, built once per change of the list so every
 * lookup is a map read (the queue and the directory ask on every call). The first medewerker with a
 * login, e-mail address or extension keeps it: the list puts the configured agents first.
 */
export class RosterIndex {
  readonly all: readonly Medewerker[]
  private readonly logins = new Map<string, Medewerker>()
  private readonly emails = new Map<string, Medewerker>()
  private readonly extensions = new Map<string, Medewerker>()
  private readonly afdelingen = new Map<string, Medewerker[]>()

  constructor(medewerkers: readonly Medewerker[]) {
    const all: Medewerker[] = []
    for (const m of medewerkers) {
      const email = emailKey(m.email)
      if (this.logins.has(m.login) || this.emails.has(email) || this.extensions.has(m.sipExtension)) {
        continue
      }
      all.push(m)
      this.logins.set(m.login, m)
      this.emails.set(email, m)
      this.extensions.set(m.sipExtension, m)
      const members = this.afdelingen.get(m.afdeling) ?? []
      members.push(m)
      this.afdelingen.set(m.afdeling, members)
    }
    this.all = all
  }

  byLogin(login: string): Medewerker | undefined {
    return this.logins.get(login)
  }

  byEmail(email: string): Medewerker | undefined {
    return this.emails.get(emailKey(email))
  }

  byExtension(extension: string): Medewerker | undefined {
    return this.extensions.get(extension)
  }

  inAfdeling(afdeling: string): readonly Medewerker[] {
    return this.afdelingen.get(afdeling) ?? []
  }
}

/** E-mail addresses compare case-insensitively (the register's actoridentificator is matched so too). */
export function emailKey(email: string): string {
  return email.toLowerCase()
}
