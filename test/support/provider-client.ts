import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'
import { TEST_TOKEN } from './provider'
import { expectOas, expectProblem } from './oas-assert'

export const BASE = '/klantinteracties/api/v1'

export interface Reply<T = Record<string, unknown>> {
  status: number
  body: T
  headers: Record<string, unknown>
}

/**
 * A test client over `app.inject` that checks every reply: `API-version: 0.9.0`, and the body
 * against the OAS component named by the caller (successes) or the problem shape (errors).
 *
 * `app` may be a function, so a suite can hold a client before its provider starts in `beforeAll`
 * (see `useProvider`).
 */
export class ProviderClient {
  constructor(
    private readonly app: FastifyInstance | (() => FastifyInstance),
    private readonly token: string | null = TEST_TOKEN,
  ) {}

  async request<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    options: { body?: unknown; component?: string } = {},
  ): Promise<Reply<T>> {
    const app = typeof this.app === 'function' ? this.app() : this.app
    const response = await app.inject({
      method,
      url: `${BASE}${path}`,
      headers: this.token ? { authorization: `Token ${this.token}` } : {},
      ...(options.body !== undefined ? { payload: options.body as Record<string, unknown> } : {}),
    })
    expect(response.headers['api-version']).toBe('0.9.0')
    const body = response.body ? (JSON.parse(response.body) as T) : (undefined as T)
    if (response.statusCode >= 400) {
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
      expectProblem(body, response.statusCode)
    } else if (options.component && response.statusCode !== 204) {
      expectOas(options.component, body)
    }
    return { status: response.statusCode, body, headers: response.headers }
  }

  get<T = Record<string, unknown>>(path: string, component?: string): Promise<Reply<T>> {
    return this.request<T>('GET', path, component ? { component } : {})
  }

  post<T = Record<string, unknown>>(path: string, body: unknown, component?: string): Promise<Reply<T>> {
    return this.request<T>('POST', path, { body, ...(component ? { component } : {}) })
  }

  patch<T = Record<string, unknown>>(path: string, body: unknown, component?: string): Promise<Reply<T>> {
    return this.request<T>('PATCH', path, { body, ...(component ? { component } : {}) })
  }

  put<T = Record<string, unknown>>(path: string, body: unknown, component?: string): Promise<Reply<T>> {
    return this.request<T>('PUT', path, { body, ...(component ? { component } : {}) })
  }

  delete(path: string): Promise<Reply> {
    return this.request('DELETE', path)
  }
}
