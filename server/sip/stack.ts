import sip, {
  type ClientTransaction,
  type ServerTransaction,
  type SipRequest,
  type SipResponse,
  type TransactionConnection,
} from 'sip'
import type { Logger } from '../lib/logger'
import { isRequest, isWellFormed, makeReply, newBranch } from './messages'
import type { Flow } from './ws-transport'

/**
 * The SIP stack: the `sip` package's parser, serializer and RFC 3261 transaction layer
 * (makeTransactionLayer), driven by our WebSocket flows instead of its own transports. What we add
 * on top of the package: every transaction is tracked per connection and ended when that
 * connection closes (the package only ends them by timer), client transactions accept responses
 * only from the connection they were sent on, and forwarded ACKs get our own Via.
 */
export interface IncomingRequest {
  request: SipRequest
  flow: Flow
  /** Send a response in this request's server transaction. */
  respond(response: SipResponse): void
}

export interface SendOptions {
  /** CANCEL reuses the Via of the INVITE it cancels instead of getting a new one. */
  keepVia?: boolean
}

export interface Stack {
  receive(flow: Flow, data: Buffer): void
  /** Forwards a request statefully; `onResponse` sees every response, our own Via still on top. */
  send(
    flow: Flow,
    request: SipRequest,
    onResponse: (response: SipResponse) => void,
    options?: SendOptions,
  ): { shutdown(): void }
  /** Forwards an ACK for a 2xx (its own transaction-less hop, RFC 3261 §17.1.1.3). */
  sendAck(flow: Flow, ack: SipRequest): void
  /** Ends every transaction of a closed connection; client transactions first see a 430. */
  dropFlow(flow: Flow): void
  transactionCount(): number
  destroy(): void
}

export interface StackOptions {
  /** Host in our Via headers (the proxy's name; sip.js never resolves it). */
  viaHost: string
  logger: Logger
  onRequest(incoming: IncomingRequest): void
  onAck(ack: SipRequest, flow: Flow): void
  /** Sees every well-formed message received on and sent to a connection (outsider-calls.ts). */
  observe?(flow: Flow, message: SipRequest | SipResponse, direction: 'in' | 'out'): void
}

interface TrackedClient {
  transaction: ClientTransaction
  request: SipRequest
}

interface FlowTransactions {
  servers: Set<ServerTransaction>
  clients: Set<TrackedClient>
}

export function createStack(options: StackOptions): Stack {
  const { logger } = options
  const layer = sip.makeTransactionLayer({ 'max-forwards': 70 })
  const perFlow = new Map<string, FlowTransactions>()
  /** After destroy() nothing new starts: the package's timers are not unref'd and would hold the process. */
  let destroyed = false
  const clientFlow = new Map<ClientTransaction, string>()

  const tracked = (flow: Flow): FlowTransactions => {
    let entry = perFlow.get(flow.id)
    if (!entry) {
      entry = { servers: new Set(), clients: new Set() }
      perFlow.set(flow.id, entry)
    }
    return entry
  }
  const prune = (flowId: string): void => {
    const entry = perFlow.get(flowId)
    if (entry && entry.servers.size === 0 && entry.clients.size === 0) {
      perFlow.delete(flowId)
    }
  }
  const write = (flow: Flow, message: SipRequest | SipResponse): void => {
    options.observe?.(flow, message, 'out')
    flow.send(sip.stringify(message))
  }

  const receive = (flow: Flow, data: Buffer): void => {
    if (destroyed) {
      return
    }
    try {
      dispatch(flow, data)
    } catch (error) {
      // A message that trips the parser or the transaction layer must never take the process down.
      logger.warn({ connection: flow.id, err: error }, 'sip: message dropped after an error')
    }
  }

  const dispatch = (flow: Flow, data: Buffer): void => {
    const message = sip.parse(data)
    if (!message || !isWellFormed(message)) {
      logger.debug({ connection: flow.id }, 'sip: unparseable message dropped')
      if (message && isRequest(message) && message.method !== 'ACK' && Array.isArray(message.headers.via)) {
        try {
          write(flow, makeReply(message, 400))
        } catch {
          // not even enough of a request to answer
        }
      }
      return
    }
    options.observe?.(flow, message, 'in')
    if (!isRequest(message)) {
      const transaction = layer.getClient(message)
      if (transaction && clientFlow.get(transaction) === flow.id) {
        transaction.message(message, flow)
      }
      return
    }
    const existing = layer.getServer(message)
    if (existing) {
      existing.message(message) // retransmission, or the ACK of a non-2xx final response
      return
    }
    if (message.method === 'ACK') {
      options.onAck(message, flow)
      return
    }
    let released = false
    const connection: TransactionConnection = {
      protocol: flow.protocol,
      send: (response) => write(flow, response),
      release: () => {
        if (!released) {
          released = true
          tracked(flow).servers.delete(transaction)
          prune(flow.id)
        }
      },
    }
    const transaction: ServerTransaction = layer.createServerTransaction(message, connection)
    tracked(flow).servers.add(transaction)
    const respond = (response: SipResponse): void => transaction.send(response)
    try {
      options.onRequest({ request: message, flow, respond })
    } catch (error) {
      logger.error({ err: error, method: message.method }, 'sip: request handler failed')
      respond(makeReply(message, 500))
    }
  }

  const send: Stack['send'] = (flow, request, onResponse, sendOptions = {}) => {
    if (destroyed) {
      return { shutdown: () => undefined }
    }
    if (!sendOptions.keepVia) {
      // The package replaces this branch with its own generateBranch() (CANCEL keeps the INVITE's).
      request.headers.via.unshift({
        version: '2.0',
        protocol: flow.protocol,
        host: options.viaHost,
        params: { branch: newBranch() },
      })
    }
    let released = false
    const connection: TransactionConnection = {
      protocol: flow.protocol,
      send: (message) => write(flow, message),
      release: () => {
        if (!released) {
          released = true
          tracked(flow).clients.delete(entry)
          clientFlow.delete(entry.transaction)
          prune(flow.id)
        }
      },
    }
    const transaction = layer.createClientTransaction(connection, request, onResponse)
    const entry: TrackedClient = { transaction, request }
    clientFlow.set(transaction, flow.id)
    tracked(flow).clients.add(entry)
    return { shutdown: () => transaction.shutdown() }
  }

  const sendAck: Stack['sendAck'] = (flow, ack) => {
    if (destroyed) {
      return
    }
    ack.headers.via.unshift({
      version: '2.0',
      protocol: flow.protocol,
      host: options.viaHost,
      params: { branch: newBranch() },
    })
    write(flow, ack)
  }

  const dropFlow: Stack['dropFlow'] = (flow) => {
    const entry = perFlow.get(flow.id)
    if (!entry) {
      return
    }
    for (const client of [...entry.clients]) {
      // The transaction user learns the branch is gone, then the transaction ends at once.
      client.transaction.message(makeReply(client.request, 430))
      client.transaction.shutdown()
    }
    for (const server of [...entry.servers]) {
      server.shutdown()
    }
    perFlow.delete(flow.id)
  }

  return {
    receive,
    send,
    sendAck,
    dropFlow,
    transactionCount() {
      let count = 0
      for (const entry of perFlow.values()) {
        count += entry.servers.size + entry.clients.size
      }
      return count
    },
    destroy() {
      destroyed = true
      layer.destroy()
      perFlow.clear()
      clientFlow.clear()
    },
  }
}
