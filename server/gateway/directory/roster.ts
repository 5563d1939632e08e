import type { AgentConfig, Role } from '../config/types'

/**
 * A medewerker the gateway knows: from the configuration's `agents`, or provisioned when they first
 * signed in through single sign-on (their role and afdeling then come from the provider's claims).
 * Everything that asks "who works here, in which afdeling, at which extension" asks the roster,
 * never the configuration directly.
 */
export interface Medewerker {
  login: string
  displayName: string
  email: string
  role: Role
  afdeling: string
  sipExtension: string
  supervises?: string[]
}

export interface Roster {
  /** Everyone, configured first, then provisioned, each once (a provisioned login never shadows a configured one). */
  all(): readonly Medewerker[]
  byLogin(login: string): Medewerker | undefined
  /**
   * `byLogin`, but on a miss it first reloads from the database once: another instance may have
   * provisioned them a moment ago. For callers that can wait (a session's identity).
   */
  find(login: string): Promise<Medewerker | undefined>
  /** Case-insensitive. */
  byEmail(email: string): Medewerker | undefined
  byExtension(extension: string): Medewerker | undefined
  inAfdeling(afdeling: string): readonly Medewerker[]
  /**
   * Adds or updates someone who signed in through single sign-on, in the gateway database so every
   * gateway instance and a restart know them. Refuses (throws RosterConflict) an extension or
   * e-mail another medewerker or a group address already has.
   */
  provision(medewerker: Medewerker): Promise<Medewerker>
  /** Reloads provisioned medewerkers from the database (another instance may have added some). */
  refresh(): Promise<void>
}

/** Provisioning refused: the extension or e-mail address is someone else's (a Dutch reason for the page). */
export class RosterConflict extends Error {
  constructor(
    message: string,
    /** Which part clashed. */
    readonly field: 'login' | 'email' | 'sipExtension',
  ) {
    super(message)
    this.name = 'RosterConflict'
  }
}

export function medewerkerOf(agent: AgentConfig): Medewerker {
  return {
    login: agent.login,
    displayName: agent.displayName,
    email: agent.email,
    role: agent.role,
    afdeling: agent.afdeling,
    sipExtension: agent.sipExtension,
    ...(agent.supervises ? { supervises: agent.supervises } : {}),
  }
}
