import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import type { List } from '../../support/klantinteracties-types'
import { GatewayClient, registration, useGateway, type TestGateway } from '../../support/gateway'

/**
 * Bodies at the edges of what the task API accepts (docs/gateway.md, "Request bodies"): refused
 * with a 400 that names the field before the register is asked, never a 5xx the app would retry.
 * And the same Idempotency-Key with two bodies at the same moment: one is registered, the other
 * is told the key was used for another body.
 */
async function klantcontactCount(gw: TestGateway): Promise<number> {
  return (await gw.register.get<List<unknown>>('/klantcontacten?pageSize=1')).body.count
}

/** Register calls the gateway made so far, as its log tells (client.ts logs each one). */
function registerCalls(gw: TestGateway): number {
  return gw.logs.filter((line) => /"msg":"register (call|refused|call failed)"/.test(line)).length
}

interface Problem {
  code: string
  invalidParams?: Array<{ name: string; code: string; reason: string }>
}

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {}
  for (let i = 0; i < depth; i++) {
    value = { a: value }
  }
  return value
}

describe('task API edge input', () => {
  const gw = useGateway()
  let agent: GatewayClient

  beforeAll(async () => {
    agent = await gw().login('medewerker1')
  })

  const register = (body: Record<string, unknown>, key = randomUUID()) =>
    agent.post<Problem>('/api/klantcontacten', body, { 'idempotency-key': key })

  describe('control characters', () => {
    it('refuses a NUL in the onderwerp with invalid_characters and asks the register nothing', async () => {
      const before = await klantcontactCount(gw())
      const calls = registerCalls(gw())
      const r = await register(registration({ onderwerp: 'Vraag over\u0000 parkeren' }))
      expect(r.status).toBe(400)
      expect(r.body.invalidParams).toEqual([
        expect.objectContaining({ name: 'onderwerp', code: 'invalid_characters' }),
      ])
      expect(registerCalls(gw())).toBe(calls)
      expect(await klantcontactCount(gw())).toBe(before)
    })

    it('names a nested field and refuses C1 controls and lone surrogates', async () => {
      const r = await register(
        registration({
          inhoud: 'regel\u0085',
          contactnaam: { voornaam: 'Jan\ud800', achternaam: 'Vries' },
        }),
      )
      expect(r.status).toBe(400)
      expect(r.body.invalidParams).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'inhoud', code: 'invalid_characters' }),
          expect.objectContaining({ name: 'contactnaam.voornaam', code: 'invalid_characters' }),
        ]),
      )
    })

    it('registers text with tabs and line breaks as it was typed', async () => {
      const inhoud = 'Eerste regel\r\nTweede\tregel'
      const r = await agent.post<KlantcontactView>('/api/klantcontacten', registration({ inhoud }), {
        'idempotency-key': randomUUID(),
      })
      expect(r.status).toBe(201)
      expect(r.body.inhoud).toBe(inhoud)
    })
  })

  describe('unknown fields and nesting', () => {
    it('refuses an unknown field, top-level or nested, naming it', async () => {
      const r = await register({
        ...registration({ contactnaam: { achternaam: 'Vries', extra: 'x' } }),
        bijzonder: true,
      })
      expect(r.status).toBe(400)
      expect(r.body.invalidParams).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'bijzonder', code: 'unknown_field' }),
          expect.objectContaining({ name: 'contactnaam.extra', code: 'unknown_field' }),
        ]),
      )
    })

    it.each([40, 1000, 3000])(
      'refuses an object nested %i deep in an unknown field with a 400',
      async (depth) => {
        const before = await klantcontactCount(gw())
        const r = await register(registration({ contactnaam: { achternaam: 'Vries', extra: nested(depth) } }))
        expect(r.status).toBe(400)
        expect(r.body.invalidParams?.[0]).toMatchObject({ name: 'contactnaam', code: 'too_deep' })
        expect(await klantcontactCount(gw())).toBe(before)
      },
    )

    it('refuses unknown fields on the other task API bodies too', async () => {
      const r = await agent.post<Problem>('/api/contactverzoeken', {
        klantcontactUuid: randomUUID(),
        gevraagdeHandeling: 'Terugbellen',
        toegewezenAan: { type: 'afdeling', id: 'kcc', extra: 1 },
      })
      expect(r.status).toBe(400)
      expect(r.body.invalidParams).toEqual([
        expect.objectContaining({ name: 'toegewezenAan.extra', code: 'unknown_field' }),
      ])
    })
  })

  describe('one key, two bodies, at the same moment', () => {
    it('registers one body and tells the other sender its key was used for another body', async () => {
      for (let round = 0; round < 5; round++) {
        const before = await klantcontactCount(gw())
        const key = randomUUID()
        const bodies = [
          registration({ onderwerp: `Eerste ${randomUUID()}` }),
          registration({ onderwerp: `Tweede ${randomUUID()}` }),
        ]
        const replies = await Promise.all(
          bodies.map((body) =>
            agent.post<KlantcontactView & Problem>('/api/klantcontacten', body, { 'idempotency-key': key }),
          ),
        )
        expect(replies.map((r) => r.status).sort()).toEqual([201, 422])
        const winner = replies.findIndex((r) => r.status === 201)
        expect(replies[winner]!.body.onderwerp).toBe(bodies[winner]!['onderwerp'])
        expect(replies[1 - winner]!.body.code).toBe('idempotency_key_reused')
        expect(await klantcontactCount(gw())).toBe(before + 1)
      }
    })

    it('does the same when the two bodies reach two gateway instances', async () => {
      const other = await gw().startInstance()
      const otherAgent = new GatewayClient(() => other.app, agent.token)
      const before = await klantcontactCount(gw())
      const key = randomUUID()
      const bodies = [
        registration({ onderwerp: `Links ${randomUUID()}` }),
        registration({ onderwerp: `Rechts ${randomUUID()}` }),
      ]
      const replies = await Promise.all([
        agent.post<KlantcontactView>('/api/klantcontacten', bodies[0], { 'idempotency-key': key }),
        otherAgent.post<KlantcontactView>('/api/klantcontacten', bodies[1], { 'idempotency-key': key }),
      ])
      expect(replies.map((r) => r.status).sort()).toEqual([201, 422])
      const winner = replies.findIndex((r) => r.status === 201)
      expect(replies[winner]!.body.onderwerp).toBe(bodies[winner]!['onderwerp'])
      expect(await klantcontactCount(gw())).toBe(before + 1)
    })
  })
})
