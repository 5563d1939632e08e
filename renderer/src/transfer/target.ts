import type { DirectoryView } from '../../../shared/gateway/api'
import { addressUser } from '../softphone/call/call-target'
import { isAgentState, type AgentState, type AgentStatus } from '../../../shared/live/protocol'

/**
 * Whom the agent can pass the customer on to: an afdeling (its group address rings
 * every available member) or a colleague (their extension). `id` is what the gateway's transfer
 * record and a contactverzoek address (the afdeling's id, the colleague's login); `address` is what
 * the softphone dials (an extension or the group address' user part, digits or a plain user).
 */
export interface TransferTarget {
  readonly type: 'agent' | 'afdeling'
  readonly id: string
  readonly naam: string
  readonly address: string
}

/** A target as the picker lists it, with what the live hub says right now. */
export type TransferCandidate = TransferTarget &
  (
    | { readonly type: 'agent'; readonly afdelingNaam: string; readonly state: AgentState | 'unknown' }
    | { readonly type: 'afdeling'; readonly beschikbaar: number; readonly leden: number }
  )

/**
 * The directory's afdelingen and colleagues (never the agent themself), with their live state: the
 * live hub's state when it knows the colleague, else the directory's (a snapshot at load time).
 * Filtered by `query` on name, afdeling, extension; afdelingen first, as in the VNG case the call
 * is passed on to an afdeling.
 */
export function transferCandidates(
  directory: DirectoryView,
  live: readonly AgentStatus[],
  ownLogin: string,
  query: string,
): TransferCandidate[] {
  const liveState = new Map(live.map((agent) => [agent.login, agent.state]))
  const stateOf = (login: string, fallback: string): AgentState | 'unknown' =>
    liveState.get(login) ?? (isAgentState(fallback) ? fallback : 'unknown')
  const afdelingNaam = new Map(directory.afdelingen.map((a) => [a.id, a.naam]))
  const needle = normalise(query)
  const matches = (...texts: string[]): boolean =>
    needle === '' || texts.some((text) => normalise(text).includes(needle))

  const afdelingen: TransferCandidate[] = directory.afdelingen
    .filter((a) => matches(a.naam, a.id))
    .map((a) => ({
      type: 'afdeling',
      id: a.id,
      naam: a.naam,
      address: addressUser(a.groupAddress),
      leden: a.leden.filter((login) => login !== ownLogin).length,
      beschikbaar: a.leden.filter(
        (login) => login !== ownLogin && stateOf(login, directoryState(directory, login)) === 'beschikbaar',
      ).length,
    }))
  const medewerkers: TransferCandidate[] = directory.medewerkers
    .filter((m) => m.login !== ownLogin)
    .filter((m) => matches(m.displayName, m.login, m.extension, afdelingNaam.get(m.afdeling) ?? ''))
    .map((m) => ({
      type: 'agent',
      id: m.login,
      naam: m.displayName,
      address: m.extension,
      afdelingNaam: afdelingNaam.get(m.afdeling) ?? m.afdeling,
      state: stateOf(m.login, m.state),
    }))
  return [...afdelingen, ...medewerkers]
}

/** The key a candidate is chosen by (ids of afdelingen and logins could coincide). */
export function candidateKey(target: Pick<TransferTarget, 'type' | 'id'>): string {
  return `${target.type}:${target.id}`
}

function directoryState(directory: DirectoryView, login: string): string {
  return directory.medewerkers.find((m) => m.login === login)?.state ?? 'unknown'
}

function normalise(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('nl').trim()
}
