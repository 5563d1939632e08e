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
  /**
   * scrypt hash of the login password, as written by `npm run hash-password` (see passwords.ts).
   * Left out: this agent cannot sign in with a password (single sign-on only).
   */
  passwordHash?: string
  /**
   * The agent's SIP user. There is no SIP password: the gateway issues short-lived credentials per
   * session (sip.credentials; docs/telephony.md).
   */
  sipExtension: string
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
  /** Ephemeral SIP credentials the gateway issues to each signed-in agent's softphone. */
  credentials?: SipCredentialsConfig
}

export interface SipCredentialsConfig {
  /**
   * The secret the gateway and the SIP server share to issue and check ephemeral SIP credentials
   * (Kamailio's autheph: user `<expiry>:<extension>`, password base64(HMAC-SHA1(secret, user))).
   * Give it through `secretFile` or `KCC_SIP_SECRET_FILE`; after loading, `secret` holds it.
   * Left out with the embedded SIP server: a random secret per process.
   */
  secret?: string
  secretFile?: string
  /** How long one set of credentials is valid, 300–43200 seconds (default 3600); the app renews. */
  ttlSeconds?: number
}

export type KlantinteractiesUpstream =
  | { mode: 'embedded' }
  | {
      mode: 'remote'
      /** e.g. https://openklant.gemeente.example/klantinteracties/api/v1 */
      baseUrl: string
      /** The register's API token; or `tokenFile` (read at start), or `KCC_KLANTINTERACTIES_TOKEN(_FILE)`. */
      token: string
      tokenFile?: string
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

/** How agents sign in. */
export interface AuthConfig {
  /** The ways of signing in this deployment offers (default `['password']`). */
  methods: Array<'password' | 'oidc'>
  oidc?: OidcConfig
}

/**
 * Single sign-on through the municipality's identity provider (Entra ID, Keycloak, ADFS): the
 * gateway is a confidential OpenID Connect client using the authorization code flow with PKCE
 * (docs/deployment.md, "Single sign-on").
 */
export interface OidcConfig {
  /** Issuer URL, as in the provider's discovery document (`/.well-known/openid-configuration`). */
  issuer: string
  clientId: string
  /** The client secret; or `clientSecretFile`, or `KCC_OIDC_CLIENT_SECRET(_FILE)`. */
  clientSecret?: string
  clientSecretFile?: string
  /** The gateway's public callback, as registered at the provider: `https://…/api/auth/oidc/callback`. */
  redirectUri: string
  /** Where the provider sends the browser after its logout; left out: the gateway's sign-in page. */
  postLogoutRedirectUri?: string
  /** Default `openid profile email`, plus whatever the group claim needs. */
  scopes?: string[]
  /** Text of the sign-in button, e.g. `Aanmelden met uw Gemeente-account`. */
  label?: string
  /** Which claims name the agent; defaults in parentheses. */
  claims?: {
    /** The login and KISS actor identificator (`preferred_username`). */
    login?: string
    /** (`name`) */
    displayName?: string
    /** (`email`) */
    email?: string
    /** The group or role claim the mappings below read (`groups`). */
    groups?: string
    /** The SIP extension; left out: the login's part before `@`. */
    extension?: string
  }
  /** Group claim value → role. Someone in no mapped group is refused. */
  roles: Record<string, Role>
  /**
   * Group claim value → afdeling id. An agent works in the first mapped afdeling in this order; a
   * supervisor supervises every mapped one. Someone in no mapped afdeling is refused.
   */
  afdelingen: Record<string, string>
}

/** HTTPS and WSS on the gateway's own port (and the embedded SIP server's, if it has its own). */
export interface TlsConfig {
  /** PEM certificate chain. */
  certFile: string
  /** PEM private key; readable by the service only. */
  keyFile: string
}

/** The desktop app's update feed (electron-updater's generic provider), served at `/updates/`. */
export interface UpdatesConfig {
  /** Directory holding `latest.yml`, `latest-linux.yml` and the installers electron-builder wrote. */
  directory: string
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
  /** How agents sign in; left out: local passwords only. */
  auth?: AuthConfig
  /** Serve HTTPS/WSS; left out: plain HTTP (loopback, or behind a TLS reverse proxy). */
  tls?: TlsConfig
  /**
   * Addresses (IP or CIDR) of the reverse proxies in front of the gateway, e.g. `["127.0.0.1"]` for
   * nginx on the same machine: from these peers only, the gateway takes the client's address, scheme
   * and host from `X-Forwarded-For`, `-Proto` and `-Host` (login rate limits and audit lines count
   * agents by that address). Left out: the forwarding headers are ignored (docs/deployment.md).
   */
  trustedProxies?: string[]
  /**
   * Origins of agent app pages, besides the gateway's own and the desktop app's `app://kcc`, that
   * may call the API from a browser (CORS, server/gateway/http/cors.ts).
   */
  appOrigins?: string[]
  /** Serve the desktop app's update feed; left out: no feed here. */
  updates?: UpdatesConfig
}
