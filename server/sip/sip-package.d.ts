// Types for the parts of npm `sip` 0.0.6 (kirm/sip.js, CommonJS, untyped) that we use: the parser,
// the serializer and the transaction layer. Shapes as produced by node_modules/sip/sip.js.
declare module 'sip' {
  export type SipParams = Record<string, string | null>

  export interface SipUri {
    schema: string
    user?: string
    password?: string
    host: string
    port?: number
    params: SipParams
    headers: Record<string, string>
  }

  /** A name-addr header value (To, From, Contact, Refer-To; Route/Record-Route carry a parsed uri). */
  export interface NameAddr<U = string | SipUri> {
    name?: string
    uri: U
    params: SipParams
  }

  export interface Via {
    version?: string
    protocol: string
    host: string
    port?: number
    params: SipParams
  }

  /** Digest challenge or credentials; values keep their quotes as on the wire. */
  export interface AuthHeader {
    scheme: string
    [param: string]: string | undefined
  }

  export interface SipHeaders {
    via: Via[]
    to: NameAddr
    from: NameAddr
    'call-id': string
    cseq: { seq: number; method: string }
    contact?: NameAddr[] | '*'
    route?: Array<NameAddr<SipUri>>
    'record-route'?: Array<NameAddr<SipUri>>
    authorization?: AuthHeader[]
    'proxy-authorization'?: AuthHeader[]
    'www-authenticate'?: AuthHeader[]
    'proxy-authenticate'?: AuthHeader[]
    'content-length'?: number
    /** Any other header: the raw value (repeated headers joined with ','). */
    [name: string]: unknown
  }

  export interface SipRequest {
    method: string
    uri: string
    version?: string
    headers: SipHeaders
    content?: string
  }

  export interface SipResponse {
    status: number
    reason: string
    version?: string
    headers: SipHeaders
    content?: string
  }

  export type SipMessage = SipRequest | SipResponse

  /** What the transaction layer sends through. */
  export interface TransactionConnection {
    send(message: SipMessage): void
    release(): void
    protocol: string
  }

  export interface ServerTransaction {
    send(response: SipResponse): void
    message(request: SipRequest): void
    shutdown(): void
  }

  export interface ClientTransaction {
    message(response: SipResponse, remote?: unknown): void
    shutdown(): void
  }

  export interface TransactionLayer {
    createServerTransaction(request: SipRequest, connection: TransactionConnection): ServerTransaction
    createClientTransaction(
      connection: TransactionConnection,
      request: SipRequest,
      callback: (response: SipResponse) => void,
    ): ClientTransaction
    getServer(message: SipMessage): ServerTransaction | undefined
    getClient(message: SipMessage): ClientTransaction | undefined
    destroy(): void
  }

  interface SipModule {
    /** Parses one whole message (a Buffer is read as latin1, so byte offsets stay right). */
    parse(data: string | Buffer): SipMessage | undefined
    stringify(message: SipMessage): string
    parseUri(uri: string | SipUri): SipUri | undefined
    stringifyUri(uri: string | SipUri): string
    makeResponse(
      request: SipRequest,
      status: number,
      reason?: string,
      extension?: { headers?: Record<string, unknown>; content?: string },
    ): SipResponse
    copyMessage<M extends SipMessage>(message: M, deep?: boolean): M
    generateBranch(): string
    makeTransactionLayer(options: { 'max-forwards'?: number }, transport?: unknown): TransactionLayer
  }

  const sip: SipModule
  export default sip
}
