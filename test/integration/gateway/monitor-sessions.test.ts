import { readFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AgentView, MonitorSessionView } from '../../../shared/gateway/api'
import type { LiveEvent } from '../../../shared/live/protocol'
import { hashPassword } from '../../../server/gateway/auth/passwords'
import type { AgentConfig, GatewayConfig } from '../../../server/gateway/config/types'
import { DEMO_CONFIG, demoPassword, useGateway, type GatewayClient } from '../../support/gateway'

/**
 * Monitoring (docs/supervisor.md): only a supervisor, only agents of the afdelingen it supervises,
 * only during a live call (seen through the gateway's own live hub), recorded, audited and announced
 * on the live hub; stopped only by the supervisor who started it.
 *
 * Demo configuration: supervisor, medewerker1 and medewerker3 in kcc, medewerker2 in vergunningen.
 * Added here: supervisor2 (afdeling kcc) who supervises kcc and vergunningen.
 */
const demoAgents = (JSON.parse(readFileSync(DEMO_CONFIG, 'utf8')) as GatewayConfig).agents
const supervisor2: AgentConfig = {
  login: 'supervisor2',
  displayName: 'Supervisor 2',
  email: 'supervisor2@kcc.test',
  role: 'supervisor',
  afdeling: 'kcc',
  supervises: ['kcc', 'vergunningen'],
  sipExtension: 'supervisor2',
  passwordHash: await hashPassword(demoPassword('supervisor2')),
}

