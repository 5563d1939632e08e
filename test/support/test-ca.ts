import { execFileSync } from 'node:child_process'
import { createHash, X509Certificate } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request, type RequestOptions } from 'node:https'
import { tmpdir } from 'node:os'
import type { TLSSocket } from 'node:tls'
import { join } from 'node:path'

/**
 * A certificate authority of the test's own, made with the openssl CLI as an IT admin would make a
 * private one: a CA certificate and a server certificate it signed for 127.0.0.1 and localhost.
 * Clients in the test trust the CA only (never "insecure" modes), so a wrong chain, name or key
 * fails the test as it would fail a browser.
 */
export interface TestCa {
  dir: string
  /** The CA certificate (PEM) clients trust. */
  caFile: string
  ca: string
  /** The server certificate (PEM), signed by the CA, with subjectAltName IP:127.0.0.1, DNS:localhost. */
  certFile: string
  /** Its private key (PEM). */
  keyFile: string
  /** SHA-256 of the server certificate's public key (SPKI), base64: Chromium's `--ignore-certificate-errors-spki-list`. */
  spkiSha256: string
  /** SHA-256 fingerprint of the server certificate, as node:tls reports it (`AB:CD:…`). */
  fingerprint256: string
  remove(): void
}

export function makeTestCa(): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-ca-'))
  const file = (name: string): string => join(dir, name)
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
  }
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  openssl(
    'req',
    '-x509',
    ...ecKey,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=KCC test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  )
  openssl(
    'req',
    ...ecKey,
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
    '-subj',
    '/CN=127.0.0.1',
  )
  writeFileSync(
    file('server.ext'),
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '',
    ].join('\n'),
  )
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-sha256',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.pem'),
  )
  const certificate = new X509Certificate(readFileSync(file('server.pem')))
  const spki = certificate.publicKey.export({ type: 'spki', format: 'der' })
  return {
    dir,
    caFile: file('ca.pem'),
    ca: readFileSync(file('ca.pem'), 'utf8'),
    certFile: file('server.pem'),
    keyFile: file('server.key'),
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
    fingerprint256: certificate.fingerprint256,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}

export interface HttpsAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  /** SHA-256 fingerprint of the certificate the server presented. */
  peerFingerprint256: string
}

/** One HTTPS request trusting only `ca` (global fetch cannot be given a CA of its own). */
export function httpsRequest(
  url: string,
  ca: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpsAnswer> {
  const settings: RequestOptions = {
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    ca,
    agent: false,
  }
  return new Promise((resolve, reject) => {
    const outgoing = request(url, settings, (response) => {
      // Read now: without an agent the socket is gone once the body has ended.
      const peer = (response.socket as TLSSocket).getPeerCertificate()
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('error', reject)
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          peerFingerprint256: peer.fingerprint256,
        }),
      )
    })
    outgoing.on('error', reject)
    outgoing.end(options.body)
  })
}
