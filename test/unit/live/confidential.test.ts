import { describe, expect, it } from 'vitest'
import { shareableCall } from '../../../shared/live/confidential'

describe('what of a call may be shared on the live feed', () => {
  it('withholds the onderwerp of a vertrouwelijk call and keeps the rest', () => {
    const call = { callId: 'c1', onderwerp: 'Schuldhulp', vertrouwelijk: true }
    expect(shareableCall(call)).toEqual({ callId: 'c1', vertrouwelijk: true })
  })

  it('keeps the onderwerp of a call that is not vertrouwelijk', () => {
    const call = { callId: 'c1', onderwerp: 'Paspoort', vertrouwelijk: false }
    expect(shareableCall(call)).toEqual(call)
  })

  it('keeps the onderwerp when vertrouwelijk is not said', () => {
    expect(shareableCall({ onderwerp: 'Paspoort' })).toEqual({ onderwerp: 'Paspoort' })
  })
})
