import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import { TEST_TOKEN } from '../../support/provider'
import { demoPassword, registration, useGateway, type TestGateway } from '../../support/gateway'

/**
 * The audit log (BIO2 8.15.01/02; docs/gateway.md, "Audit log"): one line per API request, failures
 * included, naming who, what, which object, the result and when; never a secret or content.
 */
const auditLines = (gw: TestGateway): Array<Record<string, unknown>> =>
  gw.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line['scope'] === 'audit' && line['msg'] === 'audit')

const auditRows = (gw: TestGateway) =>
  gw.gateway.storage.db.selectFrom('audit_event').selectAll().orderBy('id').execute()

const ANTWOORD = 'U krijgt binnen twee weken bericht over de omgevingsvergunning.'

describe('the audit log', () => {
  const gw = useGateway()

  it('writes one line per request, N requests making N lines, 401, 403, 4xx and 429 included', async () => {
    const rowsBefore = (await auditRows(gw())).length
    const linesBefore = auditLines(gw()).length
    let n = 0
    const count = <T>(p: Promise<T>): Promise<T> => {
      n++
      return p
    }

    await count(gw().anonymous.get('/api/me'))
    await count(gw().anonymous.post('/api/session', { login: 'medewerker1', password: 'fout' }))
    const medewerker1 = await count(gw().login('medewerker1'))
    const medewerker2 = await count(gw().login('medewerker2'))
    await count(medewerker1.get('/api/audit'))
    const created = await count(
      medewerker1.post<KlantcontactView>('/api/klantcontacten', registration(), {
        'idempotency-key': randomUUID(),
      }),
    )
    const { uuid, nummer } = created.body
    await count(medewerker1.get(`/api/klantcontacten/by-nummer/${nummer}`))
    await count(medewerker1.get('/api/klantcontacten/by-nummer/99999999'))
    await count(medewerker1.get('/api/klantcontacten/by-nummer/12ab'))
    await count(medewerker2.get(`/api/transfers/resolve/${nummer}`))
    await count(
      medewerker1.post('/api/transfers', {
        klantcontactUuid: uuid,
        target: { type: 'agent', id: 'medewerker2' },
      }),
    )
    await count(medewerker2.get(`/api/transfers/resolve/${nummer}`))
    await count(medewerker2.post(`/api/klantcontacten/${uuid}/antwoord`, { antwoord: ANTWOORD }))
    await count(medewerker2.post(`/api/klantcontacten/${uuid}/antwoord`, { antwoord: 'x'.repeat(1000) }))
    await count(medewerker1.get('/api/klantcontacten/recent'))
    await count(medewerker1.get('/api/directory'))
    await count(medewerker1.get('/api/softphone'))
    await count(medewerker1.delete('/api/session'))
    await count(medewerker1.get('/api/me'))
    for (let i = 0; i < 6; i++) {
      await count(gw().anonymous.post('/api/session', { login: 'niemand', password: 'fout' }))
    }

    const rows = (await auditRows(gw())).slice(rowsBefore)
    expect(rows).toHaveLength(n)
    expect(auditLines(gw()).length - linesBefore).toBe(n)
    expect(rows.map((r) => [r.actor, r.action, r.result, r.status])).toEqual([
      [null, 'medewerker.lezen', 'denied', 401],
      ['medewerker1', 'sessie.aanmelden', 'denied', 401],
      ['medewerker1', 'sessie.aanmelden', 'ok', 201],
      ['medewerker2', 'sessie.aanmelden', 'ok', 201],
      ['medewerker1', 'audit.lezen', 'denied', 403],
      ['medewerker1', 'klantcontact.registreren', 'ok', 201],
      ['medewerker1', 'klantcontact.lezen', 'ok', 200],
      ['medewerker1', 'klantcontact.lezen', 'error', 404],
      ['medewerker1', 'klantcontact.lezen', 'error', 400],
      ['medewerker2', 'overdracht.openen', 'denied', 404],
      ['medewerker1', 'overdracht.aankondigen', 'ok', 201],
      ['medewerker2', 'overdracht.openen', 'ok', 200],
      ['medewerker2', 'klantcontact.beantwoorden', 'ok', 200],
      ['medewerker2', 'klantcontact.beantwoorden', 'error', 400],
      ['medewerker1', 'klantcontact.recent', 'ok', 200],
      ['medewerker1', 'directory.lezen', 'ok', 200],
      ['medewerker1', 'softphone.lezen', 'ok', 200],
      ['medewerker1', 'sessie.afmelden', 'ok', 204],
      [null, 'medewerker.lezen', 'denied', 401],
      ...Array(5).fill([null, 'sessie.aanmelden', 'denied', 401]),
      [null, 'sessie.aanmelden', 'denied', 429],
    ])
    // The object of every klantcontact line is named by uuid and nummer (BIO 8.15.01 "object").
    const aboutIt = rows.filter((r) => r.object_uuid === uuid)
    expect(aboutIt.length).toBeGreaterThanOrEqual(5)
    expect(aboutIt.every((r) => r.object_nummer === nummer || r.object_nummer === null)).toBe(true)
    for (const row of rows) {
      expect(Date.parse(row.at)).not.toBeNaN()
      expect(row.origin).toBe('127.0.0.1')
      expect(row.request_id).toMatch(/^[0-9a-f-]{36}$/)
    }
  })

  it('never logs a password, token, SIP credential or the content of a klantcontact', async () => {
    const agent = await gw().login('medewerker1')
    await gw().anonymous.post('/api/session', { login: 'welkom-medewerker1', password: 'medewerker1' })
    await agent.post('/api/klantcontacten', registration({ onderwerp: 'Geheim onderwerp' }), {
      'idempotency-key': randomUUID(),
    })
    const everything = gw().logs.join('\n') + JSON.stringify(await auditRows(gw()))
    for (const secret of [
      demoPassword('medewerker1'),
      demoPassword('medewerker2'),
      agent.token!,
      TEST_TOKEN,
      'sip-demo-1001',
      'Geheim onderwerp',
      String(registration()['inhoud']),
      'Vries',
      ANTWOORD,
    ]) {
      expect(everything, secret).not.toContain(secret)
    }
    expect(auditLines(gw()).length).toBeGreaterThan(0)
  })

  it('cannot be changed or deleted, not even through the database', async () => {
    const db = gw().gateway.storage.db
    await expect(sql`update audit_event set result = 'ok'`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_event`.execute(db)).rejects.toThrow(/append-only/)
  })

  it('lists the newest events to a supervisor, security events on request', async () => {
    const supervisor = await gw().login('supervisor')
    const all = await supervisor.get<{ results: Array<{ action: string; security: boolean }> }>(
      '/api/audit?limit=5',
    )
    expect(all.body.results).toHaveLength(5)
    expect(all.body.results[0]!.action).toBe('sessie.aanmelden')
    const security = await supervisor.get<{ results: Array<{ detail: string; security: boolean }> }>(
      '/api/audit?security=true',
    )
    expect(security.body.results.length).toBeGreaterThan(0)
    expect(security.body.results.every((e) => e.security)).toBe(true)
  })
})

describe('when the audit log cannot be written', () => {
  const gw = useGateway()

  it('answers 503 and discloses nothing, since nothing may be read without a record of it', async () => {
    const agent = await gw().login('medewerker1')
    const db = gw().gateway.storage.db
    await sql`alter table audit_event rename to audit_event_away`.execute(db)
    try {
      const r = await agent.get('/api/softphone')
      expect(r.status).toBe(503)
      expect(r.body['code']).toBe('audit_unavailable')
      expect(JSON.stringify(r.body)).not.toContain('sip-demo-1001')
    } finally {
      await sql`alter table audit_event_away rename to audit_event`.execute(db)
    }
    expect((await agent.get('/api/softphone')).status).toBe(200)
  })
})
