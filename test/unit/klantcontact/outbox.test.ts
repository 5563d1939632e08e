import { afterEach, describe, expect, it, vi } from 'vitest'
import type { KlantcontactView, RegisterKlantcontactInput } from '../../../shared/gateway/api'
import { GatewayError } from '../../../renderer/src/api/errors'
import { KlantcontactOutbox, retryDelay } from '../../../renderer/src/klantcontact/outbox'
import type { AppStore } from '../../../renderer/src/store'
import { AGENT, RING } from './fixtures'
import { queueDraft, quietLogger, storeOver, viewOf } from './store-fixtures'

type Answer = KlantcontactView | GatewayError | 'hang'

/** A GatewayApi that answers registrations from a script, and records every call. */
function fakeApi(...script: Answer[]) {
  const calls: Array<{ input: RegisterKlantcontactInput; key: string }> = []
  let nummer = 26000000
  const registerKlantcontact = vi.fn((input: RegisterKlantcontactInput, key: string) => {
    calls.push({ input, key })
    const answer = script.shift() ?? viewOf(String(++nummer))
    if (answer === 'hang') {
      return new Promise<KlantcontactView>(() => undefined)
    }
    return answer instanceof GatewayError ? Promise.reject(answer) : Promise.resolve(answer)
  })
  return { api: { registerKlantcontact }, calls }
}

/** Timers the test fires by hand. */
function manualTimers() {
  const pending: Array<{ run: () => void; ms: number; cancelled: boolean }> = []
  return {
    delays: () => pending.map((timer) => timer.ms),
    schedule: (run: () => void, ms: number) => {
      const timer = { run, ms, cancelled: false }
      pending.push(timer)
      return () => {
        timer.cancelled = true
      }
    },
    fireAll: () => {
      for (const timer of pending.splice(0)) {
        if (!timer.cancelled) {
          timer.run()
        }
      }
    },
  }
}

const unreachable = () => new GatewayError('unreachable', undefined, undefined, 'Failed to fetch')
const serverError = () => new GatewayError('failed', 502, { code: 'upstream' }, 'Register niet bereikbaar')
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

const outboxes: KlantcontactOutbox[] = []

function outboxFor(store: AppStore, api: ReturnType<typeof fakeApi>['api'], timers = manualTimers()) {
  const online = new EventTarget()
  const outbox = new KlantcontactOutbox({
    store,
    api,
    agentLogin: AGENT,
    logger: quietLogger,
    schedule: timers.schedule,
    onlineEvents: online,
  })
  outboxes.push(outbox)
  outbox.start()
  return { outbox, timers, online }
}

afterEach(() => {
  for (const outbox of outboxes.splice(0)) {
    outbox.stop()
  }
})

