import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStorage } from '../../../server/lib/db/database'
import { demoPassword } from '../../support/gateway'
import { useComposedServer } from './compose-fixture'
import { rawRequest } from './raw-http'

/**
 * The SQLite databases hold personal data and sessions: readable by the server's user only (0600),
 * the database files and the WAL and shared-memory files beside them, like the provider token.
 */
const modeOf = (file: string): string => (statSync(file).mode & 0o777).toString(8)

describe('the SQLite files of the server', () => {
  const composed = useComposedServer()

  it('are created readable by the owner only, with their WAL and shared-memory files', async () => {
    const { server, dataDir } = composed()
    const login = await rawRequest(server.url, 'POST', '/api/session', {
      body: JSON.stringify({ login: 'medewerker1', password: demoPassword('medewerker1') }),
    })
    const { token } = JSON.parse(login.body) as { token: string }
    const created = await rawRequest(server.url, 'POST', '/api/klantcontacten', {
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ kanaal: 'Telefoon', onderwerp: 'Afvalpas kwijt', taal: 'nld' }),
    })
    expect(created.status).toBe(201)
    for (const database of ['gateway.sqlite', 'klantinteracties.sqlite']) {
      for (const suffix of ['', '-wal', '-shm']) {
        expect(modeOf(join(dataDir, database + suffix)), database + suffix).toBe('600')
      }
    }
  })

  it('narrows a database file an older version left readable by others', async () => {
    const file = join(composed().dataDir, 'older.sqlite')
    writeFileSync(file, '', { mode: 0o644 })
    writeFileSync(`${file}-wal`, '', { mode: 0o644 })
    const storage = openStorage({ sqliteFile: file })
    try {
      expect(modeOf(file)).toBe('600')
      expect(modeOf(`${file}-wal`)).toBe('600')
    } finally {
      await storage.close()
    }
  })
})
