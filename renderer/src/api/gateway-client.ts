import ky, { HTTPError, type KyInstance } from 'ky'
import type {
  AssigneeRef,
  ContactverzoekInput,
  ContactverzoekView,
  DirectoryView,
  KlantcontactView,
  MonitorSessionInput,
  MonitorSessionView,
  PartijLookupView,
  ProblemView,
  RecentView,
  RegisterKlantcontactInput,
  ResolvedTransferView,
  SessionView,
  SoftphoneAccountView,
  TransferView,
  AgentView,
  TransferCloseInput,
} from '../../../shared/gateway/api'
import type {
  InboxDoorzettenInput,
  InboxItemView,
  InboxVerwerktInput,
  InboxView,
} from '../../../shared/gateway/inbox'
import type { KlantcontactSearchQuery, KlantcontactSearchView } from '../../../shared/gateway/search'
import type { AuthMethodsView, LogoutView } from '../../../shared/gateway/sso'
import type { KlantbeeldView } from '../../../shared/gateway/klantbeeld'
import type { SecurityEventInput } from '../../../shared/gateway/security-events'
import type { Afhandeling } from '../../../shared/klantcontact/afhandeling'
import {
  isKlantcontactnummer,
  KLANTCONTACTNUMMER_REASON,
} from '../../../shared/klantcontact/klantcontactnummer'
import { isUuid } from '../../../shared/text/uuid'
import { GatewayError } from './errors'

/**
 * The agent app's one way to the gateway (docs/gateway.md). Every failure becomes a
 * {@link GatewayError} whose `kind` tells the UI what to do; nothing here retries on its own, because
 * only the caller knows whether a request is safe to repeat (registration carries an idempotency key
 * and is retried by the outbox, see klantcontact/outbox.ts).
 */
export interface GatewayApi {
  login(login: string, password: string): Promise<SessionView>
  /** Which sign-in the login screen offers (public). */
  authMethods(): Promise<AuthMethodsView>
  /** Exchanges the single-sign-on handoff code and the app's PKCE verifier for a session. */
  loginWithSso(code: string, verifier: string): Promise<SessionView>
  /** Ends the session; for a single-sign-on session also where the provider's session ends. */
  logout(): Promise<LogoutView>
  me(): Promise<AgentView>
  softphoneAccount(): Promise<SoftphoneAccountView>
  registerKlantcontact(input: RegisterKlantcontactInput, idempotencyKey: string): Promise<KlantcontactView>
  klantcontactByNummer(nummer: string): Promise<KlantcontactView>
  recent(): Promise<RecentView>
  /** Klantcontacten by nummer, number, name, onderwerp, period or the agent's own, a page at a time. */
  searchKlantcontacten(query: KlantcontactSearchQuery): Promise<KlantcontactSearchView>
  directory(): Promise<DirectoryView>
  /** Known partijen with a telefoonnummer digitaal adres equal to `telefoonnummer`. */
  partijenByTelefoonnummer(telefoonnummer: string): Promise<PartijLookupView>
  /** The caller's picture: partijen, earlier klantcontacten and open contactverzoeken of a number. */
  klantbeeld(telefoonnummer: string): Promise<KlantbeeldView>
  /** A transfer record for a colleague or an afdeling (docs/gateway.md, Transfers); only an involved agent may. */
  announceTransfer(subject: TransferSubject, target: AssigneeRef): Promise<TransferView>
  /** How a transfer this agent announced ended, so the gateway closes its live offer. */
  closeTransfer(id: string, outcome: TransferCloseInput['outcome']): Promise<void>
  /** The klantcontact behind a transfer's nummer; 404 unless a live record addresses this agent. */
  resolveTransfer(nummer: string): Promise<ResolvedTransferView>
  /** The colleague's answer, appended by the gateway to inhoud; answers the updated klantcontact. */
  answer(uuid: string, antwoord: string): Promise<KlantcontactView>
  /** The agent's aanvulling, appended by the gateway to inhoud; answers the updated klantcontact. */
  aanvullen(nummer: string, aanvulling: string): Promise<KlantcontactView>
  /** How the klantcontact ended; recording again replaces it. Answers the klantcontact with it. */
  recordAfhandeling(nummer: string, afhandeling: Afhandeling): Promise<KlantcontactView>
  /** An interne taak following the klantcontact up, e.g. after a transfer nobody answered. */
  createContactverzoek(input: ContactverzoekInput): Promise<ContactverzoekView>
  /** The contactverzoek inbox (shared/gateway/inbox.ts): open ones oldest first, or recent verwerkt ones. */
  inbox(status: 'open' | 'verwerkt'): Promise<InboxView>
  /** Assigns the contactverzoek to this agent (its afdeling kept). */
  claimInboxItem(uuid: string): Promise<InboxItemView>
  /** Marks the contactverzoek verwerkt with what was done. */
  inboxItemVerwerkt(uuid: string, input: InboxVerwerktInput): Promise<InboxItemView>
  /** Passes the contactverzoek on to another afdeling. */
  doorzettenInboxItem(uuid: string, input: InboxDoorzettenInput): Promise<InboxItemView>
  /** Supervisor: listen in on, whisper to or barge into an agent's call (docs/supervisor.md). */
  startMonitor(input: MonitorSessionInput): Promise<MonitorSessionView>
  /** Supervisor: end a monitoring session this supervisor started. */
  stopMonitor(id: string): Promise<void>
  /** Something the app refused for security reasons (a REFER), for the gateway's audit log. */
  reportSecurityEvent(event: SecurityEventInput): Promise<void>
}

