import { describe, expect, it } from 'vitest'
import { createRootLogger } from '../../../server/lib/logger'
import { admit, stillValid } from '../../../server/gateway/live/session-checks'
import { LiveCloseCode, type LiveAuditEntry, type LiveIdentity } from '../../../server/gateway/live/types'

/**
 * When a live socket's session stops standing for the agent it was opened for, and what its
 * authentication records in the audit log.
 */
const logger = createRootLogger({ level: 'silent' })
const agent: LiveIdentity = { login: 'medewerker1', role: 'agent', afdeling: 'kcc' }
const answer = (identity: LiveIdentity | null) => () => Promise.resolve(identity)

describe('a live socket’s session, checked again', () => {
  it('still stands for the same agent in the same role and afdeling', async () => {
    expect(await stillValid(answer({ ...agent }), 't', agent, logger)).toBeNull()
  })

  it('ends (4401) when the session is gone', async () => {
    expect(await stillValid(answer(null), 't', agent, logger)).toEqual({
      code: LiveCloseCode.unauthenticated,
      reason: 'session ended',
    })
  })

  it('ends (4401) when the agent now has another role or afdeling, for which its filter was not made', async () => {
    for (const changed of [
      { ...agent, role: 'supervisor' as const },
      { ...agent, afdeling: 'vergunningen' },
    ]) {
      expect(await stillValid(answer(changed), 't', agent, logger)).toEqual({
        code: LiveCloseCode.unauthenticated,
        reason: 'session changed',
      })
    }
  })

  it('closes with 1011 rather than 4401 when the check fails, so the app reconnects instead of logging out', async () => {
    const failing = () => Promise.reject(new Error('database down'))
    expect(await stillValid(failing, 't', agent, logger)).toMatchObject({ code: LiveCloseCode.internalError })
  })
})

describe('admitting a live socket', () => {
  const request = { origin: '192.0.2.1', requestId: 'r-1' }

  it('records the agent and its subscription before admitting it', async () => {
    const lines: LiveAuditEntry[] = []
    const admission = await admit(
      { authenticate: answer(agent), audit: (entry) => Promise.resolve(void lines.push(entry)) },
      't',
      request,
      logger,
    )
    expect(admission).toEqual({
      identity: agent,
      filter: { kind: 'agent', login: 'medewerker1', afdeling: 'kcc' },
    })
    expect(lines).toEqual([
      { actor: 'medewerker1', result: 'ok', subscription: 'agent', status: 101, ...request },
    ])
  })

  it('records a refused token and refuses it with 4401', async () => {
    const lines: LiveAuditEntry[] = []
    const admission = await admit(
      { authenticate: answer(null), audit: (entry) => Promise.resolve(void lines.push(entry)) },
      't',
      request,
      logger,
    )
    expect(admission).toMatchObject({ code: LiveCloseCode.unauthenticated })
    expect(lines).toEqual([{ actor: null, result: 'denied', subscription: null, status: 4401, ...request }])
  })

  it('admits nobody whose audit line cannot be stored (1011)', async () => {
    const admission = await admit(
      { authenticate: answer(agent), audit: () => Promise.reject(new Error('audit down')) },
      't',
      request,
      logger,
    )
    expect(admission).toMatchObject({ code: LiveCloseCode.internalError })
  })
})
