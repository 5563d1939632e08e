import { describe, expect, it } from 'vitest'
import { GatewayError } from '../../../renderer/src/api/errors'
import { createGatewayClient } from '../../../renderer/src/api/gateway-client'
import { NUMMER, UUID, resolvedOf, viewOf } from './fixtures'

type Handler = (request: Request) => Response | Promise<Response>

/** A fetch stand-in (unit test only): answers from `handler` and records every request. */
function client(handler: Handler) {
  const requests: Request[] = []
  let lost = 0
  const api = createGatewayClient({
    baseUrl: 'http://gateway.test',
    token: () => 'tok',
    onUnauthenticated: () => lost++,
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init)
      // A copy: the body is read once by whoever reads it first.
      requests.push(request.clone())
      return handler(request)
    }) as typeof fetch,
  })
  return { api, requests, lost: () => lost }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

const error = async (promise: Promise<unknown>): Promise<GatewayError> => {
  try {
    await promise
  } catch (caught) {
    if (caught instanceof GatewayError) {
      return caught
    }
    throw caught
  }
  throw new Error('expected a GatewayError')
}

const TRANSFER = resolvedOf().transfer

describe('the gateway client, transfers and answers', () => {
  it('announces a transfer by nummer or by uuid, with the target only', async () => {
    const { api, requests } = client(() => json(201, TRANSFER))
    expect(await api.announceTransfer({ nummer: NUMMER }, { type: 'afdeling', id: 'vergunningen' })).toEqual(
      TRANSFER,
    )
    await api.announceTransfer({ klantcontactUuid: UUID }, { type: 'agent', id: 'medewerker2' })
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST http://gateway.test/api/transfers',
      'POST http://gateway.test/api/transfers',
    ])
    expect(await requests[0]!.json()).toEqual({
      nummer: NUMMER,
      target: { type: 'afdeling', id: 'vergunningen' },
    })
    expect(await requests[1]!.json()).toEqual({
      klantcontactUuid: UUID,
      target: { type: 'agent', id: 'medewerker2' },
    })
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer tok')
  })

  it('resolves a transfer by its nummer and answers the transfer and the klantcontact', async () => {
    const { api, requests } = client(() => json(200, resolvedOf()))
    const resolved = await api.resolveTransfer(NUMMER)
    expect(resolved.klantcontact.uuid).toBe(UUID)
    expect(requests[0]!.url).toBe(`http://gateway.test/api/transfers/resolve/${NUMMER}`)
  })

  it('asks nothing for a nummer that is not exactly 1 to 10 ASCII digits', async () => {
    const { api, requests } = client(() => json(200, resolvedOf()))
    for (const nummer of [
      '',
      '12345678901',
      '26000042\r\nX: y',
      '../recent',
      '２６',
      ' 26000042',
      '26 000 042',
    ]) {
      expect((await error(api.resolveTransfer(nummer))).status).toBe(400)
      expect((await error(api.announceTransfer({ nummer }, { type: 'agent', id: 'x' }))).kind).toBe(
        'rejected',
      )
    }
    expect(
      (await error(api.announceTransfer({ klantcontactUuid: 'x/../y' }, { type: 'agent', id: 'x' }))).kind,
    ).toBe('rejected')
    expect(requests).toHaveLength(0)
  })

  it('reports a nummer no transfer addresses to this agent as a 404, not as a lost session', async () => {
    const { api, lost } = client(() =>
      json(404, { detail: 'Er is geen overdracht van dit klantcontact aan u.' }),
    )
    const e = await error(api.resolveTransfer(NUMMER))
    expect(e).toMatchObject({ kind: 'rejected', status: 404 })
    expect(lost()).toBe(0)
  })

  it('posts the answer for a klantcontact uuid and answers the updated klantcontact', async () => {
    const updated = viewOf({ inhoud: 'Vraag\n\nAntwoord: Ja' })
    const { api, requests } = client(() => json(200, updated))
    expect(await api.answer(UUID, 'Ja')).toEqual(updated)
    expect(`${requests[0]!.method} ${requests[0]!.url}`).toBe(
      `POST http://gateway.test/api/klantcontacten/${UUID}/antwoord`,
    )
    expect(await requests[0]!.json()).toEqual({ antwoord: 'Ja' })
  })

  it('refuses to put anything but a uuid in the answer path', async () => {
    const { api, requests } = client(() => json(200, viewOf()))
    expect((await error(api.answer('../recent', 'Ja'))).kind).toBe('rejected')
    expect(requests).toHaveLength(0)
  })

  it('keeps the gateway field error of a refused answer', async () => {
    const reason = 'Het antwoord past niet in de inhoud van het klantcontact: 3 tekens te veel.'
    const { api } = client(() =>
      json(400, { invalidParams: [{ name: 'antwoord', code: 'max_length', reason }] }),
    )
    const e = await error(api.answer(UUID, 'x'))
    expect(e.problem?.invalidParams?.[0]?.reason).toBe(reason)
  })

  it('creates a contactverzoek with the body as given', async () => {
    const input = {
      klantcontactUuid: UUID,
      gevraagdeHandeling: 'Klant terugbellen over: Dakkapel',
      toelichting: 'Doorverbinden is niet gelukt.',
      toegewezenAan: { type: 'afdeling' as const, id: 'vergunningen' },
    }
    const created = {
      uuid: 'c-1',
      ...input,
      status: 'te_verwerken',
      toegewezenOp: null,
      toegewezenAan: { ...input.toegewezenAan, naam: 'Afdeling Vergunningen', actorUuid: 'a-9' },
    }
    const { api, requests } = client(() => json(201, created))
    expect(await api.createContactverzoek(input)).toEqual(created)
    expect(requests[0]!.url).toBe('http://gateway.test/api/contactverzoeken')
    expect(await requests[0]!.json()).toEqual(input)
  })
})
