// Types for the parts of npm `oidc-provider` 9.13.3 (panva/node-oidc-provider, untyped) that the test
// identity provider uses: the Provider class, its Koa app, interactions and grants. Shapes as in
// node_modules/oidc-provider/lib/provider.js and lib/helpers/defaults.js.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface KoaContext {
    path: string
    method: string
    status: number
    body: unknown
    host: string
    oidc: {
      client?: { clientId: string }
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined }
      result?: { consent?: { grantId?: string } }
      provider: Provider
    }
  }

  export interface Account {
    accountId: string
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>
  }

  export interface InteractionDetails {
    uid: string
    prompt: { name: string; reasons: string[] }
    params: Record<string, unknown>
  }

  export interface GrantInstance {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    save(): Promise<string>
  }

  export interface GrantClass {
    new (properties: { clientId: string; accountId: string }): GrantInstance
    find(id: string): Promise<GrantInstance | undefined>
  }

  export interface ProviderConfiguration {
    clients: Array<Record<string, unknown>>
    findAccount(ctx: KoaContext, sub: string): Promise<Account | undefined> | Account | undefined
    claims: Record<string, string[]>
    conformIdTokenClaims?: boolean
    cookies?: { keys: string[] }
    jwks?: { keys: Array<Record<string, unknown>> }
    pkce?: { required(ctx: KoaContext, client: unknown): boolean }
    interactions?: { url(ctx: KoaContext, interaction: { uid: string }): string }
    loadExistingGrant?(ctx: KoaContext): Promise<GrantInstance | undefined>
    features?: Record<string, Record<string, unknown>>
    ttl?: Record<string, number>
    renderError?(ctx: KoaContext, out: Record<string, string>, error: Error): Promise<void>
  }

  export default class Provider {
    constructor(issuer: string, configuration: ProviderConfiguration)
    readonly issuer: string
    readonly Grant: GrantClass
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>
  }
}
