import { describe, expect, it } from 'vitest'
import { createMemoryHub } from '../../../server/gateway/live/hub'
import { createPresenceView } from '../../../server/gateway/live/presence-view'
import { silent } from './fixtures'

describe('presence view', () => {
  it('reports each login’s live state, offline for one never seen', async () => {
    const hub = createMemoryHub({ logger: silent })
    const presence = createPresenceView(hub)
    await hub.publish({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'pauze' })
    expect(presence.stateOf('medewerker1')).toBe('pauze')
    expect(presence.stateOf('nobody')).toBe('offline')
  })

  it('lists available logins, all or of one afdeling', async () => {
    const hub = createMemoryHub({ logger: silent })
    const presence = createPresenceView(hub)
    await hub.publish({
      type: 'agent.state',
      login: 'medewerker3',
      afdeling: 'vergunningen',
      state: 'beschikbaar',
    })
    await hub.publish({ type: 'agent.state', login: 'medewerker1', afdeling: 'kcc', state: 'beschikbaar' })
    await hub.publish({
      type: 'agent.state',
      login: 'medewerker2',
      afdeling: 'vergunningen',
      state: 'in_gesprek',
    })
    expect(presence.availableLogins()).toEqual(['medewerker1', 'medewerker3'])
    expect(presence.availableLogins('vergunningen')).toEqual(['medewerker3'])
    await hub.publish({
      type: 'agent.state',
      login: 'medewerker3',
      afdeling: 'vergunningen',
      state: 'ringing',
    })
    expect(presence.availableLogins('vergunningen')).toEqual([])
  })
})
