import type { Logger } from '../lib/logger'
import { AfhandelingService, type KlantcontactAfgehandeld } from './afhandeling/service'
import { AfhandelingStore } from './afhandeling/store'
import { AuditLog } from './audit/audit-log'
import type { Authenticator } from './auth/authenticator'
import { SessionAuth } from './auth/guard'
import type { LoginRateLimit } from './auth/login-rate-limit'
import { SsoStore } from './auth/oidc/store'
import { SessionStore } from './auth/sessions'
import type { GatewayConfig } from './config/types'
import type { GatewayDb } from './db/tables'
import type { PresenceSource } from './directory/presence'
import type { Roster } from './directory/roster'
import { createInbox, type GatewayInbox, type InboxChanged } from './inbox'
import { AanleidingCheck } from './register-client/aanleiding'
import { AccessPolicy } from './register-client/access'
import { ActorRegistry } from './register-client/actors'
import { AnswerService } from './register-client/answer'
import { KlantinteractiesClient, type UpstreamSettings } from './register-client/client'
import { ContactverzoekService } from './register-client/contactverzoek'
import { IdempotencyStore } from './register-client/idempotency'
import { NumberAllocator } from './register-client/nummers'
import { KlantbeeldService } from './register-client/klantbeeld'
import { PartijLookup } from './register-client/partij-lookup'
import { KlantcontactReader } from './register-client/reader'
import { RecentContacts } from './register-client/recent'
import { KlantcontactSearch } from './register-client/search'
import { SummaryBuilder } from './register-client/summary'
import { ContactRegistration } from './register-client/register'
import { ViewBuilder } from './register-client/view'
import type { Clock } from './lib/clock'
import { MonitorService, type LiveCalls, type MonitorListener } from './monitoring/service'
import { MonitorSessionStore } from './monitoring/store'
import { TransferService, type TransferAnnounced, type TransferClosed } from './transfers/service'
import { TransferStore } from './transfers/store'

/** Everything the routes use, built once per gateway app (the composition root is app.ts). */
export interface GatewayServices {
  config: GatewayConfig
  log: Logger
  clock: Clock
  /**
   * Who works here, in which afdeling, at which extension: the configured agents and the medewerkers
   * provisioned at single sign-on (directory/roster.ts). Ask it, never `config.agents`.
   */
  roster: Roster
  auth: SessionAuth
  /** Single sign-on's sign-ins under way, handoff codes and logout hints (auth/oidc/store.ts). */
  sso: SsoStore
  /** The register's client: routes run inside its time budget (http/time-budget.ts). */
  client: KlantinteractiesClient
  loginRateLimit: LoginRateLimit
  audit: AuditLog
  actors: ActorRegistry
  registration: ContactRegistration
  reader: KlantcontactReader
  answers: AnswerService
  contactverzoeken: ContactverzoekService
  recent: RecentContacts
  /** How klantcontacten ended (docs/provider.md, "Afhandeling"): recorded, and added to views. */
  afhandelingen: AfhandelingService
  /** Klantcontacten as lists show them (the caller's picture, search, the inbox). */
  summaries: SummaryBuilder
  /** `GET /api/klantcontacten/zoeken` (docs/gateway.md, "Zoeken"). */
  search: KlantcontactSearch
  partijen: PartijLookup
  /** The caller's picture at ring (docs/gateway.md, "Klantbeeld"). */
  klantbeeld: KlantbeeldService
  transfers: TransferService
  monitoring: MonitorService
  presence: PresenceSource
  /** Told of every contactverzoek made (the live hub counts it for the supervisor). */
  contactverzoekCreated: ContactverzoekCreated
  /** The contactverzoek inbox (inbox/): its service, and the afdelingen' status for the live hub. */
  inbox: GatewayInbox
}

/** Who made a contactverzoek: the live hub counts it for their afdeling. */
export type ContactverzoekCreated = (by: { login: string; afdeling: string }) => void | Promise<void>

export interface ServiceOptions {
  config: GatewayConfig
  log: Logger
  db: GatewayDb
  clock: Clock
  roster: Roster
  upstream: UpstreamSettings
  /** The register fills in `nummer` itself (our provider; Open Klant ≤ 2.15). */
  registerGeneratesNummer: boolean
  authenticator: Authenticator
  presence: PresenceSource
  loginRateLimit: LoginRateLimit
  transferTtlMs: number
  /** The live hub's side of each service (live-wiring.ts makes them). */
  transferAnnounced: TransferAnnounced
  transferClosed: TransferClosed
  contactverzoekCreated: ContactverzoekCreated
  inboxChanged: InboxChanged
  /** Told of every afhandeling recorded (the live hub counts it for the supervisor). */
  klantcontactAfgehandeld: KlantcontactAfgehandeld
  liveCalls: LiveCalls
  monitorStarted: MonitorListener
  monitorEnded: MonitorListener
}

export function createServices(options: ServiceOptions): GatewayServices {
  const { config, log, db, clock, roster } = options
  const scoped = (scope: string): Logger => log.child({ scope })
  const client = new KlantinteractiesClient(options.upstream, scoped('klantinteracties'))
  const actors = new ActorRegistry(client, scoped('actors'))
  const views = new ViewBuilder(roster)
  const store = new IdempotencyStore(db, new NumberAllocator(clock), clock, !options.registerGeneratesNummer)
  const transferStore = new TransferStore(db, clock, options.transferTtlMs)
  const access = new AccessPolicy(actors, store, transferStore)
  const reader = new KlantcontactReader(client, access, views)
  const afhandelingStore = new AfhandelingStore(db, clock)
  const summaries = new SummaryBuilder(access, afhandelingStore)
  const partijen = new PartijLookup(client)
  return {
    config,
    log,
    clock,
    roster,
    auth: new SessionAuth(new SessionStore(db, clock), options.authenticator, roster),
    sso: new SsoStore(db, clock),
    client,
    loginRateLimit: options.loginRateLimit,
    audit: new AuditLog(db, scoped('audit')),
    actors,
    registration: new ContactRegistration({
      client,
      store,
      actors,
      views,
      clock,
      log: scoped('registration'),
      aanleiding: new AanleidingCheck({ client, access, actors, config }),
    }),
    reader,
    answers: new AnswerService({
      client,
      reader,
      access,
      actors,
      views,
      field: config.answerField,
      log: scoped('answer'),
    }),
    contactverzoeken: new ContactverzoekService({ config, roster, client, reader, access, actors }),
    recent: new RecentContacts(client, actors, reader, views),
    afhandelingen: new AfhandelingService({
      client,
      reader,
      access,
      actors,
      store: afhandelingStore,
      clock,
      afgehandeld: options.klantcontactAfgehandeld,
      log: scoped('afhandeling'),
    }),
    summaries,
    search: new KlantcontactSearch({ client, reader, actors, partijen, access, summaries }),
    partijen,
    klantbeeld: new KlantbeeldService(client, partijen, summaries),
    transfers: new TransferService({
      config,
      roster,
      store: transferStore,
      reader,
      access,
      views,
      announced: options.transferAnnounced,
      closed: options.transferClosed,
    }),
    monitoring: new MonitorService({
      roster,
      store: new MonitorSessionStore(db, clock),
      liveCalls: options.liveCalls,
      started: options.monitorStarted,
      ended: options.monitorEnded,
    }),
    presence: options.presence,
    contactverzoekCreated: options.contactverzoekCreated,
    inbox: createInbox({ config, roster, client, actors, summaries, db, changed: options.inboxChanged }),
  }
}
