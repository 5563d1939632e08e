// The plugin's types add `createRateLimit` to FastifyInstance.
import type {} from '@fastify/rate-limit'
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify'
import { tooManyRequests } from '../http/problems'

/**
 * Login attempts are limited per client address and per login name (@fastify/rate-limit,
 * in-memory per gateway instance), so neither one address trying many logins nor many addresses
 * trying one login get far; scrypt makes every attempt cost ~32 MiB, so the limit also keeps a
 * burst of attempts from exhausting memory. Every attempt counts, successful ones too.
 *
 * The per-address limit is higher than the per-login one: a contact centre's agents often share
 * one public address, and a shift starts with all of them logging in.
 */
export interface LoginRateLimit {
  perLogin: number
  perAddress: number
  windowMs: number
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimit = { perLogin: 5, perAddress: 30, windowMs: 60_000 }

export function loginRateLimiter(app: FastifyInstance, limits: LoginRateLimit): preHandlerAsyncHookHandler {
  const byAddress = app.createRateLimit({
    max: limits.perAddress,
    timeWindow: limits.windowMs,
    keyGenerator: (request) => `address:${request.ip}`,
  })
  const byLogin = app.createRateLimit({
    max: limits.perLogin,
    timeWindow: limits.windowMs,
    keyGenerator: (request) => `login:${loginOf(request.body)}`,
  })
  return async (request) => {
    for (const limit of [byAddress, byLogin]) {
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
