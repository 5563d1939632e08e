import type { JSONSchemaType } from 'ajv'
import { ACTOR_LIMITS, ACTORIDENTIFICATOR_LIMITS } from '../../../shared/api/klantinteracties-limits'
import { CONSULT_RING_SECONDS } from '../../../shared/gateway/consult-ring'
import { ANSWER_FIELDS } from '../../../shared/klantcontact/answer'
import { DEFAULT_PAUZE_REDENEN } from '../../../shared/gateway/pauze-redenen'
import { DEFAULT_SIP_CREDENTIALS_TTL_SECONDS } from '../../lib/sip-ephemeral'
import { QUEUE_DEFAULTS } from '../queue/settings'
import { AFDELING_ID_PATTERN, SIP_SECRET_PATTERN, SIP_USER_PATTERN } from './patterns'
import { authSchema } from './schema-auth'
import type { GatewayConfig } from './types'

/**
 * JSON Schema of the configuration file. Identifiers that end up in SIP URIs or in the register
 * are restricted to safe characters here, once, so no later code has to guess.
 */
const SIP_USER = SIP_USER_PATTERN
const ID = AFDELING_ID_PATTERN

export const gatewayConfigSchema: JSONSchemaType<GatewayConfig> = {
  type: 'object',
  additionalProperties: false,
  required: [
    'demo',
    'host',
    'port',
    'agents',
    'afdelingen',
    'sip',
    'klantinteracties',
    'answerField',
    'dataDir',
  ],
  properties: {
    demo: {
      description:
        'Demo mode: the shipped demo passwords are allowed and the demo caller page is served at `/caller/`. Outside it the gateway refuses to start while an agent still has a demo password.',
      type: 'boolean',
    },
    host: {
      description:
        'The address the gateway listens on: `127.0.0.1` behind a reverse proxy on the same machine, `0.0.0.0` or `::` for every interface.',
      type: 'string',
      minLength: 1,
    },
    port: {
      description:
        'The port the gateway listens on (0: any free port). The embedded provider shares it, and so does the embedded SIP server unless `sip.websocketUrl` names another port.',
      type: 'integer',
      minimum: 0,
      maximum: 65535,
    },
    dataDir: {
      description:
        "Directory for the embedded provider's register and the gateway's own SQLite state; relative to the working directory.",
      type: 'string',
      minLength: 1,
    },
    database: {
      description:
        "The gateway's own database (sessions, audit log, queue, live counters). Left out: SQLite in `dataDir`. With PostgreSQL several gateway instances share that state.",
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['url'],
      properties: {
        url: {
          description:
            '`postgres://user@host/database`. A URL with a password in it is a secret: give it with `KCC_DATABASE_URL_FILE`.',
          type: 'string',
          pattern: '^postgres(ql)?://',
        },
        schema: {
          description:
            "PostgreSQL schema, created if missing. Left out: the connection's search_path (`public`).",
          type: 'string',
          nullable: true,
          pattern: '^[a-z_][a-z0-9_]{0,62}$',
        },
      },
    },
    answerField: {
      description:
        "Where a colleague's answer to a contactverzoek goes: appended to the klantcontact's `inhoud` (C0534, F0796) or into `reactie`.",
      type: 'string',
      enum: [...ANSWER_FIELDS],
    },
    monitorNotice: {
      default: true,
      description:
        'Whether an agent sees that a supervisor monitors their call (docs/supervisor.md). The works council (OR) may require it, and agents should not be listened to unknowingly.',
      type: 'boolean',
      nullable: true,
    },
    pauzeRedenen: {
      default: [...DEFAULT_PAUZE_REDENEN],
      description: 'The reasons an agent chooses from when going on Pauze; the supervisor sees the reason.',
      type: 'array',
      nullable: true,
      minItems: 1,
      maxItems: 12,
      uniqueItems: true,
      items: {
        description: 'A reason as agents and supervisors read it.',
        type: 'string',
        minLength: 1,
        maxLength: 40,
        pattern: '^\\S(.*\\S)?$',
      },
    },
    transfer: {
      description: "How the agents' softphones transfer calls; every setting has a default.",
      type: 'object',
      nullable: true,
      additionalProperties: false,
      properties: {
        consultRingSeconds: {
          default: CONSULT_RING_SECONDS.default,
          description:
            'How long a consult call to a colleague rings before the agent is back with the customer; the app gets it in `GET /api/softphone`.',
          type: 'integer',
          nullable: true,
          minimum: CONSULT_RING_SECONDS.min,
          maximum: CONSULT_RING_SECONDS.max,
        },
      },
    },
    // May be empty with single sign-on: agents then come from the identity provider's claims.
    agents: {
      description:
        "The medewerkers configured here. May be empty with single sign-on: medewerkers then come from the identity provider's claims (`auth.oidc`).",
      type: 'array',
      items: {
        description: 'One medewerker.',
        type: 'object',
        additionalProperties: false,
        required: ['login', 'displayName', 'email', 'role', 'afdeling', 'sipExtension'],
        properties: {
          login: {
            description: "Login name; also the medewerker's identity in the audit log.",
            type: 'string',
            pattern: SIP_USER,
          },
          // The register's actor naam and identificator objectId (an agent is found by e-mail).
          displayName: {
            description: "Name as the register shows it: the medewerker's actor `naam`.",
            type: 'string',
            minLength: 1,
            maxLength: ACTOR_LIMITS.naam,
          },
          email: {
            description:
              "E-mail address; identifies the medewerker's actor in the register (KISS convention: actoridentificator `objectId`).",
            type: 'string',
            format: 'email',
            maxLength: ACTORIDENTIFICATOR_LIMITS.objectId,
          },
          role: {
            description: '`agent`, or `supervisor` (the Teamoverzicht and monitoring, docs/supervisor.md).',
            type: 'string',
            enum: ['agent', 'supervisor'],
          },
          afdeling: {
            description: 'Id of the afdeling the medewerker works for (one of `afdelingen`).',
            type: 'string',
            pattern: ID,
          },
          passwordHash: {
            description:
              'scrypt hash of the login password, as `npm run hash-password` prints it. Left out: this medewerker cannot sign in with a password (single sign-on only).',
            type: 'string',
            nullable: true,
            pattern: '^scrypt\\$',
          },
          sipExtension: {
            description: "The medewerker's SIP user (`sip:<extension>@<sip.domain>`).",
            type: 'string',
            pattern: SIP_USER,
          },
          supervises: {
            description:
              "Supervisors: ids of the afdelingen whose agents this supervisor may monitor. Left out: the supervisor's own afdeling only. When given it replaces that (list the own afdeling too if meant).",
            type: 'array',
            nullable: true,
            uniqueItems: true,
            items: { description: 'An afdeling id.', type: 'string', pattern: ID },
          },
        },
      },
    },
    afdelingen: {
      description: 'The afdelingen of the contact centre; at least one.',
      type: 'array',
      minItems: 1,
      items: {
        description: 'One afdeling.',
        type: 'object',
        additionalProperties: false,
        required: ['id', 'naam', 'groupAddress'],
        properties: {
          id: {
            description: 'Short id the other settings refer to: lower-case letters, digits and hyphens.',
            type: 'string',
            pattern: ID,
          },
          naam: {
            description: "Name as the register shows it (the afdeling's organisatorische eenheid actor).",
            type: 'string',
            minLength: 1,
            maxLength: ACTOR_LIMITS.naam,
          },
          groupAddress: {
            description:
              "User part of the afdeling's group SIP address (`sip:<group>@<sip.domain>`): a caller waits in the afdeling's queue and is offered to one Beschikbaar member at a time (docs/queue.md).",
            type: 'string',
            pattern: SIP_USER,
          },
          queue: {
            description: "How the afdeling's queue behaves; every setting has a default (docs/queue.md).",
            type: 'object',
            nullable: true,
            additionalProperties: false,
            properties: {
              ringSeconds: {
                default: QUEUE_DEFAULTS.ringSeconds,
                description: "How long one agent's phone rings before the next agent is tried.",
                type: 'integer',
                nullable: true,
                minimum: 5,
                maximum: 120,
              },
              maxWaitSeconds: {
                default: QUEUE_DEFAULTS.maxWaitSeconds,
                description: 'How long a caller waits at most before overflow or a terugbelverzoek.',
                type: 'integer',
                nullable: true,
                minimum: 10,
                maximum: 3600,
              },
              overflowTo: {
                description:
                  'Id of the afdeling whose queue takes the call when this one cannot (once per call). Left out: no overflow.',
                type: 'string',
                nullable: true,
                pattern: ID,
              },
              noAnswerState: {
                default: QUEUE_DEFAULTS.noAnswerState,
                description: 'Where an agent who let an offer ring out or declined it goes.',
                type: 'string',
                nullable: true,
                enum: ['pauze', 'beschikbaar'],
              },
              serviceLevelSeconds: {
                default: QUEUE_DEFAULTS.serviceLevelSeconds,
                description: 'A call answered within this many seconds counts as within the service level.',
                type: 'integer',
                nullable: true,
                minimum: 1,
                maximum: 3600,
              },
              terugbelverzoekAfterSeconds: {
                default: QUEUE_DEFAULTS.terugbelverzoekAfterSeconds,
                description: 'A caller who hangs up after waiting longer than this gets a terugbelverzoek.',
                type: 'integer',
                nullable: true,
                minimum: 0,
                maximum: 3600,
              },
            },
          },
          nawerkSeconds: {
            description:
              'How long an agent of this afdeling stays in Nawerk before the gateway makes them Beschikbaar again. Left out: no limit, the agent ends Nawerk themselves.',
            type: 'integer',
            nullable: true,
            minimum: 10,
            maximum: 3600,
          },
        },
      },
    },
    sip: {
      description:
        'The telephony: where softphones connect, and the embedded SIP server or a PBX such as Kamailio (docs/telephony.md).',
      type: 'object',
      additionalProperties: false,
      required: ['websocketUrl', 'domain', 'embedded', 'guests'],
      properties: {
        websocketUrl: {
          description:
            "Where agents' softphones connect: `ws://` on loopback for the demo, `wss://` in production.",
          type: 'string',
          pattern: '^wss?://',
        },
        domain: {
          description: "The SIP domain of the agents' and afdelingen's addresses.",
          type: 'string',
          pattern: '^[a-z0-9.-]+$',
        },
        embedded: {
          description:
            'Run the embedded SIP server (demo, tests); false when a PBX such as Kamailio is used.',
          type: 'boolean',
        },
        guests: {
          description: 'SIP users allowed on the embedded server without an account (the demo caller page).',
          type: 'array',
          items: { type: 'string', pattern: SIP_USER },
        },
        // scheme://host[:port], as browsers send Origin: http(s) pages, or the desktop app's app://kcc
        allowedOrigins: {
          description:
            "Origins of pages allowed to open the embedded SIP WebSocket besides the gateway's own, e.g. the public `https://kcc.gemeente.nl` behind a reverse proxy, or the desktop app's `app://kcc`. Other browser origins are refused.",
          type: 'array',
          nullable: true,
          items: {
            description: '`scheme://host[:port]`, as browsers send it in `Origin`.',
            type: 'string',
            pattern: '^[a-z][a-z0-9+.-]*://[^/?#\\s]+$',
          },
        },
        evapi: {
          description:
            "Kamailio's evapi socket (deploy/kamailio/queue.cfg's `KCC_EVAPI_BIND`, Kamailio started with `-A KCC_QUEUE`): the gateway connects to it and queues the callers Kamailio holds for a group address (docs/queue.md). Left out: no Kamailio queue.",
          type: 'object',
          nullable: true,
          additionalProperties: false,
          required: ['host', 'port'],
          properties: {
            host: { description: 'Host of the evapi socket.', type: 'string', minLength: 1 },
            port: { description: 'Port of the evapi socket.', type: 'integer', minimum: 1, maximum: 65535 },
          },
        },
        queueAnnouncements: {
          description:
            'With `evapi` and Kamailio started with `-A KCC_QUEUE_ANNOUNCE`: a caller from the phone network hears their place in the queue and music while waiting, played by rtpengine (docs/telephony.md). Left out: callers hear ringback only.',
          type: 'object',
          nullable: true,
          additionalProperties: false,
          required: ['rtpengine', 'prompts'],
          properties: {
            rtpengine: {
              description:
                "rtpengine's ng socket as Kamailio's `KCC_RTPENGINE` names it, e.g. `udp:127.0.0.1:2223`.",
              type: 'string',
              pattern: '^(udp:)?[^:\\s]+:[0-9]{1,5}$',
            },
            prompts: {
              description: "The directory deploy/rtpengine/prompts/generate.sh filled, on rtpengine's host.",
              type: 'string',
              pattern: '^/',
            },
          },
        },
        credentials: {
          description:
            "The ephemeral SIP credentials the gateway issues to each signed-in agent's softphone (docs/telephony.md).",
          type: 'object',
          nullable: true,
          additionalProperties: false,
          properties: {
            secret: {
              description:
                "The secret the gateway and the SIP server share to issue and check the credentials (Kamailio's autheph: user `<expiry>:<extension>`, password base64(HMAC-SHA1(secret, user))). Give it as `secretFile` or `KCC_SIP_SECRET_FILE` rather than here. Required with a PBX (`embedded` false); left out with the embedded SIP server: a random secret per process.",
              type: 'string',
              nullable: true,
              // The lengths again, for a plain message about them; the pattern also says which characters.
              minLength: 32,
              maxLength: 512,
              pattern: SIP_SECRET_PATTERN,
            },
            secretFile: {
              description:
                'File holding `secret`, read at start (one trailing line break is ignored). Not together with `secret`.',
              type: 'string',
              nullable: true,
              minLength: 1,
            },
            ttlSeconds: {
              default: DEFAULT_SIP_CREDENTIALS_TTL_SECONDS,
              description:
                'How long one set of credentials is valid; the app renews them before they expire.',
              type: 'integer',
              nullable: true,
              minimum: 300,
              maximum: 43200,
            },
          },
        },
      },
    },
    auth: authSchema,
    tls: {
      description:
        "Serve HTTPS and WSS on the gateway's port (and on the embedded SIP server's, if it has its own). Left out: plain HTTP (loopback, or behind a reverse proxy that terminates TLS).",
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['certFile', 'keyFile'],
      properties: {
        certFile: { description: 'PEM certificate chain.', type: 'string', minLength: 1 },
        keyFile: {
          description: 'PEM private key; readable by the service only.',
          type: 'string',
          minLength: 1,
        },
      },
    },
    trustedProxies: {
      description:
        'Addresses (IP or CIDR) of the reverse proxies in front of the gateway, e.g. `["127.0.0.1"]` for nginx on the same machine: from these peers only, the gateway takes the client\'s address, scheme and host from `X-Forwarded-For`, `-Proto` and `-Host` (login rate limits and audit lines count agents by that address). Left out: the forwarding headers are ignored (docs/deployment.md).',
      type: 'array',
      nullable: true,
      minItems: 1,
      maxItems: 16,
      uniqueItems: true,
      // An IPv4 or IPv6 address, optionally with a prefix length; proxy-addr checks it further.
      items: {
        description: 'An IPv4 or IPv6 address, optionally with a prefix length.',
        type: 'string',
        pattern: '^[0-9A-Fa-f:.]{2,45}(/[0-9]{1,3})?$',
      },
    },
    // scheme://host[:port], as browsers send Origin
    appOrigins: {
      description:
        "Origins of agent app pages, besides the gateway's own and the desktop app's `app://kcc` (always allowed), that may call the API from the browser (CORS), e.g. electron-vite's development server `http://localhost:5173`.",
      type: 'array',
      nullable: true,
      uniqueItems: true,
      items: {
        description: '`scheme://host[:port]`, as browsers send it in `Origin`.',
        type: 'string',
        pattern: '^[a-z][a-z0-9+.-]*://[^/?#\\s]+$',
      },
    },
    updates: {
      description:
        "Serve the desktop app's update feed (electron-updater's generic provider) at `/updates/`. Left out: no feed here (docs/desktop.md).",
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['directory'],
      properties: {
        directory: {
          description:
            'Directory holding `latest.yml`, `latest-linux.yml` and the installers electron-builder wrote.',
          type: 'string',
          minLength: 1,
        },
      },
    },
    klantinteracties: {
      description:
        'The Klantinteracties register: the embedded provider (`{"mode": "embedded"}`) or a remote one such as Open Klant.',
      type: 'object',
      required: ['mode'],
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['mode'],
          properties: {
            mode: {
              description: '`embedded`: the provider in this process; `remote`: the register at `baseUrl`.',
              type: 'string',
              const: 'embedded',
            },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['mode', 'baseUrl', 'token', 'providerGeneratesNummer'],
          properties: {
            mode: {
              description: '`embedded`: the provider in this process; `remote`: the register at `baseUrl`.',
              type: 'string',
              const: 'remote',
            },
            baseUrl: {
              description:
                "Remote: the register's API root, e.g. `https://openklant.gemeente.example/klantinteracties/api/v1`.",
              type: 'string',
              pattern: '^https?://',
            },
            token: {
              description:
                "Remote: the register's API token. It opens every record: give it as `tokenFile` or `KCC_KLANTINTERACTIES_TOKEN_FILE` rather than here.",
              type: 'string',
              minLength: 16,
            },
            tokenFile: {
              description:
                'Remote: file holding `token`, read at start (one trailing line break is ignored). Not together with `token`.',
              type: 'string',
              minLength: 1,
            },
            providerGeneratesNummer: {
              description:
                "Remote: whether the register fills in a klantcontact's `nummer`. Open Klant 2.16+ does not; the gateway then supplies it.",
              type: 'boolean',
            },
          },
        },
      ],
    } as unknown as JSONSchemaType<GatewayConfig>['properties']['klantinteracties'],
  },
}
