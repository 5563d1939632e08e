import { ACTOR_LIMITS, ACTORIDENTIFICATOR_LIMITS } from '../../../../shared/api/klantinteracties-limits'
import type { OidcConfig, Role } from '../../config/types'
import type { Medewerker } from '../../directory/roster'
import { SIP_USER } from '../../config/patterns'

/**
 * Who the identity provider says signed in, as the medewerker the gateway knows them by
 * (`auth.oidc.claims`, `roles`, `afdelingen`; docs/gateway.md, "Single sign-on").
 * Nothing the provider sends is taken on trust beyond its shape: a login, extension or e-mail
 * address that would not be accepted in the configuration is refused here, with a reason the
 * refusal page and the audit line name.
 */
export type ClaimsRefusal =
  /** No usable login claim. */
  | 'geen-login'
  /** No usable e-mail address (the register finds a medewerker's actor by it). */
  | 'geen-email'
  /** The extension claim (or the login's part before `@`) is not a valid SIP user. */
  | 'ongeldig-toestel'
  /** In no group `roles` maps. */
  | 'geen-rol'
  /** In no group `afdelingen` maps to a configured afdeling. */
  | 'geen-afdeling'

export type ClaimsResult = { medewerker: Medewerker } | { refused: ClaimsRefusal }

export const DEFAULT_CLAIMS = {
  login: 'preferred_username',
  displayName: 'name',
  email: 'email',
  groups: 'groups',
} as const

const LOGIN = /^[a-z0-9._@+-]{1,64}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Higher wins when someone is in groups mapped to both. */
const ROLE_RANK: Record<Role, number> = { agent: 1, supervisor: 2 }

export function medewerkerFromClaims(
  claims: Readonly<Record<string, unknown>>,
  oidc: Pick<OidcConfig, 'claims' | 'roles' | 'afdelingen'>,
  configuredAfdelingen: ReadonlySet<string>,
): ClaimsResult {
  const names = { ...DEFAULT_CLAIMS, ...oidc.claims }
  const login = text(claims[names.login])?.toLowerCase()
  if (!login || !LOGIN.test(login)) {
    return { refused: 'geen-login' }
  }
  const email = text(claims[names.email]) ?? (EMAIL.test(login) ? login : undefined)
  if (!email || !EMAIL.test(email) || email.length > ACTORIDENTIFICATOR_LIMITS.objectId) {
    return { refused: 'geen-email' }
  }
  const extension = names.extension ? text(claims[names.extension]) : login.split('@')[0]
  if (!extension || !SIP_USER.test(extension)) {
    return { refused: 'ongeldig-toestel' }
  }
  const groups = new Set(list(claims[names.groups]))
  const role = Object.entries(oidc.roles)
    .filter(([group]) => groups.has(group))
    .map(([, mapped]) => mapped)
    .sort((a, b) => ROLE_RANK[b] - ROLE_RANK[a])[0]
  if (!role) {
    return { refused: 'geen-rol' }
  }
  // The configuration's order decides an agent's afdeling when several groups map.
  const afdelingen = [
    ...new Set(
      Object.entries(oidc.afdelingen)
        .filter(([group, afdeling]) => groups.has(group) && configuredAfdelingen.has(afdeling))
        .map(([, afdeling]) => afdeling),
    ),
  ]
  const afdeling = afdelingen[0]
  if (!afdeling) {
    return { refused: 'geen-afdeling' }
  }
  const displayName = (text(claims[names.displayName]) ?? login).slice(0, ACTOR_LIMITS.naam)
  return {
    medewerker: {
      login,
      displayName,
      email,
      role,
      afdeling,
      sipExtension: extension,
      ...(role === 'supervisor' ? { supervises: afdelingen } : {}),
    },
  }
}

/** A claim's value as trimmed text: a string or a number (an extension may be numeric). */
function text(value: unknown): string | undefined {
  const string = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value
  if (typeof string !== 'string') {
    return undefined
  }
  const trimmed = string.trim()
  return trimmed === '' ? undefined : trimmed
}

/** A group claim is an array of strings, or one string when someone is in one group. */
function list(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value]
  }
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
