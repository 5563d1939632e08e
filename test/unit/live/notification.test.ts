import { describe, expect, it } from 'vitest'
import { parseNotification } from '../../../server/gateway/live/postgres-schema'

describe('live NOTIFY payloads', () => {
  it('carry epoch, seq and the event', () => {
    const body = {
      type: 'agent.state',
      login: 'm',
      afdeling: 'kcc',
      state: 'pauze',
      at: '2025-01-01T00:00:00.000Z',
    }
    expect(parseNotification(`ab12 17 ${JSON.stringify(body)}`)).toEqual({
      epoch: 'ab12',
      seq: 17,
      event: { ...body, seq: 17 },
    })
  })

  it('may carry only epoch and seq when the event was too large to travel', () => {
    expect(parseNotification('ab12 18 ')).toEqual({ epoch: 'ab12', seq: 18 })
  })

  it('are ignored when malformed', () => {
    for (const payload of ['', 'ab12', 'ab12 x {}', 'ab12 0 {}', 'ab12 3 {not json', ' 3 {}']) {
      expect(parseNotification(payload), payload).toBeUndefined()
    }
  })
})
