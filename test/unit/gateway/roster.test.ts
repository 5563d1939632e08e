import { afterEach, describe, expect, it } from 'vitest'
import type { AgentConfig, GatewayConfig } from '../../../server/gateway/config/types'
import { migrateGateway } from '../../../server/gateway/db/migrate'
import type { GatewayDb } from '../../../server/gateway/db/tables'
import { MedewerkerStore, UniqueViolation } from '../../../server/gateway/directory/medewerker-store'
import { RosterConflict, type Medewerker } from '../../../server/gateway/directory/roster'
import { openRoster, type StoredRoster } from '../../../server/gateway/directory/stored-roster'
import { openStorage } from '../../../server/lib/db/database'
import { createRootLogger } from '../../../server/lib/logger'

/**
 * The roster over an in-memory SQLite gateway database: the configured agents and those provisioned
 * at single sign-on, who wins where they meet, and what provisioning refuses. (Persistence across
 * instances on both engines: test/integration/gateway/roster.test.ts.)
 */
const logs: string[] = []
const log = createRootLogger({
  level: 'info',
  name: 'test',
  destination: { write: (line: string) => void logs.push(line) },
})

function agent(login: string, afdeling: string, extra: Partial<AgentConfig> = {}): AgentConfig {
  return {
    login,
    displayName: `Agent ${login}`,
    email: `${login}@gemeente.test`,
    role: 'agent',
    afdeling,
    sipExtension: `ext-${login}`,
    ...extra,
  }
}

const CONFIG: Pick<GatewayConfig, 'agents' | 'afdelingen' | 'sip'> = {
  agents: [agent('anna', 'kcc'), agent('bram', 'vergunningen', { role: 'supervisor', supervises: ['kcc'] })],
  afdelingen: [
    { id: 'kcc', naam: 'KCC', groupAddress: 'kcc' },
    { id: 'vergunningen', naam: 'Vergunningen', groupAddress: 'vergunningen' },
  ],
  sip: { websocketUrl: 'ws://127.0.0.1:1/sip', domain: 'gemeente.test', embedded: true, guests: ['burger'] },
}

function medewerker(login: string, extra: Partial<Medewerker> = {}): Medewerker {
  return {
    login,
    displayName: `Mw ${login}`,
    email: `${login}@gemeente.test`,
    role: 'agent',
    afdeling: 'kcc',
    sipExtension: `ext-${login}`,
    ...extra,
  }
}

const closers: Array<() => Promise<void> | void> = []

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) {
    await close()
  }
  logs.length = 0
})

async function database(): Promise<GatewayDb> {
  const storage = openStorage({ sqliteFile: ':memory:' })
  await migrateGateway(storage.db as never, storage.engine)
  closers.push(() => storage.close())
  return storage.db as unknown as GatewayDb
}

async function rosterOn(db: GatewayDb, config = CONFIG): Promise<StoredRoster> {
  const roster = await openRoster({ config, store: new MedewerkerStore(db, () => 1_000), log })
  closers.push(() => roster.close())
  return roster
}

async function refused(promise: Promise<unknown>): Promise<RosterConflict> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(RosterConflict)
  return error as RosterConflict
}

