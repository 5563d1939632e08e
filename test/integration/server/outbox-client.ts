import { demoPassword } from '../../support/gateway'

/**
 * An agent's app saving klantcontacten as the app's outbox does (renderer/src/klantcontact/outbox.ts):
 * each registration with its own Idempotency-Key, retried with that same key and the same body
 * until the gateway answers 201, through a gateway that may vanish at any moment. No answer, a
 * torn answer, a 5xx or a 429 is retried; a 401 means logging in again first; anything else is a
 * failure of the test.
 */
export interface Saved {
  key: string
  uuid: string
  /** Requests it took, the one that got the 201 included. */
  attempts: number
}

const RETRY_MS = 100
const REQUEST_TIMEOUT_MS = 15_000

export class OutboxClient {
  /** Requests sent to /api/klantcontacten so far, answered or not. */
  sent = 0
  /** Requests to /api/klantcontacten on their way right now. */
  inFlight = 0
  private token: Promise<string> | undefined

  constructor(
    private readonly url: string,
    private readonly login: string,
  ) {}

  async save(key: string, body: Record<string, unknown>): Promise<Saved> {
    for (let attempts = 1; ; attempts++) {
      const token = await this.session()
      this.sent++
      this.inFlight++
      try {
        const response = await fetch(`${this.url}/api/klantcontacten`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        })
        const text = await response.text()
        if (response.status === 201) {
          return { key, uuid: (JSON.parse(text) as { uuid: string }).uuid, attempts }
        }
        if (response.status === 401) {
          this.forget(token)
        } else if (response.status < 500 && response.status !== 429) {
          throw new RefusedError(`${key}: ${response.status} ${text}`)
        }
      } catch (error) {
        if (error instanceof RefusedError) {
          throw error
        }
        // Unreachable, reset, or an answer cut off half-way: the outcome is unknown, so try again.
      } finally {
        this.inFlight--
      }
      await sleep(RETRY_MS)
    }
  }

  /** One login shared by every draft; made again only after a 401. */
  private session(): Promise<string> {
    this.token ??= this.logIn()
    return this.token
  }

  private forget(token: string): void {
    void this.token?.then((current) => {
      if (current === token) {
        this.token = undefined
      }
    })
  }

  private async logIn(): Promise<string> {
    for (;;) {
      try {
        const response = await fetch(`${this.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ login: this.login, password: demoPassword(this.login) }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        })
        if (response.status === 201) {
          return ((await response.json()) as { token: string }).token
        }
        if (response.status < 500 && response.status !== 429) {
          throw new RefusedError(`login ${this.login}: ${response.status} ${await response.text()}`)
        }
      } catch (error) {
        if (error instanceof RefusedError) {
          throw error
        }
      }
      await sleep(RETRY_MS)
    }
  }
}

class RefusedError extends Error {}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
