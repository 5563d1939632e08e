/**
 * The gateway's HTTP contract as the agent app sees it (docs/gateway.md, "Routes"). Pure types,
 * shared by the gateway (which produces them) and the renderer (which consumes them), so a change
 * on one side fails the other's typecheck.
 */
import type { Afhandeling } from '../klantcontact/afhandeling'
import type { AnswerField } from '../klantcontact/answer'
import type { MonitorMode } from '../live/protocol'

export type AgentRole = 'agent' | 'supervisor'

export interface AgentView {
  login: string
  displayName: string
  email: string
  role: AgentRole
  afdeling: { id: string; naam: string }
  /**
   * Where this gateway puts a colleague's answer to a transferred klantcontact (its `answerField`
   * setting, docs/gateway.md): appended to inhoud, as the VNG case does, or in reactie
   * (shared/klantcontact/answer.ts).
   */
  answerField: AnswerField
  /** Whether the app shows the agent that a supervisor monitors their call (the gateway's policy). */
  monitorNotice: boolean
  /**
   * The afdelingen whose agents' calls this supervisor may monitor, as the gateway resolves them
   * (its `supervises` list, else its own afdeling); empty for an agent. The app offers monitoring
   * by shared/gateway/monitor-rule.ts with it; absent from an older gateway (offer none).
   */
  supervises?: string[]
  /**
   * The reasons an agent chooses from when going on Pauze (the gateway's `pauzeRedenen` setting);
   * the supervisor sees the reason. Absent from an older gateway: the app offers its defaults.
   */
  pauzeRedenen?: string[]
  /**
   * How long Nawerk lasts for the agent's afdeling before the gateway makes them Beschikbaar (its
   * afdeling's `nawerkSeconds`); null: no limit. Absent from an older gateway: no limit.
   */
  nawerkSeconds?: number | null
}

/** `POST /api/session` → 201. */
export interface SessionView {
  token: string
  tokenType: 'Bearer'
  expiresAt: string
  idleTimeoutSeconds: number
  agent: AgentView
}

/** `GET /api/softphone`: the agent's own SIP account, for its own softphone only. */
export interface SoftphoneAccountView {
  websocketUrl: string
  domain: string
  extension: string
  /**
   * Ephemeral digest credentials for this session (Kamailio autheph format: `<expiry>:<extension>`
   * and base64(HMAC-SHA1(secret, username))). Never stored by the app.
   */
  authorizationUsername: string
  password: string
  /** When these credentials stop working (ISO 8601); the app fetches new ones well before. */
  credentialsExpireAt: string
  displayName: string
  aor: string
  /**
   * How long a consult call rings before the agent is back with the customer
   * (shared/gateway/consult-ring.ts). Absent from an older gateway: the app then uses the default.
   */
  consultRingSeconds?: number
}

export interface BetrokkeneView {
  uuid: string
  rol: string
  initiator: boolean
  volledigeNaam: string | null
}

export interface ActorView {
  uuid: string
  naam: string
  soortActor: string
  /** The agent's login when the actor is one of this gateway's agents. */
  login: string | null
}

export interface KlantcontactView {
  uuid: string
  nummer: string | null
  referentienummer: string | null
  kanaal: string
  onderwerp: string | null
  inhoud: string | null
  reactie: string | null
  taal: string
  vertrouwelijk: boolean
  indicatieContactGelukt: boolean | null
  plaatsgevondenOp: string | null
  betrokkenen: BetrokkeneView[]
  actoren: ActorView[]
  afgeschermd: boolean
  /**
   * How the contact ended, as recorded through this gateway (shared/klantcontact/afhandeling.ts);
   * null when none was recorded. Absent from an older gateway.
   */
  afhandeling?: Afhandeling | null
}

/**
 * `PUT /api/klantcontacten/:nummer/afhandeling` body → 200 with the KlantcontactView. Allowed to an
 * agent who is an actor on the klantcontact (their own, or one passed to them and answered).
 */
export interface AfhandelingInput {
  afhandeling: Afhandeling
}

/** OAS Contactnaam (Klantinteracties 0.9.0); every part optional. */
export interface ContactnaamInput {
  voorletters?: string
  voornaam?: string
  voorvoegselAchternaam?: string
  achternaam?: string
}

/**
 * `POST /api/klantcontacten` body (with an `Idempotency-Key` header). OAS limits: KLANTCONTACT_LIMITS
 * and CONTACTNAAM_LIMITS (shared/api/klantinteracties-limits.ts).
 */
