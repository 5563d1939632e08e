import type { JSONSchemaType } from 'ajv'
import { DEFAULT_CLAIMS } from '../auth/oidc/claims'
import { DEFAULT_SCOPES } from '../auth/oidc/client'
import { AFDELING_ID_PATTERN } from './patterns'
import type { GatewayConfig } from './types'

/** The configuration's `auth` section (schema.ts): how agents sign in, single sign-on included. */
export const authSchema: JSONSchemaType<GatewayConfig>['properties']['auth'] = {
  default: { methods: ['password'] },
  description: 'How agents sign in. Left out: with a password only.',
  type: 'object',
  nullable: true,
  additionalProperties: false,
  required: ['methods'],
  properties: {
    methods: {
      description:
        'The ways of signing in offered: `password` (medewerkers with a `passwordHash`) and `oidc` (single sign-on, `auth.oidc`).',
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { description: '`password` or `oidc`.', type: 'string', enum: ['password', 'oidc'] },
    },
    oidc: {
      description:
        "Single sign-on through the municipality's identity provider (Entra ID, Keycloak, ADFS): the gateway is a confidential OpenID Connect client using the authorization code flow with PKCE (docs/deployment.md).",
      type: 'object',
      nullable: true,
      additionalProperties: false,
      required: ['issuer', 'clientId', 'redirectUri', 'roles', 'afdelingen'],
      properties: {
        issuer: {
          description:
            "Issuer URL, as in the provider's discovery document (`/.well-known/openid-configuration`).",
          type: 'string',
          pattern: '^https?://',
        },
        clientId: {
          description: "The gateway's client id at the provider.",
          type: 'string',
          minLength: 1,
          maxLength: 255,
        },
        clientSecret: {
          description:
            "The gateway's client secret. Give it as `clientSecretFile` or `KCC_OIDC_CLIENT_SECRET_FILE` rather than here.",
          type: 'string',
          nullable: true,
          minLength: 1,
          maxLength: 1024,
        },
        clientSecretFile: {
          description:
            'File holding `clientSecret`, read at start (one trailing line break is ignored). Not together with `clientSecret`.',
          type: 'string',
          nullable: true,
          minLength: 1,
        },
        redirectUri: {
          description:
            "The gateway's public callback, as registered at the provider: `https://…/api/auth/oidc/callback`.",
          type: 'string',
          pattern: '^https?://[^\\s]+/api/auth/oidc/callback$',
        },
        postLogoutRedirectUri: {
          description:
            "Where the provider sends the browser after its logout. Left out: the gateway's sign-in page.",
          type: 'string',
          nullable: true,
          pattern: '^https?://\\S+$',
        },
        scopes: {
          default: DEFAULT_SCOPES,
          description: 'The scopes asked for; add whatever the group claim needs.',
          type: 'array',
          nullable: true,
          uniqueItems: true,
          items: { description: 'A scope.', type: 'string', pattern: '^[\\x21\\x23-\\x5b\\x5d-\\x7e]+$' },
        },
        label: {
          description: 'Text of the sign-in button, e.g. `Aanmelden met uw Gemeente-account`.',
          type: 'string',
          nullable: true,
          minLength: 1,
          maxLength: 60,
        },
        claims: {
          description: 'Which claims of the ID token name the medewerker.',
          type: 'object',
          nullable: true,
          additionalProperties: false,
          properties: {
            login: {
              default: DEFAULT_CLAIMS.login,
              description: 'The claim holding the login.',
              type: 'string',
              nullable: true,
              minLength: 1,
            },
            displayName: {
              default: DEFAULT_CLAIMS.displayName,
              description: 'The claim holding the name.',
              type: 'string',
              nullable: true,
              minLength: 1,
            },
            email: {
              default: DEFAULT_CLAIMS.email,
              description: 'The claim holding the e-mail address.',
              type: 'string',
              nullable: true,
              minLength: 1,
            },
            groups: {
              default: DEFAULT_CLAIMS.groups,
              description: 'The group or role claim the mappings `roles` and `afdelingen` read.',
              type: 'string',
              nullable: true,
              minLength: 1,
            },
            extension: {
              description: "The claim holding the SIP extension. Left out: the login's part before `@`.",
              type: 'string',
              nullable: true,
              minLength: 1,
            },
          },
        },
        roles: {
          description: 'Group claim value → role. Someone in no mapped group is refused.',
          type: 'object',
          required: [],
          additionalProperties: {
            description: '`agent` or `supervisor`.',
            type: 'string',
            enum: ['agent', 'supervisor'],
          },
        },
        afdelingen: {
          description:
            'Group claim value → afdeling id. An agent works in the first mapped afdeling in this order; a supervisor supervises every mapped one. Someone in no mapped afdeling is refused.',
          type: 'object',
          required: [],
          additionalProperties: {
            description: 'An afdeling id (one of `afdelingen`).',
            type: 'string',
            pattern: AFDELING_ID_PATTERN,
          },
        },
      },
    },
  },
}
