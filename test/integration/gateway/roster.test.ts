import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import type { DirectoryView } from '../../../shared/gateway/api'
import { MedewerkerStore, UniqueViolation } from '../../../server/gateway/directory/medewerker-store'
import { RosterConflict, type Medewerker } from '../../../server/gateway/directory/roster'
import type { KlantcontactView } from '../../../server/gateway/register-client/view'
import { GatewayClient, registration, useGateway } from '../../support/gateway'
import { TestLine, until, waitingCall } from './queue/support'

/**
 * A medewerker provisioned at single sign-on (directory/stored-roster.ts) on the real gateway and
 * its database (the engine KCC_DB_ENGINE chooses): kept across instances, identified on a session,
 * rung by the queue, listed in the directory and addressable by a transfer, like a configured agent.
 * The session is opened directly on the gateway's session store, as the single-sign-on callback
 * does once the provider vouched for them (its own tests: test/integration/gateway/oidc*).
 */
const gw = useGateway()

const CARLA: Medewerker = {
  login: 'carla.de.vries@gemeente.test',
  displayName: 'Carla de Vries',
  email: 'Carla.de.Vries@gemeente.test',
  role: 'agent',
  afdeling: 'kcc',
  sipExtension: '2001',
}

async function sessionOf(login: string): Promise<GatewayClient> {
  const { token } = await gw().gateway.auth.sessions.create(login)
  return new GatewayClient(() => gw().app, token)
}

describe('a medewerker provisioned at single sign-on', () => {
  let carla: GatewayClient

  beforeAll(async () => {
    await gw().gateway.services.roster.provision(CARLA)
    carla = await sessionOf(CARLA.login)
  })

  it('is kept in the gateway database: an instance started later knows them', async () => {
    const other = await gw().startInstance()
    expect(other.services.roster.byLogin(CARLA.login)).toEqual(CARLA)
    expect(other.services.roster.byExtension('2001')?.login).toBe(CARLA.login)
  })

  it('is the identity of their session, with their afdeling', async () => {
    const me = await carla.get<{ login: string; afdeling: { id: string; naam: string }; role: string }>(
      '/api/me',
    )
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ login: CARLA.login, role: 'agent', afdeling: { id: 'kcc' } })
  })

  it('is known to another instance on the first request of their session, before its periodic reload', async () => {
    const other = await gw().startInstance()
    const dirk: Medewerker = { ...CARLA, login: 'dirk', email: 'dirk@gemeente.test', sipExtension: '2002' }
    await gw().gateway.services.roster.provision(dirk)
    expect(other.services.roster.byLogin('dirk')).toBeUndefined()

    const { token } = await gw().gateway.auth.sessions.create('dirk')
    const me = await new GatewayClient(() => other.app, token).get('/api/me')

    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ login: 'dirk', afdeling: { id: 'kcc' } })
  })

  it('gets a caller waiting for their afdeling when they are the one Beschikbaar', async () => {
    const hub = gw().gateway.live.hub
    await hub.publish({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'pauze' })
    await hub.publish({ type: 'agent.state', login: 'medewerker3', afdeling: 'kcc', state: 'pauze' })
    await hub.publish({ type: 'agent.state', login: CARLA.login, afdeling: 'kcc', state: 'beschikbaar' })
    const line = new TestLine(waitingCall('kcc', '0612345678'))

    gw().gateway.queue.enter(line)
    await until('the call rings', () => line.rings.length > 0)

    expect(line.rings.map((r) => r.extension)).toEqual(['2001'])
    expect(line.rejected).toEqual([])
    line.rings[0]?.end('answered')
    await hub.publish({ type: 'agent.state', login: CARLA.login, afdeling: 'kcc', state: 'offline' })
  })

  it('appears in the directory, with their extension, as a member of their afdeling', async () => {
    const medewerker1 = await gw().login('medewerker1')
    const directory = await medewerker1.get<DirectoryView>('/api/directory')

    expect(directory.status).toBe(200)
    expect(directory.body.medewerkers).toContainEqual({
      login: CARLA.login,
      displayName: 'Carla de Vries',
      afdeling: 'kcc',
      extension: '2001',
      sipAddress: 'sip:2001@kcc.test',
      state: 'offline',
    })
    expect(directory.body.afdelingen.find((a) => a.id === 'kcc')?.leden).toContain(CARLA.login)
  })

  it('can be transferred a klantcontact, which then opens for them', async () => {
    const medewerker1 = await gw().login('medewerker1')
    const klantcontact = (
      await medewerker1.post<KlantcontactView>('/api/klantcontacten', registration(), {
        'idempotency-key': randomUUID(),
      })
    ).body
    expect((await carla.get(`/api/transfers/resolve/${klantcontact.nummer}`)).status).toBe(404)

    const announced = await medewerker1.post('/api/transfers', {
      klantcontactUuid: klantcontact.uuid,
      target: { type: 'agent', id: CARLA.login },
    })
    expect(announced.status).toBe(201)
    const opened = await carla.get<{ klantcontact: KlantcontactView; transfer: { from: string } }>(
      `/api/transfers/resolve/${klantcontact.nummer}`,
    )
    expect(opened.status).toBe(200)
    expect(opened.body.klantcontact.uuid).toBe(klantcontact.uuid)
    expect(opened.body.transfer.from).toBe('medewerker1')
  })
})

