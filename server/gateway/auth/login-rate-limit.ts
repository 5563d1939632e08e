// The plugin's types add `createRateLimit` to FastifyInstance.
import type {} from '@fastify/rate-limit'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import { tooManyRequests } from '../http/problems'

/**
 * Login attempts are limited per client address and login name together, and per client address
 * alone (@fastify/rate-limit, in memory per gateway instance; OWASP Authentication Cheat Sheet,
 * "Account lockout"). A guesser slows down on the accounts it tries; the agent who owns such an
 * account still logs in from its own address, since no count is kept per login name alone: such a
 * count would let anyone lock any named agent out with a few wrong passwords. scrypt makes every
 * attempt cost ~32 MiB, so the limit also keeps a burst of attempts from exhausting memory. Every
 * attempt counts, successful ones too.
 *
 * The per-address limit is higher than the per-account one: a contact centre's agents often share
 * one public address, and a shift starts with all of them logging in.
 */
export interface LoginRateLimit {
  /** Attempts per client address and login name together. */
  perAddressAndLogin: number
  /** Attempts per client address, whatever the login names. */
  perAddress: number
  windowMs: number
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimit = {
  perAddressAndLogin: 5,
  perAddress: 30,
  windowMs: 60_000,
}

/**
 * `byLogin: false` for a login without a login name (single sign-on's code exchange): a count per
 * address and empty name would be one count for a whole office behind one address.
 */
export function loginRateLimiter(
  app: FastifyInstance,
  limits: LoginRateLimit,
  { byLogin = true }: { byLogin?: boolean } = {},
): preHandlerAsyncHookHandler {
  const byAddress = app.createRateLimit({
    max: limits.perAddress,
    timeWindow: limits.windowMs,
    keyGenerator: (request) => `address:${request.ip}`,
  })
  const byAddressAndLogin = app.createRateLimit({
    max: limits.perAddressAndLogin,
    timeWindow: limits.windowMs,
    // JSON keeps the two parts apart whatever characters a login holds.
    keyGenerator: (request) => `account:${JSON.stringify([request.ip, loginOf(request.body)])}`,
  })
  return async (request) => {
    for (const limit of byLogin ? [byAddress, byAddressAndLogin] : [byAddress]) {
      const status = await limit(request)
      if (!status.isAllowed && status.isExceeded) {
        throw tooManyRequests(Math.max(1, status.ttlInSeconds))
      }
    }
  }
}

function loginOf(body: unknown): string {
  const login = (body as { login?: unknown } | null)?.login
  return typeof login === 'string' ? login.trim().toLowerCase().slice(0, 64) : ''
}