describe('KlantcontactOutbox', () => {
  it('sends a queued draft with its id as Idempotency-Key and records the nummer', async () => {
    const { store } = storeOver()
    const { api, calls } = fakeApi(viewOf('26000001'))
    outboxFor(store, api)
    const id = queueDraft(store)
    const request = store.getState().klantcontact.drafts[id]?.request
    await settle()
    expect(request?.onderwerp).toBe('Afvalpas kwijt')
    expect(calls).toEqual([{ input: request, key: id }])
    expect(store.getState().klantcontact.drafts[id]).toMatchObject({ status: 'saved', nummer: '26000001' })
  })

  it('waits while the gateway is unreachable, then saves once, with the same key and body both times', async () => {
    const { store } = storeOver()
    const { api, calls } = fakeApi(unreachable(), viewOf('26000002'))
    const { timers } = outboxFor(store, api)
    const id = queueDraft(store)
    await settle()
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('waiting')

    timers.fireAll()
    await settle()
    expect(store.getState().klantcontact.drafts[id]).toMatchObject({ status: 'saved', nummer: '26000002' })
    expect(calls.map((call) => call.key)).toEqual([id, id])
    expect(calls[1]?.input).toEqual(calls[0]?.input)
  })

  it('waits after a 5xx and saves on the retry', async () => {
    const { store } = storeOver()
    const { api, calls } = fakeApi(serverError(), viewOf('26000003'))
    const { timers } = outboxFor(store, api)
    const id = queueDraft(store)
    await settle()
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('waiting')
    timers.fireAll()
    await settle()
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('saved')
    expect(calls).toHaveLength(2)
  })

  it('puts the field errors of a 400 on the right fields, and sends the correction with the same key', async () => {
    const { store } = storeOver()
    const refusal = new GatewayError(
      'rejected',
      400,
      {
        code: 'invalid',
        invalidParams: [
          { name: 'onderwerp', code: 'invalid', reason: 'Dit onderwerp is niet toegestaan.' },
          { name: 'contactnaam.voorvoegselAchternaam', code: 'max_length', reason: 'Te lang.' },
        ],
      },
      'Ongeldige invoer',
    )
    const { api, calls } = fakeApi(refusal, viewOf('26000004'))
    outboxFor(store, api)
    const id = queueDraft(store)
    await settle()
    const rejected = store.getState().klantcontact.drafts[id]
    expect(rejected?.status).toBe('rejected')
    expect(rejected?.fieldErrors).toEqual({
      onderwerp: 'Dit onderwerp is niet toegestaan.',
      naamKlant: 'Te lang.',
    })

    store.getState().klantcontact.update(id, { onderwerp: 'Afvalpas' })
    store.getState().klantcontact.requestSave(id, RING)
    await settle()
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('saved')
    expect(calls.map((call) => call.key)).toEqual([id, id])
    expect(calls[1]?.input.onderwerp).toBe('Afvalpas')
  })

  it('sends a draft again after a reload during sending, with the same key', async () => {
    const first = storeOver()
    const hanging = fakeApi('hang')
    outboxFor(first.store, hanging.api)
    const id = queueDraft(first.store)
    await settle()
    expect(first.store.getState().klantcontact.drafts[id]?.status).toBe('sending')

    const reloaded = storeOver(first.storage)
    const { api, calls } = fakeApi(viewOf('26000005'))
    outboxFor(reloaded.store, api)
    await settle()
    expect(calls.map((call) => call.key)).toEqual([id])
    expect(calls[0]?.input).toEqual(hanging.calls[0]?.input)
    expect(reloaded.store.getState().klantcontact.drafts[id]).toMatchObject({
      status: 'saved',
      nummer: '26000005',
    })
  })

  it('never has two requests on the way for one draft', async () => {
    const { store } = storeOver()
    const { api, calls } = fakeApi('hang')
    const { online } = outboxFor(store, api)
    const id = queueDraft(store)
    store.getState().klantcontact.openManual(AGENT, RING)
    online.dispatchEvent(new Event('online'))
    await settle()
    expect(calls.map((call) => call.key)).toEqual([id])
  })

  it('retries a waiting draft at once when the browser is online again', async () => {
    const { store } = storeOver()
    const { api, calls } = fakeApi(unreachable(), viewOf('26000006'))
    const { online } = outboxFor(store, api)
    const id = queueDraft(store)
    await settle()
    online.dispatchEvent(new Event('online'))
    await settle()
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('saved')
    expect(calls).toHaveLength(2)
  })

  it('backs off 1 s, 2 s, 5 s, 10 s, then every 15 s', async () => {
    expect([0, 1, 2, 3, 4, 9].map(retryDelay)).toEqual([1_000, 2_000, 5_000, 10_000, 15_000, 15_000])
    const { store } = storeOver()
    const { api } = fakeApi(unreachable(), unreachable(), unreachable())
    const { timers } = outboxFor(store, api)
    queueDraft(store)
    const seen: number[] = []
    for (let i = 0; i < 3; i++) {
      await settle()
      seen.push(...timers.delays())
      timers.fireAll()
    }
    expect(seen).toEqual([1_000, 2_000, 5_000])
  })

  it('keeps a draft queued when the session is gone, and sends it with the same key after the next login', async () => {
    const { store } = storeOver()
    const { api, calls } = fakeApi(new GatewayError('unauthenticated', 401, undefined, 'Niet ingelogd'))
    const { outbox } = outboxFor(store, api)
    const id = queueDraft(store)
    await settle()
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('queued')
    store.getState().klantcontact.openManual(AGENT, RING)
    await settle()
    expect(calls).toHaveLength(1)

    outbox.start()
    await settle()
    expect(calls.map((call) => call.key)).toEqual([id, id])
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('saved')
  })

  it('gives the draft a new key when the gateway says the key was used for another body', async () => {
    const { store } = storeOver()
    const reused = new GatewayError('rejected', 422, { code: 'idempotency_key_reused' }, 'Key al gebruikt')
    const { api, calls } = fakeApi(reused)
    outboxFor(store, api)
    const id = queueDraft(store)
    await settle()
    const [first, second] = calls
    expect(first?.key).toBe(id)
    expect(second?.key).not.toBe(id)
    expect(store.getState().klantcontact.drafts[second?.key ?? '']?.status).toBe('saved')
    expect(store.getState().klantcontact.drafts[id]).toBeUndefined()
  })

  it('hands a draft back to the agent after 5 server errors in a row, and keeps it', async () => {
    const { store } = storeOver()
    const { api, calls } = fakeApi(...Array.from({ length: 5 }, serverError), viewOf('26000008'))
    const { timers } = outboxFor(store, api)
    const id = queueDraft(store)
    for (let i = 0; i < 6; i++) {
      await settle()
      timers.fireAll()
    }
    await settle()
    expect(calls).toHaveLength(5)
    const draft = store.getState().klantcontact.drafts[id]
    expect(draft).toMatchObject({ status: 'rejected', onderwerp: 'Afvalpas kwijt' })
    expect(draft?.lastError).toContain('Na 5 pogingen')
    expect(draft?.lastError).toContain('Uw concept is bewaard')

    // Saved again unchanged: the same key, so an attempt that did arrive is settled, not doubled.
    store.getState().klantcontact.requestSave(id, RING)
    await settle()
    expect(calls.map((call) => call.key)).toEqual(Array(6).fill(id))
    expect(calls[5]?.input).toEqual(calls[0]?.input)
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('saved')
  })

  it('sends an edited draft with a new key after giving up, when the gateway holds the old key', async () => {
    const { store } = storeOver()
    const reused = new GatewayError('rejected', 422, { code: 'idempotency_key_reused' }, 'Key al gebruikt')
    const { api, calls } = fakeApi(...Array.from({ length: 5 }, serverError), reused, viewOf('26000009'))
    const { timers } = outboxFor(store, api)
    const id = queueDraft(store)
    for (let i = 0; i < 6; i++) {
      await settle()
      timers.fireAll()
    }
    store.getState().klantcontact.update(id, { onderwerp: 'Afvalpas kapot' })
    store.getState().klantcontact.requestSave(id, RING)
    await settle()
    const last = calls.at(-1)
    expect(last?.key).not.toBe(id)
    expect(last?.input.onderwerp).toBe('Afvalpas kapot')
    expect(store.getState().klantcontact.drafts[last?.key ?? '']?.status).toBe('saved')
  })

  it('keeps retrying, without limit, while the gateway gives no answer at all', async () => {
    const { store } = storeOver()
    const { api, calls } = fakeApi(...Array.from({ length: 12 }, unreachable), viewOf('26000010'))
    const { timers } = outboxFor(store, api)
    const id = queueDraft(store)
    for (let i = 0; i < 13; i++) {
      await settle()
      expect(store.getState().klantcontact.drafts[id]?.status).not.toBe('rejected')
      timers.fireAll()
    }
    await settle()
    expect(calls).toHaveLength(13)
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('saved')
  })

  it('counts only server errors in a row: an answer-less attempt in between starts the count again', async () => {
    const { store } = storeOver()
    const script = [serverError(), serverError(), serverError(), serverError(), unreachable()]
    const { api, calls } = fakeApi(...script, ...Array.from({ length: 4 }, serverError), viewOf('26000011'))
    const { timers } = outboxFor(store, api)
    const id = queueDraft(store)
    for (let i = 0; i < 10; i++) {
      await settle()
      timers.fireAll()
    }
    await settle()
    expect(calls).toHaveLength(10)
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('saved')
  })

  it("leaves another agent's drafts alone", async () => {
    const { store } = storeOver()
    const { api, calls } = fakeApi()
    outboxFor(store, api)
    const k = store.getState().klantcontact
    const id = k.openManual('medewerker2', RING)
    k.update(id, { onderwerp: 'Paspoort' })
    k.requestSave(id, RING)
    await settle()
    expect(calls).toHaveLength(0)
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('queued')
  })

  it('stops retrying after stop(), and picks the waiting draft up again on start()', async () => {
    const { store } = storeOver()
    const { api, calls } = fakeApi(unreachable(), viewOf('26000007'))
    const { outbox, timers } = outboxFor(store, api)
    const id = queueDraft(store)
    await settle()
    outbox.stop()
    timers.fireAll()
    await settle()
    expect(calls).toHaveLength(1)
    outbox.start()
    timers.fireAll()
    await settle()
    expect(store.getState().klantcontact.drafts[id]?.status).toBe('saved')
  })
})
