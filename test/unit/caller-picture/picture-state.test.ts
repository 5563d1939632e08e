import { describe, expect, it } from 'vitest'
import { callerPictureMessages } from '../../../renderer/src/caller-picture/messages'
import {
  medewerkersOf,
  onderwerpOf,
  pictureStateOf,
  uitkomstOf,
} from '../../../renderer/src/caller-picture/picture-state'
import { afhandelingMessages } from '../../../renderer/src/i18n/afhandelingen'
import { summary } from './fixtures'

const t = callerPictureMessages.nl
const afhandelingen = afhandelingMessages.nl

describe('what the caller’s picture shows', () => {
  it('is loading until the lookup answered, complete with an answer, an error without one', () => {
    expect(pictureStateOf(undefined)).toBe('loading')
    expect(pictureStateOf({ callId: 'c', lookup: 'looking' })).toBe('loading')
    expect(pictureStateOf({ callId: 'c', lookup: 'unknown' })).toBe('complete')
    expect(pictureStateOf({ callId: 'c', lookup: 'known', partij: { uuid: 'p', naam: 'Jan' } })).toBe(
      'complete',
    )
    expect(pictureStateOf({ callId: 'c', lookup: 'failed' })).toBe('error')
  })

  it('says Vertrouwelijk instead of the onderwerp the agent may not read', () => {
    expect(onderwerpOf(summary(), t)).toBe('Dakkapel vergunning')
    expect(onderwerpOf(summary({ onderwerp: null, vertrouwelijk: true, afgeschermd: true }), t)).toBe(
      'Vertrouwelijk',
    )
    expect(onderwerpOf(summary({ onderwerp: ' ' }), t)).toBe('Geen onderwerp')
  })

  it('says how a contact ended: the afhandeling first, else whether it came about', () => {
    expect(uitkomstOf(summary({ afhandeling: 'doorverbonden' }), t, afhandelingen)).toBe('Doorverbonden')
    expect(uitkomstOf(summary({ indicatieContactGelukt: true }), t, afhandelingen)).toBe('Contact gelukt')
    expect(uitkomstOf(summary({ indicatieContactGelukt: false }), t, afhandelingen)).toBe('Geen contact')
    expect(uitkomstOf(summary({ indicatieContactGelukt: null }), t, afhandelingen)).toBe('')
  })

  it('names who handled it, or says nobody is known', () => {
    expect(medewerkersOf(summary({ medewerkers: ['Anna', 'Piet'] }), t)).toBe('Anna, Piet')
    expect(medewerkersOf(summary({ medewerkers: [] }), t)).toBe('onbekende medewerker')
  })
})
