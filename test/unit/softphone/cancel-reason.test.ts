import { describe, expect, it } from 'vitest'
import { completedElsewhere } from '../../../renderer/src/softphone/call/cancel-reason'

describe('the Reason of a CANCEL (RFC 3326)', () => {
  it('says answered elsewhere for SIP cause 200, as a forking proxy sends it', () => {
    expect(completedElsewhere('SIP;cause=200;text="Call completed elsewhere"')).toBe(true)
    expect(completedElsewhere('SIP ; cause = 200')).toBe(true)
    expect(completedElsewhere('sip;text="x";cause=200')).toBe(true)
    expect(completedElsewhere('Q.850;cause=16, SIP;cause=200')).toBe(true)
  })

  it('does not for another cause, another protocol, or no Reason (the caller gave up)', () => {
    expect(completedElsewhere(undefined)).toBe(false)
    expect(completedElsewhere('')).toBe(false)
    expect(completedElsewhere('SIP;cause=487;text="Request Terminated"')).toBe(false)
    expect(completedElsewhere('SIP;cause=2000')).toBe(false)
    expect(completedElsewhere('Q.850;cause=200')).toBe(false)
  })
})
