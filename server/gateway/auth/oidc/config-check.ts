import type { GatewayConfig } from '../../config/types'
import { isLoopbackHttp } from './client'

/**
 * What `auth` must agree with in the rest of the configuration (config/load.ts refuses to start
 * otherwise): single sign-on needs its provider, maps groups to afdelingen that exist and talks
 * HTTPS to a provider elsewhere; password login needs someone with a password.
 */
export function authConfigProblems(config: GatewayConfig): string[] {
  const methods = config.auth?.methods ?? ['password']
  const problems: string[] = []
  if (methods.includes('password') && !config.agents.some((a) => a.passwordHash)) {
    problems.push('auth.methods has password, but no agent has a passwordHash')
  }
  const oidc = config.auth?.oidc
  if (methods.includes('oidc') && !oidc) {
    problems.push('auth.methods has oidc, but auth.oidc is missing')
  }
  if (!oidc) {
    return problems
  }
  const afdelingen = new Set(config.afdelingen.map((a) => a.id))
  for (const [group, afdeling] of Object.entries(oidc.afdelingen)) {
    if (!afdelingen.has(afdeling)) {
      problems.push(
        `auth.oidc.afdelingen: group ${group} maps to afdeling ${afdeling}, which is not configured`,
      )
    }
  }
  if (Object.keys(oidc.roles).length === 0 || Object.keys(oidc.afdelingen).length === 0) {
    problems.push('auth.oidc needs at least one group in roles and in afdelingen, or nobody can sign in')
  }
  if (new URL(oidc.issuer).protocol !== 'https:' && !isLoopbackHttp(oidc.issuer)) {
    problems.push(
      'auth.oidc.issuer must be https:// (plain http only for a provider on 127.0.0.1 or localhost)',
    )
  }
  if (!oidc.clientSecret) {
    problems.push(
      'auth.oidc needs the client secret (clientSecret, clientSecretFile or KCC_OIDC_CLIENT_SECRET)',
    )
  }
  const scopes = oidc.scopes
  if (scopes && !scopes.includes('openid')) {
    problems.push('auth.oidc.scopes must include openid')
  }
  return problems
}
