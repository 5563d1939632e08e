import type { AnswerField } from '../../../shared/klantcontact/answer'

/**
 * The gateway's configuration: one validated file plus environment overrides (see load.ts).
 * Agents and afdelingen are named as the contact centre names them; SIP and the register are the
 * external systems the gateway connects agents to.
 */
export type Role = 'agent' | 'supervisor'

export interface AgentConfig {
  /** Login name (also the SIP user part unless `sipExtension` differs). */
  login: string
  displayName: string
  /** Identifies the agent's actor in the register (KISS convention: actoridentificator objectId). */
  email: string
  role: Role
  /** Id of the afdeling the agent works for. */
  afdeling: string
  /** scrypt hash of the login password, as written by `npm run hash-password` (see passwords.ts). */
  passwordHash: string
  sipExtension: string
  /** Handed to the agent's own softphone after login, for digest authentication at the PBX. */
  sipPassword: string
  /**
   * Supervisors: ids of the afdelingen whose agents this supervisor may monitor. Left out: the
   * supervisor's own afdeling only. When given it replaces that (list the own afdeling too if meant).
   */
  supervises?: string[]
}

export interface AfdelingConfig {
  id: string
  /** Name as the register shows it (the afdeling's organisatorische_eenheid actor). */
  naam: string
  /**
   * User part of the afdeling's group SIP address (`sip:<group>@<domain>`): a caller waits in the
   * afdeling's queue and is offered to one Beschikbaar member at a time (docs/queue.md).
   */
  groupAddress: string
  /** How the afdeling's queue behaves; every setting has a default (queue/settings.ts). */
  queue?: AfdelingQueueConfig
  /**
   * How long an agent of this afdeling stays in Nawerk before the gateway makes them Beschikbaar
   * again (seconds, 10–3600); left out: no limit, the agent ends Nawerk themselves.
   */
  nawerkSeconds?: number
}

/** An afdeling's queue settings as the file gives them; defaults in docs/queue.md. */
export interface AfdelingQueueConfig {
  /** How long one agent's phone rings before the next agent is tried (default 15). */
  ringSeconds?: number
  /** How long a caller waits at most before overflow or a terugbelverzoek (default 300). */
  maxWaitSeconds?: number
  /** Id of the afdeling whose queue takes the call when this one cannot (once per call). */
  overflowTo?: string
  /** Where an agent who let an offer ring out or declined it goes (default `pauze`). */
  noAnswerState?: 'pauze' | 'beschikbaar'
  /** A call answered within this many seconds counts as within the service level (default 20). */
  serviceLevelSeconds?: number
  /** A caller who hangs up after waiting longer than this gets a terugbelverzoek (default 30). */
  terugbelverzoekAfterSeconds?: number
}

export interface SipConfig {
  /** Where agents' softphones connect (ws:// on loopback for the demo, wss:// in production). */
  websocketUrl: string
  domain: string
  /** Run our embedded SIP server (demo, tests); off when a PBX such as Kamailio is used. */
  embedded: boolean
  /** SIP users allowed without an account on the embedded server (the demo caller page). */
  guests: string[]
  /**
   * Origins of pages allowed to open the SIP WebSocket besides the gateway's own (`http://host:port`),
   * e.g. the public `https://kcc.gemeente.nl` behind a reverse proxy, or the desktop app's `app://kcc`.
   * Other browser origins are refused (docs/telephony.md).
   */
  allowedOrigins?: string[]
  /**
   * Kamailio's evapi socket (deploy/kamailio/queue.cfg's `KCC_EVAPI_BIND`, Kamailio started with
   * `-A KCC_QUEUE`): the gateway connects to it and queues the callers Kamailio holds for a group
   * address (docs/queue.md). Left out: no Kamailio queue (the embedded SIP server's, if any).
   */
  evapi?: { host: string; port: number }
  /**
   * With `evapi` and Kamailio started with `-A KCC_QUEUE_ANNOUNCE`: a caller from the phone network
   * hears their place in the queue and music while waiting, played by rtpengine (docs/telephony.md,
   * "Announcements while waiting"). `rtpengine`: its ng socket as Kamailio's `KCC_RTPENGINE` names it
   * (`udp:127.0.0.1:2223`); `prompts`: the directory deploy/rtpengine/prompts/generate.sh filled, on
   * rtpengine's host. Left out: callers hear ringback (182) only.
   */
  queueAnnouncements?: { rtpengine: string; prompts: string }
}

export type KlantinteractiesUpstream =
  | { mode: 'embedded' }
  | {
      mode: 'remote'
      /** e.g. https://openklant.gemeente.example/klantinteracties/api/v1 */
      baseUrl: string
      token: string
      /** Open Klant 2.16+ no longer fills in `nummer`; the gateway then supplies it. */
      providerGeneratesNummer: boolean
    }

/**
 * Where the gateway keeps its own state (sessions, idempotency records, transfer records, the audit
 * log). Without it: SQLite in `dataDir`. With a PostgreSQL URL, instances can share that state.
 */
export interface GatewayDatabaseConfig {
  /** `postgres://…` */
  url: string
  /** PostgreSQL schema (created if missing); default the connection's search_path (`public`). */
  schema?: string
}

export interface TransferConfig {
  /**
   * How long a consult call to a colleague rings before the agent is back with the customer, 5–120
   * (default 25; shared/gateway/consult-ring.ts). Handed to the app in `GET /api/softphone`.
   */
  consultRingSeconds?: number
}

export interface GatewayConfig {
  /** Demo mode allows the shipped demo passwords; outside it the gateway refuses them. */
  demo: boolean
  host: string
  port: number
  agents: AgentConfig[]
  afdelingen: AfdelingConfig[]
  sip: SipConfig
  klantinteracties: KlantinteractiesUpstream
  /** Where a colleague's answer goes: appended to `inhoud` (C0534, F0796) or into `reactie`. */
  answerField: AnswerField
  /**
   * Whether an agent sees that a supervisor monitors their call (docs/supervisor.md).
   * On unless set to false: the works council (OR) may require it, and agents should not be
   * listened to unknowingly.
   */
  monitorNotice?: boolean
  /**
   * The reasons an agent chooses from when going on Pauze, shown to the supervisor (1–12 reasons of
   * 1–40 characters). Default: Lunch, Overleg, Training, Overig.
   */
  pauzeRedenen?: string[]
  /** How the agents' softphones transfer calls; every setting has a default. */
  transfer?: TransferConfig
  /** Data directory for the embedded provider and the gateway's own state. */
  dataDir: string
  /** The gateway's own database; SQLite in `dataDir` when left out. */
  database?: GatewayDatabaseConfig
}
