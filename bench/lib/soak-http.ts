/**
 * The soak's failures, counted by kind with one example each, and its task API calls, which count
 * every answer other than the expected one instead of throwing: a soak goes on through errors and
 * reports them.
 */
export class ErrorTally {
  readonly counts = new Map<string, number>()
  readonly examples = new Map<string, string>()

  add(kind: string, detail: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1)
    if (!this.examples.has(kind)) {
      this.examples.set(kind, detail.slice(0, 200))
    }
  }

  get total(): number {
    return [...this.counts.values()].reduce((a, b) => a + b, 0)
  }
}

const REQUEST_TIMEOUT_MS = 15_000

export type TaskApiCall = <T>(
  kind: string,
  token: string | undefined,
  method: string,
  path: string,
  expected: number,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<T | undefined>

/** One task API call on `base`; undefined (and counted in `errors`) unless the answer is `expected`. */
export function taskApi(base: string, errors: ErrorTally, sent: () => void): TaskApiCall {
  return async <T>(
    kind: string,
    token: string | undefined,
    method: string,
    path: string,
    expected: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T | undefined> => {
    sent()
    try {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
      const text = await response.text()
      if (response.status !== expected) {
        errors.add(`${kind}: HTTP ${response.status}`, text)
        return undefined
      }
      return (text ? JSON.parse(text) : {}) as T
    } catch (error) {
      errors.add(`${kind}: no answer`, String(error))
      return undefined
    }
  }
}