/** Which klantcontact a transfer is about: by its nummer, or by its uuid. */
export type TransferSubject = { readonly nummer: string } | { readonly klantcontactUuid: string }

export interface GatewayClientOptions {
  /** e.g. `https://kcc-gateway.gemeente.example`; the web build uses its own origin. */
  baseUrl: string
  /** The session token, read at every request (it changes on login and logout). */
  token: () => string | undefined
  /** Called once per 401, so the app can return to the login screen. */
  onUnauthenticated?: () => void
  /** Per request; registration is retried by the outbox anyway. {@link GATEWAY_TIMEOUT_MS} by default. */
  timeoutMs?: number
  /** For tests. */
  fetch?: typeof fetch
}

/**
 * 12 s: longer than the gateway's own budget for a request (8 s, server/gateway/register-client/
 * client.ts), so the gateway's answer, a 504 with its reason included, arrives before the app
 * gives up and tells the agent only that there was no answer.
 */
export const GATEWAY_TIMEOUT_MS = 12_000

const UUID_REASON = 'Geen geldige klantcontact-uuid.'
const INTERNE_TAAK_REASON = 'Geen geldige uuid van een contactverzoek.'
const TELEFOON = /^\+?[0-9]{3,20}$/

export function createGatewayClient(options: GatewayClientOptions): GatewayApi {
  const http: KyInstance = ky.create({
    prefix: `${options.baseUrl.replace(/\/$/, '')}/api/`,
    timeout: options.timeoutMs ?? GATEWAY_TIMEOUT_MS,
    // No ky retries: a POST is repeated only by the outbox, with its idempotency key.
    retry: 0,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    hooks: {
      beforeRequest: [
        ({ request }) => {
          const token = options.token()
          if (token) {
            request.headers.set('authorization', `Bearer ${token}`)
          }
        },
      ],
    },
  })

  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      const mapped = toGatewayError(error)
      if (mapped.kind === 'unauthenticated') {
        options.onUnauthenticated?.()
      }
      throw mapped
    }
  }

  return {
    login: (login, password) =>
      // A wrong password is 401 too, but it is not a lost session: do not call onUnauthenticated.
      run(() => http.post('session', { json: { login, password } }).json<SessionView>()),
    authMethods: () => run(() => http.get('auth/methods').json<AuthMethodsView>()),
    loginWithSso: (code, verifier) =>
      // A used or expired code is 401 too; like a wrong password, not a lost session.
      run(() => http.post('session/sso', { json: { code, verifier } }).json<SessionView>()),
    logout: () =>
      call(async () => {
        const response = await http.delete('session')
        // 204 for a password session, 200 with a LogoutView for a single-sign-on session.
        return response.status === 200 ? await response.json<LogoutView>() : { endSessionUrl: null }
      }),
    me: () => call(() => http.get('me').json<AgentView>()),
    softphoneAccount: () => call(() => http.get('softphone').json<SoftphoneAccountView>()),
    registerKlantcontact: (input, idempotencyKey) =>
      call(() =>
        http
          .post('klantcontacten', { json: input, headers: { 'idempotency-key': idempotencyKey } })
          .json<KlantcontactView>(),
      ),
    klantcontactByNummer: (nummer) => {
      if (!isKlantcontactnummer(nummer)) {
        return Promise.reject(invalid('nummer', KLANTCONTACTNUMMER_REASON))
      }
      return call(() => http.get(`klantcontacten/by-nummer/${nummer}`).json<KlantcontactView>())
    },
    recent: () => call(() => http.get('klantcontacten/recent').json<RecentView>()),
    searchKlantcontacten: (query) =>
      call(() =>
        http
          .get('klantcontacten/zoeken', { searchParams: searchParamsOf(query) })
          .json<KlantcontactSearchView>(),
      ),
    directory: () => call(() => http.get('directory').json<DirectoryView>()),
    partijenByTelefoonnummer: (telefoonnummer) => {
      if (!TELEFOON.test(telefoonnummer)) {
        return Promise.resolve({ results: [] })
      }
      return call(() => http.get('partijen', { searchParams: { telefoonnummer } }).json<PartijLookupView>())
    },
    klantbeeld: (telefoonnummer) => {
      if (!TELEFOON.test(telefoonnummer)) {
        return Promise.resolve({ partijen: [], klantcontacten: [], contactverzoeken: [] })
      }
      return call(() => http.get('klantbeeld', { searchParams: { telefoonnummer } }).json<KlantbeeldView>())
    },
    announceTransfer: (subject, target) => {
      // Checked here too: what goes into a request (and from there a SIP header) is digits or a uuid.
      if ('nummer' in subject ? !isKlantcontactnummer(subject.nummer) : !isUuid(subject.klantcontactUuid)) {
        return Promise.reject(
          'nummer' in subject
            ? invalid('nummer', KLANTCONTACTNUMMER_REASON)
            : invalid('klantcontactUuid', UUID_REASON),
        )
      }
      const json =
        'nummer' in subject
          ? { nummer: subject.nummer, target: { type: target.type, id: target.id } }
          : { klantcontactUuid: subject.klantcontactUuid, target: { type: target.type, id: target.id } }
      return call(() => http.post('transfers', { json }).json<TransferView>())
    },
    startMonitor: (input) =>
      call(() => http.post('monitor-sessions', { json: input }).json<MonitorSessionView>()),
    stopMonitor: (id) => {
      if (!isUuid(id)) {
        return Promise.reject(invalid('id', 'Geen geldig sessie-id.'))
      }
      return call(async () => {
        await http.delete(`monitor-sessions/${id}`)
      })
    },
    closeTransfer: (id, outcome) => {
      if (!isUuid(id)) {
        return Promise.reject(invalid('id', 'Geen geldig overdracht-id.'))
      }
      return call(async () => {
        await http.post(`transfers/${id}/close`, { json: { outcome } })
      })
    },
    resolveTransfer: (nummer) => {
      // A nummer from a SIP header is 1 to 10 digits or it is not asked about: anything else in that
      // header is someone else's input, and the gateway never sees it.
      if (!isKlantcontactnummer(nummer)) {
        return Promise.reject(invalid('nummer', KLANTCONTACTNUMMER_REASON))
      }
      return call(() => http.get(`transfers/resolve/${nummer}`).json<ResolvedTransferView>())
    },
    answer: (uuid, antwoord) => {
      if (!isUuid(uuid)) {
        return Promise.reject(invalid('uuid', UUID_REASON))
      }
      return call(() =>
        http.post(`klantcontacten/${uuid}/antwoord`, { json: { antwoord } }).json<KlantcontactView>(),
      )
    },
    aanvullen: (nummer, aanvulling) => {
      if (!isKlantcontactnummer(nummer)) {
        return Promise.reject(invalid('nummer', KLANTCONTACTNUMMER_REASON))
      }
      return call(() =>
        http.post(`klantcontacten/${nummer}/aanvulling`, { json: { aanvulling } }).json<KlantcontactView>(),
      )
    },
    recordAfhandeling: (nummer, afhandeling) => {
      if (!isKlantcontactnummer(nummer)) {
        return Promise.reject(invalid('nummer', KLANTCONTACTNUMMER_REASON))
      }
      return call(() =>
        http.put(`klantcontacten/${nummer}/afhandeling`, { json: { afhandeling } }).json<KlantcontactView>(),
      )
    },
    createContactverzoek: (input) => {
      if (!isUuid(input.klantcontactUuid)) {
        return Promise.reject(invalid('klantcontactUuid', UUID_REASON))
      }
      return call(() => http.post('contactverzoeken', { json: input }).json<ContactverzoekView>())
    },
    inbox: (status) => call(() => http.get('inbox', { searchParams: { status } }).json<InboxView>()),
    claimInboxItem: (uuid) => {
      if (!isUuid(uuid)) {
        return Promise.reject(invalid('uuid', INTERNE_TAAK_REASON))
      }
      return call(() => http.post(`inbox/${uuid}/claim`).json<InboxItemView>())
    },
    inboxItemVerwerkt: (uuid, input) => {
      if (!isUuid(uuid)) {
        return Promise.reject(invalid('uuid', INTERNE_TAAK_REASON))
      }
      return call(() => http.post(`inbox/${uuid}/verwerkt`, { json: input }).json<InboxItemView>())
    },
    doorzettenInboxItem: (uuid, input) => {
      if (!isUuid(uuid)) {
        return Promise.reject(invalid('uuid', INTERNE_TAAK_REASON))
      }
      return call(() => http.post(`inbox/${uuid}/doorzetten`, { json: input }).json<InboxItemView>())
    },
    reportSecurityEvent: ({ kind, callId }) => {
      // Only our own codes and ids leave the app: a call id that is not a uuid is left out.
      const json = isUuid(callId) ? { kind, callId } : { kind }
      return call(async () => {
        await http.post('security-events', { json })
      })
    },
  }
}