describe('provisioning that clashes', () => {
  it.each([
    ['a configured agent’s extension', { sipExtension: 'medewerker1' }],
    ['an afdeling’s group address', { sipExtension: 'vergunningen' }],
    ['a guest of the SIP server', { sipExtension: 'burger' }],
    ['a configured agent’s e-mail address', { email: 'Medewerker2@kcc.test' }],
  ])('is refused for %s, and nobody is added', async (_what, clash) => {
    const roster = gw().gateway.services.roster
    const before = roster.all().length
    const error = await roster
      .provision({ ...CARLA, login: 'eva', email: 'eva@gemeente.test', sipExtension: '2005', ...clash })
      .catch((e: unknown) => e)

    expect(error).toBeInstanceOf(RosterConflict)
    expect(roster.byLogin('eva')).toBeUndefined()
    expect(roster.all()).toHaveLength(before)
    expect(
      await gw()
        .gateway.storage.db.selectFrom('medewerker')
        .select('login')
        .where('login', '=', 'eva')
        .execute(),
    ).toEqual([])
  })

  it('is refused for an extension another instance provisioned for someone else', async () => {
    const other = await gw().startInstance()
    await other.services.roster.provision({
      ...CARLA,
      login: 'fenna',
      email: 'fenna@gemeente.test',
      sipExtension: '2006',
    })

    const error = await gw()
      .gateway.services.roster.provision({
        ...CARLA,
        login: 'gijs',
        email: 'gijs@gemeente.test',
        sipExtension: '2006',
      })
      .catch((e: unknown) => e)

    expect(error).toBeInstanceOf(RosterConflict)
    expect(gw().gateway.services.roster.byExtension('2006')?.login).toBe('fenna')
  })

  it('is refused by the database itself when two instances write one extension at once', async () => {
    const store = new MedewerkerStore(gw().gateway.storage.db, Date.now)
    await store.save({ ...CARLA, login: 'hanna', email: 'hanna@gemeente.test', sipExtension: '2008' })

    await expect(
      store.save({ ...CARLA, login: 'ivo', email: 'ivo@gemeente.test', sipExtension: '2008' }),
    ).rejects.toBeInstanceOf(UniqueViolation)
    await expect(
      store.save({ ...CARLA, login: 'ivo', email: 'HANNA@gemeente.test', sipExtension: '2009' }),
    ).rejects.toBeInstanceOf(UniqueViolation)
  })

  it('answers the configured agent for a configured login, whatever the provider claims', async () => {
    const roster = gw().gateway.services.roster
    const medewerker2 = await roster.provision({
      ...CARLA,
      login: 'medewerker2',
      email: 'medewerker2@kcc.test',
      afdeling: 'kcc',
      sipExtension: '2010',
    })

    expect(medewerker2).toMatchObject({ afdeling: 'vergunningen', sipExtension: 'medewerker2' })
    expect(roster.byExtension('2010')).toBeUndefined()
  })
})
