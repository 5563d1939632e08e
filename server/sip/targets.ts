import type { SipRequest } from 'sip'
import type { Caller } from './access'
import type { Groups } from './groups'
import { parseUri } from './messages'
import type { Binding, Registrar } from './registrar'
import type { AgentSet } from './types'

/**
 * Where an initial request may go, and nowhere else (no open relay, no toll fraud): the registration
 * whose Contact is the Request-URI (the INVITE with Replaces of an attended transfer), every
 * registration of an agent, or every registration of every available member of a group.
 */
export type Targets =
  | { bindings: Binding[]; /** true: keep the Request-URI (it is the Contact) */ keepUri: boolean }
  | { status: number; reason?: string }

export function createTargets(options: {
  domain: string
  agents: AgentSet
  registrar: Registrar
  groups: Groups
}): (request: SipRequest, caller: Caller) => Targets {
  const { domain, agents, registrar, groups } = options
  return (request, caller) => {
    const uri = parseUri(request.uri)
    if (!uri || (uri.schema !== 'sip' && uri.schema !== 'sips')) {
      return { status: 416 }
    }
    const registered = registrar.byContact(request.uri)
    if (registered) {
      return { bindings: [registered], keepUri: true }
    }
    const host = uri.host.toLowerCase()
    if (host !== domain) {
      return host.endsWith('.invalid') ? { status: 404 } : { status: 403, reason: 'Relaying Forbidden' }
    }
    if (!uri.user) {
      return { status: 484 }
    }
    if (groups.has(uri.user)) {
      if (request.method !== 'INVITE') {
        return { status: 403, reason: 'Group Addresses Accept INVITE Only' }
      }
      const bindings = groups.targets(uri.user, caller.user)
      return bindings.length > 0
        ? { bindings, keepUri: false }
        : { status: 480, reason: 'No Group Member Available' }
    }
    if (agents.has(uri.user)) {
      const bindings = registrar.bindings(uri.user)
      return bindings.length > 0 ? { bindings, keepUri: false } : { status: 480 }
    }
    return { status: 404 }
  }
}