async function run<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request()
  } catch (error) {
    throw toGatewayError(error)
  }
}

function invalid(name: string, reason: string): GatewayError {
  return new GatewayError('rejected', 400, { invalidParams: [{ name, code: 'invalid', reason }] }, reason)
}

function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) {
    return error
  }
  if (error instanceof HTTPError) {
    const status = error.response.status
    // ky 2 has already read the body into `data` (parsed when it was JSON).
    const data: unknown = error.data
    const problem = typeof data === 'object' && data !== null ? (data as ProblemView) : undefined
    const message = problem?.detail ?? problem?.title ?? `HTTP ${status}`
    if (status === 401) {
      return new GatewayError('unauthenticated', status, problem, message)
    }
    return new GatewayError(status >= 500 ? 'failed' : 'rejected', status, problem, message)
  }
  // TypeError from fetch (connection refused, reset) or ky's TimeoutError: no answer at all.
  return new GatewayError(
    'unreachable',
    undefined,
    undefined,
    error instanceof Error ? error.message : String(error),
  )
}

/** The criteria that are set, as query parameters (an unset criterion is left out, not sent empty). */
function searchParamsOf(query: KlantcontactSearchQuery): Record<string, string> {
  const params: Record<string, string> = {}
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '' && value !== false) {
      params[name] = String(value)
    }
  }
  return params
}
