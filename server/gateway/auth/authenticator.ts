import type { AgentConfig, Role } from '../config/types'
import type { Roster } from '../directory/roster'
import { verifyPassword } from './passwords'

/**
 * Who an agent is, once authenticated. Everything after login (sessions, roles, the audit log, the
 * task API) works on this, never on how the agent proved it, so an OIDC login (Entra ID, Keycloak)
 * is one more `Authenticator` and one more credential kind, without touching the callers.
 */
export interface AgentIdentity {
  login: string
  displayName: string
  email: string
  role: Role
  afdeling: string
}

export type LoginCredentials = { kind: 'password'; login: string; password: string }

export interface Authenticator {
  /** The agent these credentials prove, or null. Never says which part was wrong. */
  authenticate(credentials: LoginCredentials): Promise<AgentIdentity | null>
  /** The current identity for a login (a session outlives a configuration change; roles do not). */
  identity(login: string): AgentIdentity | null
}

export function identityOf(agent: AgentIdentity): AgentIdentity {
  return {
    login: agent.login,
    displayName: agent.displayName,
    email: agent.email,
    role: agent.role,
    afdeling: agent.afdeling,
  }
}

/**
 * Password login against the configured agents' scrypt hashes (passwords.ts). An unknown login
 * costs the same scrypt as a known one, so response time does not reveal which logins exist.
 */
export class PasswordAuthenticator implements Authenticator {
  private readonly agents: Map<string, AgentConfig>
  private readonly decoy: string

  /** `roster`: where `identity` looks (single sign-on adds medewerkers); left out, the agents given. */
  constructor(
    agents: readonly AgentConfig[],
    private readonly roster?: Pick<Roster, 'byLogin'>,
  ) {
    this.agents = new Map(agents.map((a) => [a.login, a]))
    // Any configured hash has the parameters real ones have; verifying against it with a wrong
    // login is as slow as a real check and can never succeed for that login.
    this.decoy = agents.find((a) => a.passwordHash)?.passwordHash ?? ''
  }

  async authenticate(credentials: LoginCredentials): Promise<AgentIdentity | null> {
    if (credentials.kind !== 'password') {
      return null
    }
    const agent = this.agents.get(credentials.login)
    if (!agent?.passwordHash) {
      await verifyPassword(credentials.password, this.decoy)
      return null
    }
    return (await verifyPassword(credentials.password, agent.passwordHash)) ? identityOf(agent) : null
  }

  identity(login: string): AgentIdentity | null {
    const agent = this.roster ? this.roster.byLogin(login) : this.agents.get(login)
    return agent ? identityOf(agent) : null
  }
}
