import { describe, expect, it } from 'vitest'
import { mayMonitor, monitorRefusal, type MonitorScope } from '../../../shared/gateway/monitor-rule'

const SUPERVISOR: MonitorScope = { login: 'supervisor', role: 'supervisor', supervises: ['kcc'] }

describe('who may monitor whose call', () => {
  it('allows a supervisor on the call of an agent of an afdeling they supervise', () => {
    expect(mayMonitor(SUPERVISOR, { login: 'medewerker1', afdeling: 'kcc', inCall: true })).toBe(true)
  })

  it('refuses an agent of another afdeling', () => {
    expect(monitorRefusal(SUPERVISOR, { login: 'medewerker2', afdeling: 'vergunningen', inCall: true })).toBe(
      'other_afdeling',
    )
  })

  it('refuses an agent without a call', () => {
    expect(monitorRefusal(SUPERVISOR, { login: 'medewerker1', afdeling: 'kcc', inCall: false })).toBe(
      'no_call',
    )
  })

  it('refuses the supervisor’s own call', () => {
    expect(monitorRefusal(SUPERVISOR, { login: 'supervisor', afdeling: 'kcc', inCall: true })).toBe(
      'own_call',
    )
  })

  it('refuses anyone without the supervisor role, whatever afdelingen they name', () => {
    expect(
      monitorRefusal(
        { login: 'medewerker3', role: 'agent', supervises: ['kcc'] },
        { login: 'medewerker1', afdeling: 'kcc', inCall: true },
      ),
    ).toBe('not_supervisor')
  })

  it('allows every afdeling of a supervisor who supervises several', () => {
    const both: MonitorScope = { ...SUPERVISOR, supervises: ['kcc', 'vergunningen'] }
    expect(mayMonitor(both, { login: 'medewerker2', afdeling: 'vergunningen', inCall: true })).toBe(true)
  })
})
