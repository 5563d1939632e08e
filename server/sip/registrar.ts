import type { NameAddr, SipRequest } from 'sip'
import { contactKey } from './messages'
import type { RegistrationInfo, SipLimits } from './types'

/**
 * In-memory registrar (RFC 3261 §10.3). A binding is tied to the WebSocket connection its REGISTER
 * came on: that connection is the only way to reach the contact (sip.js' Contact host is
 * `*.invalid`), so bindings go when their connection closes, and expired ones go on the sweep.
 */
export interface Binding {
  user: string
  /** The Contact URI as registered. */
  contact: string
  key: string
  flowId: string
  expiresAt: number
  callId: string
  cseq: number
}

export type RegisterResult =
  | { status: 200; contacts: NameAddr[] }
  | { status: 400 | 403 | 423 | 500; reason: string; headers?: Record<string, unknown> }

export interface Registrar {
  register(request: SipRequest, user: string, flowId: string): RegisterResult
  /** Live bindings of an account, newest first. */
  bindings(user: string): Binding[]
  /** The binding whose Contact matches a Request-URI (e.g. an INVITE with Replaces). */
  byContact(uri: string): Binding | undefined
  removeFlow(flowId: string): number
  sweep(): number
  list(): RegistrationInfo[]
  size(): number
}

type Limits = Pick<SipLimits, 'maxRegistrationsPerAccount' | 'minExpires' | 'maxExpires' | 'defaultExpires'>

export function createRegistrar(limits: Limits, now: () => number = Date.now): Registrar {
  /** user → contact key → binding */
  const byUser = new Map<string, Map<string, Binding>>()
  const byKey = new Map<string, Binding>()

  const remove = (binding: Binding): void => {
    byKey.delete(binding.key)
    const mine = byUser.get(binding.user)
    mine?.delete(binding.key)
    if (mine && mine.size === 0) {
      byUser.delete(binding.user)
    }
  }
  const live = (binding: Binding): boolean => binding.expiresAt > now()
  const seconds = (binding: Binding): number => Math.max(0, Math.round((binding.expiresAt - now()) / 1000))

  const contactsOf = (user: string): NameAddr[] =>
    [...(byUser.get(user)?.values() ?? [])]
      .filter(live)
      .map((b) => ({ uri: b.contact, params: { expires: String(seconds(b)) } }))

  return {
    register(request, user, flowId) {
      const contact = request.headers.contact
      const expiresHeader = request.headers['expires']
      const headerExpires = typeof expiresHeader === 'string' ? Number(expiresHeader.trim()) : undefined
      if (headerExpires !== undefined && !Number.isInteger(headerExpires)) {
        return { status: 400, reason: 'Bad Expires' }
      }
      if (contact === undefined) {
        return { status: 200, contacts: contactsOf(user) } // a query
      }
      const callId = request.headers['call-id']
      const cseq = request.headers.cseq.seq
      if (contact === '*') {
        if (headerExpires !== 0) {
          return { status: 400, reason: 'Wildcard Contact Needs Expires: 0' }
        }
        for (const binding of [...(byUser.get(user)?.values() ?? [])]) {
          remove(binding)
        }
        return { status: 200, contacts: [] }
      }
      // Check every contact before changing anything.
      const changes: Array<{ key: string; uri: string; expires: number }> = []
      for (const entry of contact) {
        const key = contactKey(entry.uri)
        if (!key || typeof entry.uri !== 'string') {
          return { status: 400, reason: 'Bad Contact' }
        }
        const param = entry.params['expires']
        const expires =
          param !== undefined && param !== null ? Number(param) : (headerExpires ?? limits.defaultExpires)
        if (!Number.isInteger(expires) || expires < 0) {
          return { status: 400, reason: 'Bad Expires' }
        }
        if (expires > 0 && expires < limits.minExpires) {
          return {
            status: 423,
            reason: 'Interval Too Brief',
            headers: { 'min-expires': String(limits.minExpires) },
          }
        }
        const owner = byKey.get(key)
        if (owner && owner.user !== user) {
          return { status: 403, reason: 'Contact Registered By Another User' }
        }
        if (owner && owner.callId === callId && owner.cseq >= cseq) {
          return { status: 500, reason: 'Out Of Order REGISTER' }
        }
        changes.push({ key, uri: entry.uri, expires: Math.min(expires, limits.maxExpires) })
      }
      const mine = byUser.get(user) ?? new Map<string, Binding>()
      const after = new Set([...mine.values()].filter(live).map((b) => b.key))
      for (const change of changes) {
        if (change.expires === 0) {
          after.delete(change.key)
        } else {
          after.add(change.key)
        }
      }
      if (after.size > limits.maxRegistrationsPerAccount) {
        return { status: 403, reason: 'Too Many Registrations' }
      }
      byUser.set(user, mine)
      for (const change of changes) {
        const existing = mine.get(change.key)
        if (existing) {
          remove(existing)
        }
        if (change.expires > 0) {
          const binding: Binding = {
            user,
            contact: change.uri,
            key: change.key,
            flowId,
            expiresAt: now() + change.expires * 1000,
            callId,
            cseq,
          }
          mine.set(change.key, binding)
          byUser.set(user, mine)
          byKey.set(change.key, binding)
        }
      }
      if (mine.size === 0) {
        byUser.delete(user)
      }
      return { status: 200, contacts: contactsOf(user) }
    },

    bindings(user) {
      return [...(byUser.get(user)?.values() ?? [])].filter(live).sort((a, b) => b.expiresAt - a.expiresAt)
    },

    byContact(uri) {
      const key = contactKey(uri)
      const binding = key ? byKey.get(key) : undefined
      return binding && live(binding) ? binding : undefined
    },

    removeFlow(flowId) {
      let removed = 0
      for (const binding of [...byKey.values()]) {
        if (binding.flowId === flowId) {
          remove(binding)
          removed++
        }
      }
      return removed
    },

    sweep() {
      let removed = 0
      for (const binding of [...byKey.values()]) {
        if (!live(binding)) {
          remove(binding)
          removed++
        }
      }
      return removed
    },

    list() {
      return [...byKey.values()].filter(live).map((b) => ({
        user: b.user,
        contact: b.contact,
        expiresInSeconds: seconds(b),
        connection: b.flowId,
      }))
    },

    size() {
      return byKey.size
    },
  }
}
