import { hashPassword } from './passwords'

/**
 * `npm run hash-password`: reads a password from standard input (never from the command line, where
 * it would land in the shell history and the process list) and prints its scrypt hash for the
 * configuration file's `passwordHash`.
 */
const chunks: Buffer[] = []
for await (const chunk of process.stdin) {
  chunks.push(chunk as Buffer)
}
const password = Buffer.concat(chunks)
  .toString('utf8')
  .replace(/\r?\n$/, '')
if (password.length < 12) {
  process.stderr.write('a password must be at least 12 characters long\n')
  process.exit(1)
}
process.stdout.write(`${await hashPassword(password)}\n`)
