import type { JSONSchemaType } from 'ajv'
import { ACTOR_LIMITS, ACTORIDENTIFICATOR_LIMITS } from '../../../shared/api/klantinteracties-limits'
import { CONSULT_RING_SECONDS } from '../../../shared/gateway/consult-ring'
import { ANSWER_FIELDS } from '../../../shared/klantcontact/answer'
import type { GatewayConfig } from './types'

/**
 * JSON Schema of the configuration file. Identifiers that end up in SIP URIs or in the register
 * are restricted to safe characters here, once, so no later code has to guess.
 */
const SIP_USER = '^[a-z0-9][a-z0-9._-]{0,31}$'
const ID = '^[a-z0-9][a-z0-9-]{0,31}$'

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
    demo: { type: 'boolean' },
    host: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    dataDir: { type: 'string', minLength: 1 },
    database: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['url'],
      properties: {
        url: { type: 'string', pattern: '^postgres(ql)?://' },
        schema: { type: 'string', nullable: true, pattern: '^[a-z_][a-z0-9_]{0,62}$' },
      },
    },
    answerField: { type: 'string', enum: [...ANSWER_FIELDS] },
    monitorNotice: { type: 'boolean', nullable: true },
    pauzeRedenen: {
      type: 'array',
      nullable: true,
      minItems: 1,
      maxItems: 12,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 40, pattern: '^\\S(.*\\S)?$' },
    },
    transfer: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      properties: {
        consultRingSeconds: {
          type: 'integer',
          nullable: true,
          minimum: CONSULT_RING_SECONDS.min,
          maximum: CONSULT_RING_SECONDS.max,
        },
      },
    },
    // May be empty with single sign-on: agents then come from the identity provider's claims.
    agents: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['login', 'displayName', 'email', 'role', 'afdeling', 'sipExtension'],
        properties: {
          login: { type: 'string', pattern: SIP_USER },
          // The register's actor naam and identificator objectId (an agent is found by e-mail).
          displayName: { type: 'string', minLength: 1, maxLength: ACTOR_LIMITS.naam },
          email: { type: 'string', format: 'email', maxLength: ACTORIDENTIFICATOR_LIMITS.objectId },
          role: { type: 'string', enum: ['agent', 'supervisor'] },
          afdeling: { type: 'string', pattern: ID },
          passwordHash: { type: 'string', nullable: true, pattern: '^scrypt\\$' },
          sipExtension: { type: 'string', pattern: SIP_USER },
          sipPassword: { type: 'string', nullable: true, minLength: 8, maxLength: 128 },
          supervises: {
            type: 'array',
            nullable: true,
            uniqueItems: true,
            items: { type: 'string', pattern: ID },
          },
        },
      },
    },
    afdelingen: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'naam', 'groupAddress'],
        properties: {
          id: { type: 'string', pattern: ID },
          naam: { type: 'string', minLength: 1, maxLength: ACTOR_LIMITS.naam },
          groupAddress: { type: 'string', pattern: SIP_USER },
          queue: {
            type: 'object',
            nullable: true,
            additionalProperties: false,
            properties: {
              ringSeconds: { type: 'integer', nullable: true, minimum: 5, maximum: 120 },
              maxWaitSeconds: { type: 'integer', nullable: true, minimum: 10, maximum: 3600 },
              overflowTo: { type: 'string', nullable: true, pattern: ID },
              noAnswerState: { type: 'string', nullable: true, enum: ['pauze', 'beschikbaar'] },
              serviceLevelSeconds: { type: 'integer', nullable: true, minimum: 1, maximum: 3600 },
              terugbelverzoekAfterSeconds: { type: 'integer', nullable: true, minimum: 0, maximum: 3600 },
            },
          },
          nawerkSeconds: { type: 'integer', nullable: true, minimum: 10, maximum: 3600 },
        },
      },
    },
    sip: {
      type: 'object',
      additionalProperties: false,
      required: ['websocketUrl', 'domain', 'embedded', 'guests'],
      properties: {
        websocketUrl: { type: 'string', pattern: '^wss?://' },
        domain: { type: 'string', pattern: '^[a-z0-9.-]+$' },
        embedded: { type: 'boolean' },
        guests: { type: 'array', items: { type: 'string', pattern: SIP_USER } },
        // scheme://host[:port], as browsers send Origin: http(s) pages, or the desktop app's app://kcc
        allowedOrigins: {
          type: 'array',
          nullable: true,
          items: { type: 'string', pattern: '^[a-z][a-z0-9+.-]*://[^/?#\\s]+$' },
        },
        evapi: {
          type: 'object',
          nullable: true,
          additionalProperties: false,
          required: ['host', 'port'],
          properties: {
            host: { type: 'string', minLength: 1 },
            port: { type: 'integer', minimum: 1, maximum: 65535 },
          },
        },
        queueAnnouncements: {
          type: 'object',
          nullable: true,
          additionalProperties: false,
          required: ['rtpengine', 'prompts'],
          properties: {
            rtpengine: { type: 'string', pattern: '^(udp:)?[^:\\s]+:[0-9]{1,5}$' },
            prompts: { type: 'string', pattern: '^/' },
          },
        },
        credentials: {
          type: 'object',
          nullable: true,
          additionalProperties: false,
          properties: {
            secret: { type: 'string', nullable: true, minLength: 32, maxLength: 512 },
            secretFile: { type: 'string', nullable: true, minLength: 1 },
            ttlSeconds: { type: 'integer', nullable: true, minimum: 300, maximum: 43200 },
          },
        },
      },
    },
    auth: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['methods'],
      properties: {
        methods: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { type: 'string', enum: ['password', 'oidc'] },
        },
        oidc: {
          type: 'object',
          nullable: true,
          additionalProperties: false,
          required: ['issuer', 'clientId', 'redirectUri', 'roles', 'afdelingen'],
          properties: {
            issuer: { type: 'string', pattern: '^https?://' },
            clientId: { type: 'string', minLength: 1, maxLength: 255 },
            clientSecret: { type: 'string', nullable: true, minLength: 1, maxLength: 1024 },
            clientSecretFile: { type: 'string', nullable: true, minLength: 1 },
            redirectUri: { type: 'string', pattern: '^https?://[^\\s]+/api/auth/oidc/callback$' },
            postLogoutRedirectUri: { type: 'string', nullable: true, pattern: '^https?://\\S+$' },
            scopes: {
              type: 'array',
              nullable: true,
              uniqueItems: true,
              items: { type: 'string', pattern: '^[\\x21\\x23-\\x5b\\x5d-\\x7e]+$' },
            },
            label: { type: 'string', nullable: true, minLength: 1, maxLength: 60 },
            claims: {
              type: 'object',
              nullable: true,
              additionalProperties: false,
              properties: {
                login: { type: 'string', nullable: true, minLength: 1 },
                displayName: { type: 'string', nullable: true, minLength: 1 },
                email: { type: 'string', nullable: true, minLength: 1 },
                groups: { type: 'string', nullable: true, minLength: 1 },
                extension: { type: 'string', nullable: true, minLength: 1 },
              },
            },
            roles: {
              type: 'object',
              required: [],
              additionalProperties: { type: 'string', enum: ['agent', 'supervisor'] },
            },
            afdelingen: {
              type: 'object',
              required: [],
              additionalProperties: { type: 'string', pattern: ID },
            },
          },
        },
      },
    },
    tls: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['certFile', 'keyFile'],
      properties: {
        certFile: { type: 'string', minLength: 1 },
        keyFile: { type: 'string', minLength: 1 },
      },
    },
    trustedProxies: {
      type: 'array',
      nullable: true,
      minItems: 1,
      maxItems: 16,
      uniqueItems: true,
      // An IPv4 or IPv6 address, optionally with a prefix length; proxy-addr checks it further.
      items: { type: 'string', pattern: '^[0-9A-Fa-f:.]{2,45}(/[0-9]{1,3})?$' },
    },
    updates: {
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['directory'],
      properties: { directory: { type: 'string', minLength: 1 } },
    },
    klantinteracties: {
      type: 'object',
      required: ['mode'],
      oneOf: [
        {
          type: 'object',
          additionalProperties: false,
          required: ['mode'],
          properties: { mode: { type: 'string', const: 'embedded' } },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['mode', 'baseUrl', 'token', 'providerGeneratesNummer'],
          properties: {
            mode: { type: 'string', const: 'remote' },
            baseUrl: { type: 'string', pattern: '^https?://' },
            token: { type: 'string', minLength: 16 },
            tokenFile: { type: 'string', minLength: 1 },
            providerGeneratesNummer: { type: 'boolean' },
          },
        },
      ],
    } as unknown as JSONSchemaType<GatewayConfig>['properties']['klantinteracties'],
  },
}
