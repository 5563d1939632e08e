import { readFileSync } from 'node:fs'
import { GatewayConfigError } from '../gateway/config/load'
import type { TlsConfig } from '../gateway/config/types'

/** The certificate chain and key the HTTPS server presents, as node:tls takes them. */
export interface TlsFiles {
  cert: Buffer
  key: Buffer
}

/**
 * Reads `tls.certFile` and `tls.keyFile` once at start. A file that cannot be read stops the
 * server with its name and the reason (never its content: the key is a secret); that the two
 * belong together node:tls checks when the server is made.
 */
export function readTlsFiles(tls: TlsConfig): TlsFiles {
  return { cert: readPem(tls.certFile, 'tls.certFile'), key: readPem(tls.keyFile, 'tls.keyFile') }
}

function readPem(file: string, setting: string): Buffer {
  let content: Buffer
  try {
    content = readFileSync(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new GatewayConfigError(`${setting}: cannot read ${file} (${code})`)
  }
  if (!content.includes('-----BEGIN ')) {
    throw new GatewayConfigError(`${setting}: ${file} holds no PEM block`)
  }
  return content
}