export interface RegisterKlantcontactInput {
  kanaal: string
  onderwerp: string
  inhoud?: string
  taal?: string
  vertrouwelijk?: boolean
  indicatieContactGelukt?: boolean
  plaatsgevondenOp?: string
  contactnaam?: ContactnaamInput
  partijUuid?: string
  /**
   * The klantcontact this one follows up (a call-back from the inbox): the gateway links the two in
   * the register with an onderwerpobject whose `wasKlantcontact` is the earlier one (OAS 0.9.0).
   */
  aanleidingKlantcontactUuid?: string
  /**
   * The caller's number as the phone showed it: the gateway stores it as the betrokkene's digitaal
   * adres of soort telefoonnummer (OAS `DigitaalAdres.verstrektDoorBetrokkene`), normalised, so the
   * klant can be recognised and called back. Ignored when it is no phone number (an extension,
   * `anonymous`).
   */
  telefoonnummer?: string
}

export interface RecentView {
  results: KlantcontactView[]
}

export interface DirectoryView {
  afdelingen: Array<{ id: string; naam: string; groupAddress: string; leden: string[] }>
  medewerkers: Array<{
    login: string
    displayName: string
    afdeling: string
    extension: string
    sipAddress: string
    state: string
  }>
}

/** A known partij whose digitaal adres matches a caller's number (offered, never filled in silently). */
export interface PartijMatchView {
  uuid: string
  naam: string
}

export interface PartijLookupView {
  results: PartijMatchView[]
}

/** Whom a transfer or a contactverzoek addresses: a colleague (by login) or an afdeling (by id). */
export interface AssigneeRef {
  type: 'agent' | 'afdeling'
  id: string
}

/**
 * `POST /api/transfers` → 201: a transfer record (10 minutes) that lets the addressed colleague, or
 * anyone of the addressed afdeling, open the klantcontact by its nummer (docs/gateway.md, Transfers).
 */
export interface TransferView {
  id: string
  klantcontactUuid: string
  nummer: string
  /** Login of the announcing agent. */
  from: string
  target: AssigneeRef
  expiresAt: string
}

/**
 * `POST /api/transfers/:id/close` body, by the announcing agent: how the transfer ended. `accepted`:
 * the colleague took the call; `declined`: busy, declined, not answered or failed; `cancelled`: the
 * agent gave up (or the customer hung up). → 204; the live hub closes the transfer offer.
 */
export interface TransferCloseInput {
  outcome: 'accepted' | 'declined' | 'cancelled'
}

/** `GET /api/transfers/resolve/:nummer`: only while a live transfer record addresses the agent. */
export interface ResolvedTransferView {
  transfer: TransferView
  klantcontact: KlantcontactView
}

/**
 * `POST /api/contactverzoeken` body: an interne taak (OAS InterneTaak) for an afdeling or a
 * colleague, following a klantcontact up. OAS limits: INTERNE_TAAK_LIMITS
 * (shared/api/klantinteracties-limits.ts).
 */
export interface ContactverzoekInput {
  klantcontactUuid: string
  gevraagdeHandeling: string
  toelichting?: string
  toegewezenAan: { type: 'afdeling' | 'agent'; id: string }
}

/** `POST /api/contactverzoeken` → 201. */
export interface ContactverzoekView {
  uuid: string
  klantcontactUuid: string
  gevraagdeHandeling: string
  toelichting: string
  status: string
  toegewezenOp: string | null
  toegewezenAan: { type: 'afdeling' | 'agent'; id: string; naam: string; actorUuid: string }
}

/** How a supervisor joins an agent's call: hear both sides, speak to the agent only, or speak to both. */
export type { MonitorMode } from '../live/protocol'

/**
 * `POST /api/monitor-sessions` body (supervisor only): monitor the live call of `agent` (a login of
 * an afdeling the supervisor supervises).
 */
export interface MonitorSessionInput {
  agent: string
  mode: MonitorMode
}

/** `POST /api/monitor-sessions` → 201; `DELETE /api/monitor-sessions/:id` ends it (204). */
export interface MonitorSessionView {
  id: string
  /** Login of the monitoring supervisor. */
  supervisor: string
  /** Login of the monitored agent. */
  agent: string
  mode: MonitorMode
  startedAt: string
  /** The monitored live call (its live `callId`, shared/live/protocol.ts). */
  callId: string
}

/** RFC 9457 problem as the gateway answers it. */
export interface ProblemView {
  type?: string
  code?: string
  title?: string
  status?: number
  detail?: string
  invalidParams?: Array<{ name: string; code: string; reason: string }>
}
