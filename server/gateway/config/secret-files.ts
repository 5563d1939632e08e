import { readFileSync } from 'node:fs'
import type { Draft } from './env'

/**
 * Secrets the file may name a file for instead of holding them: the file's path in `<value>File`
 * (a systemd credential, a mounted Kubernetes secret), read once at load into `<value>`, so the
 * rest of the gateway only ever sees the value. Paths are relative to the working directory, as
 * `dataDir` is.
 */
export const SECRET_FILES = [
  { section: ['klantinteracties'], value: 'token', file: 'tokenFile' },
  { section: ['auth', 'oidc'], value: 'clientSecret', file: 'clientSecretFile' },
  { section: ['sip', 'credentials'], value: 'secret', file: 'secretFile' },
] as const

export class SecretFileError extends Error {}

/**
 * Reads a secret from `path`. The error names the file and why it could not be read, never its
 * content; one trailing line break (what `echo` and editors add) is not part of the secret.
 */
export function readSecretFile(path: string, what: string): string {
  let content: string
  try {
    content = readFileSync(path, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new SecretFileError(`cannot read ${what} ${path}: ${reason}`)
  }
  const value = content.replace(/\r?\n$/, '')
  if (value === '') {
    throw new SecretFileError(`${what} ${path} is empty`)
  }
  return value
}

/** Replaces every `<value>File` in the configuration by the secret its file holds. */
export function readSecretFiles(config: Draft, read: (path: string, what: string) => string): void {
  for (const secret of SECRET_FILES) {
    const holder = secret.section.reduce<Draft | undefined>((at, key) => objectOf(at?.[key]), config)
    const path = holder?.[secret.file]
    if (holder === undefined || path === undefined) {
      continue
    }
    const name = [...secret.section, secret.file].join('.')
    if (typeof path !== 'string' || path === '') {
      // The schema reports its type; there is no file to read.
      continue
    }
    if (holder[secret.value] !== undefined && holder[secret.value] !== '') {
      throw new SecretFileError(
        `give either ${[...secret.section, secret.value].join('.')} or ${name}, not both`,
      )
    }
    holder[secret.value] = read(path, name)
    delete holder[secret.file]
  }
}

function objectOf(value: unknown): Draft | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Draft) : undefined
}
