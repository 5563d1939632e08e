import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * Agent login passwords are stored as scrypt hashes (RFC 7914), in the PHC-like form
 * `scrypt$N$r$p$<salt base64>$<key base64>`. Parameters follow OWASP's password storage cheat
 * sheet (N=2^15, r=8, p=1 ≈ 32 MiB per hash), so a leaked configuration file is expensive to attack.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const
const KEY_LENGTH = 32

function derive(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    )
  })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, PARAMS, KEY_LENGTH)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    return false
  }
  const [, n, r, p, saltText, keyText] = parts
  const expected = Buffer.from(keyText!, 'base64')
  const key = await derive(
    password,
    Buffer.from(saltText!, 'base64'),
    { N: Number(n), r: Number(r), p: Number(p) },
    expected.length,
  )
  return key.length === expected.length && timingSafeEqual(key, expected)
}
