import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib'

/**
 * How the register client puts one HTTP request on the wire. Two implementations:
 *
 * - {@link NodeTransport}, the default: node:http / node:https over one keep-alive agent per
 *   protocol, so consecutive register calls reuse a warm connection (and, for Open Klant over TLS,
 *   skip the handshake). It does what global fetch did for the client: follows redirects, decodes
 *   gzip/deflate/br answers, decodes the body as UTF-8 without a BOM.
 * - {@link fetchTransport}: a fetch function (tests inject one to simulate faults).
 *
 * Either one resolves with the status and the body text once an answer arrived, and rejects when
 * no answer did: {@link NetworkError} when the connection failed, the signal's abort otherwise.
 * A body lost after the status line reads as '' (as `response.text()` failing did before).
 */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  url: URL
  headers: Readonly<Record<string, string>>
  body?: string
  /** Ends the request, wherever it is (connecting, waiting, reading the body). */
  signal: AbortSignal
}

export interface TransportResponse {
  status: number
  text: string
}

export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>
}

/** The connection failed before an answer: refused, reset, DNS, TLS. An idempotent call may retry. */
export class NetworkError extends Error {
  constructor(readonly code: string | undefined) {
    super(`network error${code ? ` (${code})` : ''}`)
    this.name = 'NetworkError'
  }
}

/**
 * A free connection is closed after this long idle: shorter than the keep-alive timeouts servers
 * commonly use (Node's 5 s, nginx's 75 s), so the client does not send on a socket the server is
 * closing. Node's agent shortens it further when the answer carries `Keep-Alive: timeout=N`.
 */
const IDLE_SOCKET_MS = 4_000
/** As many as fetch follows (WHATWG Fetch, "HTTP-redirect fetch"). */
const MAX_REDIRECTS = 20
const REDIRECTS = new Set([301, 302, 303, 307, 308])
/** What Node's fetch sent, so a register or its proxy sees the same request as before. */
const DEFAULT_HEADERS = { 'accept-encoding': 'gzip, deflate', 'user-agent': 'node' }
/** Decodes UTF-8 as `response.text()` does: invalid sequences replaced, a leading BOM dropped. */
const utf8 = new TextDecoder()

export interface NodeTransportOptions {
  /** Certificate authorities to trust for https instead of Node's (a private PKI, a test's own). */
  ca?: string | Buffer
}

export class NodeTransport implements Transport {
  private readonly http: HttpAgent
  private readonly https: HttpsAgent

  constructor(options: NodeTransportOptions = {}) {
    this.http = new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS })
    this.https = new HttpsAgent({
      keepAlive: true,
      timeout: IDLE_SOCKET_MS,
      ...(options.ca !== undefined ? { ca: options.ca } : {}),
    })
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    let { method, url, body } = request
    let headers: Record<string, string> = { ...DEFAULT_HEADERS, ...request.headers }
    for (let hop = 0; ; hop++) {
      const answer = await this.once(method, url, headers, body, request.signal)
      const location = answer.location
      if (!REDIRECTS.has(answer.status) || location === undefined || hop >= MAX_REDIRECTS) {
        return { status: answer.status, text: answer.text }
      }
      // Fetch's rules: 303, and 301/302 after a POST, become a GET without a body; a redirect to
      // another origin does not take the credentials along.
      const next = new URL(location, url)
      if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && method === 'POST')) {
        method = 'GET'
        body = undefined
        headers = withoutHeaders(headers, ['content-type', 'content-length'])
      }
      if (next.origin !== url.origin) {
        headers = withoutHeaders(headers, ['authorization'])
      }
      url = next
    }
  }

  /** Closes the idle connections; calls in flight finish on theirs. */
  close(): void {
    this.http.destroy()
    this.https.destroy()
  }

  private once(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: string | undefined,
    signal: AbortSignal,
  ): Promise<TransportResponse & { location: string | undefined }> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error)
        return
      }
      const tls = url.protocol === 'https:'
      const req = (tls ? httpsRequest : httpRequest)(url, {
        method,
        agent: tls ? this.https : this.http,
        // A string body always goes with its length: Open Klant (Django) cannot read chunked bodies.
        headers:
          body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      })
      let response: IncomingMessage | undefined
      let settled = false
      const settle = (text: string): void => {
        if (settled) {
          return
        }
        settled = true
        signal.removeEventListener('abort', onAbort)
        if (response === undefined) {
          return
        }
        const location = response.headers.location
        resolve({ status: response.statusCode ?? 0, text, location })
      }
      const fail = (error: Error): void => {
        if (settled) {
          return
        }
        settled = true
        signal.removeEventListener('abort', onAbort)
        reject(error)
      }
      const onAbort = (): void => {
        if (response === undefined) {
          fail(signal.reason as Error)
        } else {
          settle('')
        }
        req.destroy()
      }
      signal.addEventListener('abort', onAbort, { once: true })
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (response === undefined) {
          fail(signal.aborted ? (signal.reason as Error) : new NetworkError(error.code))
        } else {
          settle('')
        }
      })
      req.on('response', (res) => {
        response = res
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => settle(decodeBody(Buffer.concat(chunks), res.headers['content-encoding'])))
        // Cut off before the end (reset, abort): the status stands, the body is lost.
        res.on('close', () => settle(''))
        res.on('error', () => settle(''))
      })
      req.end(body)
    })
  }
}

function withoutHeaders(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name.toLowerCase())))
}

/** The body as text after its content coding; an unknown coding is passed on as is (as fetch does). */
function decodeBody(raw: Buffer, coding: string | undefined): string {
  try {
    let bytes = raw
    // Codings are listed in the order they were applied (RFC 9110 §8.4): undo them last first.
    const codings = (coding ?? '')
      .split(',')
      .map((c) => c.trim().toLowerCase())
      .filter((c) => c !== '' && c !== 'identity')
    for (const c of codings.reverse()) {
      if (c === 'gzip' || c === 'x-gzip') {
        bytes = gunzipSync(bytes)
      } else if (c === 'deflate') {
        bytes = inflateDeflate(bytes)
      } else if (c === 'br') {
        bytes = brotliDecompressSync(bytes)
      } else {
        break
      }
    }
    return utf8.decode(bytes)
  } catch {
    return ''
  }
}

/** `deflate` is zlib-wrapped (RFC 9110 §8.4.1.2), but some servers send raw deflate. */
function inflateDeflate(bytes: Buffer): Buffer {
  try {
    return inflateSync(bytes)
  } catch {
    return inflateRawSync(bytes)
  }
}

/** Over a fetch function: what a test injects (`UpstreamSettings.fetch`). */
export function fetchTransport(fetchImpl: typeof fetch): Transport {
  return {
    async send({ method, url, headers, body, signal }) {
      let response: Response
      try {
        response = await fetchImpl(url.href, {
          method,
          headers,
          signal,
          ...(body !== undefined ? { body } : {}),
        })
      } catch (error) {
        throw !signal.aborted && isFetchNetworkError(error) ? new NetworkError(undefined) : error
      }
      return { status: response.status, text: await response.text().catch(() => '') }
    },
  }
}

/** Node's fetch (undici) rejects with these when the connection fails or is cut. */
function isFetchNetworkError(error: unknown): boolean {
  return error instanceof TypeError && (error.message === 'fetch failed' || error.message === 'terminated')
}