describe('monitoring sessions', () => {
  const gw = useGateway({ config: { agents: [...demoAgents, supervisor2] } })
  const hub = () => gw().gateway.live.hub
  /** What the gateway announced on its live hub. */
  const started: Array<Extract<LiveEvent, { type: 'monitor.started' }>['monitor']> = []
  const ended: Array<Omit<Extract<LiveEvent, { type: 'monitor.ended' }>, 'seq' | 'at'>> = []
  let supervisor: GatewayClient
  let otherSupervisor: GatewayClient
  let medewerker1: GatewayClient

  const callOf = (agent: string, afdeling: string, callId: string) =>
    hub().publish({
      type: 'call.started',
      call: {
        callId,
        agent,
        afdeling,
        direction: 'inbound',
        callerNumber: '+31201234567',
        klantcontactnummer: '4711',
        vertrouwelijk: false,
      },
    })
  const hangUp = (agent: string, afdeling: string, callId: string) =>
    hub().publish({ type: 'call.ended', callId, agent, afdeling, reason: 'completed' })

  const auditOf = (action: string) =>
    gw()
      .gateway.storage.db.selectFrom('audit_event')
      .selectAll()
      .where('action', '=', action)
      .orderBy('id')
      .execute()

  beforeAll(async () => {
    hub().subscribe({ kind: 'types', types: ['monitor.started', 'monitor.ended'] }, (event) => {
      if (event.type === 'monitor.started') {
        started.push(event.monitor)
      } else if (event.type === 'monitor.ended') {
        ended.push({ type: event.type, id: event.id, supervisor: event.supervisor, agent: event.agent })
      }
    })
    supervisor = await gw().login('supervisor')
    otherSupervisor = await gw().login('supervisor2')
    medewerker1 = await gw().login('medewerker1')
  })

  it('tells each one in /api/me which afdelingen they may monitor, as the refusals below follow', async () => {
    expect((await supervisor.get<AgentView>('/api/me')).body.supervises).toEqual(['kcc'])
    expect((await otherSupervisor.get<AgentView>('/api/me')).body.supervises).toEqual(['kcc', 'vergunningen'])
    expect((await medewerker1.get<AgentView>('/api/me')).body.supervises).toEqual([])
  })

  it('refuses an agent (403, in Dutch)', async () => {
    await callOf('medewerker3', 'kcc', 'call-m3')
    const r = await medewerker1.post('/api/monitor-sessions', { agent: 'medewerker3', mode: 'listen' })
    expect(r.status).toBe(403)
    expect(r.body['detail']).toMatch(/supervisor/)
    await hangUp('medewerker3', 'kcc', 'call-m3')
  })

  it('refuses an agent outside the supervisor’s afdelingen (403), even during a call', async () => {
    await callOf('medewerker2', 'vergunningen', 'call-m2')
    const r = await supervisor.post('/api/monitor-sessions', { agent: 'medewerker2', mode: 'listen' })
    expect(r.status).toBe(403)
    expect(r.body['detail']).toMatch(/afdeling/)
    // supervisor2's `supervises` includes vergunningen.
    const allowed = await otherSupervisor.post('/api/monitor-sessions', {
      agent: 'medewerker2',
      mode: 'whisper',
    })
    expect(allowed.status).toBe(201)
    await hangUp('medewerker2', 'vergunningen', 'call-m2')
  })

  it('refuses when the agent has no live call (409 geen_gesprek)', async () => {
    const r = await supervisor.post('/api/monitor-sessions', { agent: 'medewerker1', mode: 'listen' })
    expect(r.status).toBe(409)
    expect(r.body['code']).toBe('geen_gesprek')
  })

  it('refuses an unknown mode, an unknown agent and the supervisor itself with field errors', async () => {
    const mode = await supervisor.post<{ invalidParams: Array<{ name: string }> }>('/api/monitor-sessions', {
      agent: 'medewerker1',
      mode: 'record',
    })
    expect(mode.status).toBe(400)
    expect(mode.body.invalidParams.map((p) => p.name)).toContain('mode')
    const unknown = await supervisor.post('/api/monitor-sessions', { agent: 'onbekend', mode: 'listen' })
    expect(unknown.status).toBe(400)
    expect(unknown.body['invalidParams']).toEqual([
      expect.objectContaining({ name: 'agent', code: 'does_not_exist' }),
    ])
    const self = await supervisor.post('/api/monitor-sessions', { agent: 'supervisor', mode: 'listen' })
    expect(self.status).toBe(400)
    expect(self.body['invalidParams']).toEqual([expect.objectContaining({ name: 'agent' })])
  })

  describe('during a call of medewerker1', () => {
    let session: MonitorSessionView

    beforeAll(async () => {
      await callOf('medewerker1', 'kcc', 'call-m1@kcc.test')
    })

    it('lets the supervisor monitor it (201), recorded and audited', async () => {
      const r = await supervisor.post<MonitorSessionView>('/api/monitor-sessions', {
        agent: 'medewerker1',
        mode: 'barge',
      })
      expect(r.status).toBe(201)
      session = r.body
      expect(session).toEqual({
        id: expect.any(String),
        supervisor: 'supervisor',
        agent: 'medewerker1',
        mode: 'barge',
        startedAt: expect.any(String),
        callId: 'call-m1@kcc.test',
      })
      // The monitored agent's app calls the supervisor's extension when the hub tells it.
      expect(started).toContainEqual({
        id: session.id,
        supervisor: 'supervisor',
        supervisorName: 'Supervisor KCC',
        supervisorExtension: 'supervisor',
        agent: 'medewerker1',
        mode: 'barge',
        callId: 'call-m1@kcc.test',
      })
      const row = await gw()
        .gateway.storage.db.selectFrom('monitor_session')
        .selectAll()
        .where('id', '=', session.id)
        .executeTakeFirstOrThrow()
      expect(row).toMatchObject({
        supervisor_login: 'supervisor',
        agent_login: 'medewerker1',
        ended_at: null,
      })
      const audit = await auditOf('meeluisteren.starten')
      expect(audit).toContainEqual(
        expect.objectContaining({
          actor: 'supervisor',
          resource: 'gesprek',
          object_uuid: session.id,
          object_nummer: '4711',
          result: 'ok',
          status: 201,
        }),
      )
      // The refusals above are audited too.
      expect(audit).toContainEqual(
        expect.objectContaining({ actor: 'medewerker1', result: 'denied', status: 403 }),
      )
      expect(audit).toContainEqual(expect.objectContaining({ actor: 'supervisor', status: 409 }))
    })

    it('lets nobody but that supervisor stop it (404)', async () => {
      expect((await otherSupervisor.delete(`/api/monitor-sessions/${session.id}`)).status).toBe(404)
      expect((await medewerker1.delete(`/api/monitor-sessions/${session.id}`)).status).toBe(404)
      expect((await supervisor.delete(`/api/monitor-sessions/${randomUUID()}`)).status).toBe(404)
      expect((await supervisor.delete('/api/monitor-sessions/not-a-uuid')).status).toBe(404)
      expect(ended).toEqual([])
    })

    it('stops it for that supervisor (204), and again harmlessly (204)', async () => {
      expect((await supervisor.delete(`/api/monitor-sessions/${session.id}`)).status).toBe(204)
      const row = await gw()
        .gateway.storage.db.selectFrom('monitor_session')
        .selectAll()
        .where('id', '=', session.id)
        .executeTakeFirstOrThrow()
      expect(row.ended_at).not.toBeNull()
      expect((await supervisor.delete(`/api/monitor-sessions/${session.id}`)).status).toBe(204)
      expect(ended).toEqual([
        { type: 'monitor.ended', id: session.id, supervisor: 'supervisor', agent: 'medewerker1' },
      ])
      const audit = await auditOf('meeluisteren.stoppen')
      expect(
        audit.filter((e) => e.actor === 'supervisor' && e.object_uuid === session.id).map((e) => e.status),
      ).toEqual([204, 204])
    })
  })
})
