import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SSO_LOOPBACK_PATH } from '../../shared/gateway/sso'
import { SSO_CODE_PATTERN, type SsoStartResult } from '../../shared/ipc'
import type { Logger } from './log'

/**
 * The desktop app's redirect target for single sign-on (RFC 8252 §7.3, loopback interface
 * redirection): a one-shot HTTP listener on 127.0.0.1 at a port the OS picks, path
 * `/aanmelden`. It takes the first request that carries the state this sign-in was started with
 * and a well-formed code, answers the browser with a short Dutch page, and closes. Requests with
 * another state are refused and do not end the wait: any local program or web page can reach a
 * loopback port, but only the browser that went through the gateway knows the state.
 *
 * Bound to the IPv4 literal, not `localhost` (RFC 8252 §8.3): a name may resolve elsewhere or to
 * ::1, where nothing listens.
 */

export interface LoopbackOptions {
  /** The state this sign-in was started with (shared/gateway/sso.ts, SSO_STATE_PATTERN). */
  readonly state: string
  readonly timeoutMs: number
  readonly log: Logger
}

export interface LoopbackListener {
  /** The port the OS gave; the gateway redirects to `http://127.0.0.1:<port>/aanmelden`. */
  readonly port: number
  /** Resolves once: with the code, on `cancel()`, or after the timeout. The listener is closed by then. */
  readonly result: Promise<SsoStartResult>
  cancel(): void
}

const LOOPBACK_HOST = '127.0.0.1'

const PAGES = {
  done: {
    status: 200,
    title: 'Aangemeld',
    text: 'U bent aangemeld bij de KCC Werkplek. U kunt dit venster sluiten.',
  },
  foreign: {
    status: 400,
    title: 'Aanmelden niet gelukt',
    text: 'Deze aanmelding is niet gestart door de KCC Werkplek op deze computer. Sluit dit venster en meld u opnieuw aan vanuit de KCC Werkplek.',
  },
  notFound: { status: 404, title: 'Niet gevonden', text: 'Deze pagina bestaat niet.' },
  method: { status: 405, title: 'Niet toegestaan', text: 'Deze pagina kan alleen worden geopend.' },
} as const

type Page = (typeof PAGES)[keyof typeof PAGES]

export async function listenForSsoRedirect({
  state,
  timeoutMs,
  log,
}: LoopbackOptions): Promise<LoopbackListener> {
  let settle: (result: SsoStartResult) => void = () => undefined
  const result = new Promise<SsoStartResult>((resolve) => {
    settle = resolve
  })
  let finished = false

  const server = createServer((request, response) => {
    const page = answer(request)
    send(response, page.page)
    if (page.code !== undefined) {
      finish({ outcome: 'code', code: page.code })
    }
  })

  const answer = (request: IncomingMessage): { page: Page; code?: string } => {
    if (finished) {
      return { page: PAGES.notFound }
    }
    // The path is fixed and the host is ours: the request line is all that matters.
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}`)
    if (url.pathname !== SSO_LOOPBACK_PATH) {
      return { page: PAGES.notFound }
    }
    if (request.method !== 'GET') {
      return { page: PAGES.method }
    }
    const code = url.searchParams.get('code')
    if (url.searchParams.get('state') !== state || code === null || !SSO_CODE_PATTERN.test(code)) {
      // Neither value is logged: the code is a credential for the next 60 seconds.
      log.warn('sso redirect refused', { reason: code === null ? 'no code' : 'state or code' })
      return { page: PAGES.foreign }
    }
    return { page: PAGES.done, code }
  }

  const finish = (outcome: SsoStartResult): void => {
    if (finished) {
      return
    }
    finished = true
    clearTimeout(timer)
    // Answers already written go out first; idle keep-alive connections would hold the port.
    server.close()
    server.closeIdleConnections()
    settle(outcome)
  }

  const timer = setTimeout(() => finish({ outcome: 'timeout' }), timeoutMs)
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    server.listen({ host: LOOPBACK_HOST, port: 0 }, () => {
      server.removeAllListeners('error')
      // A listening server that fails later ends the wait instead of taking main down.
      server.on('error', (error) => {
        log.error('sso loopback failed', { error })
        finish({ outcome: 'cancelled' })
      })
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  return { port, result, cancel: () => finish({ outcome: 'cancelled' }) }
}

function send(response: ServerResponse, page: Page): void {
  const body = `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><title>${page.title} – KCC Werkplek</title></head>
<body><h1>${page.title}</h1><p>${page.text}</p></body>
</html>
`
  response.writeHead(page.status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    // A static page: no script, no style, no frames, nothing loaded from anywhere.
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    connection: 'close',
  })
  response.end(body)
}