describe('the roster', () => {
  it('lists the configured agents first, then the provisioned, and finds each by login, e-mail and extension', async () => {
    const roster = await rosterOn(await database())
    const carla = await roster.provision(medewerker('carla', { email: 'Carla.de.Vries@Gemeente.test' }))

    expect(carla).toEqual(medewerker('carla', { email: 'Carla.de.Vries@Gemeente.test' }))
    expect(roster.all().map((m) => m.login)).toEqual(['anna', 'bram', 'carla'])
    expect(roster.byLogin('carla')).toEqual(carla)
    expect(roster.byEmail('carla.de.vries@gemeente.TEST')).toEqual(carla)
    expect(roster.byExtension('ext-carla')).toEqual(carla)
    expect(roster.inAfdeling('kcc').map((m) => m.login)).toEqual(['anna', 'carla'])
    expect(roster.byLogin('bram')?.supervises).toEqual(['kcc'])
    expect(roster.byLogin('nobody')).toBeUndefined()
  })

  it('keeps a provisioned medewerker in the database: another roster on it knows them after a reload', async () => {
    const db = await database()
    const first = await rosterOn(db)
    const second = await rosterOn(db)
    await first.provision(medewerker('carla', { role: 'supervisor', supervises: ['kcc', 'vergunningen'] }))

    expect(second.byLogin('carla')).toBeUndefined()
    // A miss reloads once: a session opened on another instance is recognised at once.
    expect(await second.find('carla')).toEqual(
      medewerker('carla', { role: 'supervisor', supervises: ['kcc', 'vergunningen'] }),
    )
    const third = await rosterOn(db)
    expect(third.inAfdeling('kcc').map((m) => m.login)).toEqual(['anna', 'carla'])
  })

  it('updates a provisioned medewerker who signs in again with other claims', async () => {
    const roster = await rosterOn(await database())
    await roster.provision(medewerker('carla'))
    await roster.provision(medewerker('carla', { afdeling: 'vergunningen', displayName: 'Carla Jansen' }))

    expect(roster.byLogin('carla')).toMatchObject({ afdeling: 'vergunningen', displayName: 'Carla Jansen' })
    expect(roster.inAfdeling('kcc').map((m) => m.login)).toEqual(['anna'])
    expect(roster.all().filter((m) => m.login === 'carla')).toHaveLength(1)
  })

  it('answers the configured agent for a configured login, whatever the provider claims, and writes nothing', async () => {
    const db = await database()
    const roster = await rosterOn(db)

    const anna = await roster.provision(medewerker('anna', { afdeling: 'vergunningen', role: 'supervisor' }))

    expect(anna).toEqual(roster.byLogin('anna'))
    expect(anna).toMatchObject({ afdeling: 'kcc', role: 'agent', sipExtension: 'ext-anna' })
    expect(await db.selectFrom('medewerker').selectAll().execute()).toEqual([])
  })

  it.each([
    ['a configured agent’s extension', { sipExtension: 'ext-anna' }, 'sipExtension'],
    ['an afdeling’s group address', { sipExtension: 'kcc' }, 'sipExtension'],
    ['a guest of the SIP server', { sipExtension: 'burger' }, 'sipExtension'],
    ['a configured agent’s e-mail address (any case)', { email: 'ANNA@gemeente.test' }, 'email'],
  ] as const)('refuses %s and writes nothing', async (_what, clash, field) => {
    const db = await database()
    const roster = await rosterOn(db)

    const conflict = await refused(roster.provision(medewerker('carla', clash)))

    expect(conflict.field).toBe(field)
    expect(roster.byLogin('carla')).toBeUndefined()
    expect(await db.selectFrom('medewerker').selectAll().execute()).toEqual([])
  })

  it('refuses the extension or e-mail address another instance just provisioned for someone else', async () => {
    const db = await database()
    const here = await rosterOn(db)
    const there = await rosterOn(db)
    await there.provision(medewerker('carla', { sipExtension: '2001' }))

    expect((await refused(here.provision(medewerker('daan', { sipExtension: '2001' })))).field).toBe(
      'sipExtension',
    )
    expect((await refused(here.provision(medewerker('daan', { email: 'CARLA@gemeente.test' })))).field).toBe(
      'email',
    )
    expect(here.byLogin('daan')).toBeUndefined()
    expect(here.byExtension('2001')?.login).toBe('carla')
  })

  it('has the database refuse a second row with an extension or e-mail address, as two instances at once would', async () => {
    const store = new MedewerkerStore(await database(), () => 1_000)
    await store.save(medewerker('carla', { sipExtension: '2001' }))

    await expect(store.save(medewerker('daan', { sipExtension: '2001' }))).rejects.toBeInstanceOf(
      UniqueViolation,
    )
    await expect(store.save(medewerker('daan', { email: 'Carla@gemeente.test' }))).rejects.toBeInstanceOf(
      UniqueViolation,
    )
    expect((await store.all()).map((m) => m.login)).toEqual(['carla'])
  })

  it.each<[string, Partial<Medewerker>]>([
    ['login', { login: 'met spatie' }],
    ['displayName', { displayName: ' ' }],
    ['email', { email: 'geen-adres' }],
    ['afdeling', { afdeling: 'onbekend' }],
    ['sipExtension', { sipExtension: 'Hoofdletters' }],
    ['supervises', { supervises: ['kcc', 'onbekend'] }],
  ])('refuses a medewerker with an invalid %s', async (field, invalid) => {
    const roster = await rosterOn(await database())

    await expect(roster.provision(medewerker('carla', invalid))).rejects.toThrow(`invalid ${field}`)
    expect(roster.all()).toHaveLength(2)
  })

  it('leaves out a provisioned medewerker whose extension the configuration later gave to an agent', async () => {
    const db = await database()
    await (await rosterOn(db)).provision(medewerker('carla', { sipExtension: '2001' }))

    const roster = await rosterOn(db, {
      ...CONFIG,
      agents: [...CONFIG.agents, agent('dirk', 'kcc', { sipExtension: '2001' })],
    })

    expect(roster.byExtension('2001')?.login).toBe('dirk')
    expect(roster.byLogin('carla')).toBeUndefined()
    expect(roster.all().map((m) => m.login)).toEqual(['anna', 'bram', 'dirk'])
    expect(logs.filter((line) => line.includes('provisioned medewerker left out'))).toHaveLength(1)
    await roster.refresh()
    // Said once, not at every reload.
    expect(logs.filter((line) => line.includes('provisioned medewerker left out'))).toHaveLength(1)
  })
})
