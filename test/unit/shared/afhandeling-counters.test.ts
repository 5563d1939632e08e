import { describe, expect, it } from 'vitest'
import {
  addDelta,
  applyCounters,
  emptyCounters,
  ZERO_COUNTERS,
  type AfdelingCounters,
  type DayCounters,
} from '../../../shared/live/counters'
import type { Afhandeling } from '../../../shared/klantcontact/afhandeling'
import type { LiveEvent } from '../../../shared/live/protocol'

let seq = 0
const MORNING = '2026-12-04T09:00:00.000Z'
const afgehandeld = (
  afhandeling: Afhandeling,
  extra: { afdeling?: string; vervangt?: Afhandeling; at?: string } = {},
): LiveEvent => ({
  type: 'klantcontact.afgehandeld',
  login: 'medewerker1',
  afdeling: extra.afdeling ?? 'kcc',
  afhandeling,
  ...(extra.vervangt !== undefined ? { vervangt: extra.vervangt } : {}),
  seq: ++seq,
  at: extra.at ?? MORNING,
})
const counts = (some: Partial<AfdelingCounters>): AfdelingCounters => ({ ...ZERO_COUNTERS, ...some })
const count = (events: LiveEvent[], start: DayCounters = emptyCounters('')): DayCounters =>
  events.reduce(applyCounters, start)

describe('afhandelingen in the day counters', () => {
  it('counts each afhandeling for the afdeling of the agent who recorded it', () => {
    const counters = count([
      afgehandeld('zelf_beantwoord'),
      afgehandeld('zelf_beantwoord'),
      afgehandeld('doorverbonden'),
      afgehandeld('contactverzoek'),
      afgehandeld('terugbelverzoek', { afdeling: 'vergunningen' }),
      afgehandeld('geen_contact', { afdeling: 'vergunningen' }),
    ])
    expect(counters).toEqual({
      day: '2026-12-04',
      afdelingen: {
        kcc: counts({
          afgehandeldZelfBeantwoord: 2,
          afgehandeldDoorverbonden: 1,
          afgehandeldContactverzoek: 1,
        }),
        vergunningen: counts({ afgehandeldTerugbelverzoek: 1, afgehandeldGeenContact: 1 }),
      },
    })
  })

  it('moves a klantcontact recorded again to its new afhandeling instead of counting it twice', () => {
    const counters = count([
      afgehandeld('zelf_beantwoord'),
      afgehandeld('contactverzoek', { vervangt: 'zelf_beantwoord' }),
    ])
    expect(counters.afdelingen['kcc']).toEqual(counts({ afgehandeldContactverzoek: 1 }))
  })

  it('does not count a klantcontact again when the same afhandeling is recorded again', () => {
    const counters = count([
      afgehandeld('doorverbonden'),
      afgehandeld('doorverbonden', { vervangt: 'doorverbonden' }),
    ])
    expect(counters.afdelingen['kcc']).toEqual(counts({ afgehandeldDoorverbonden: 1 }))
  })

  it('reads a snapshot from a gateway without afhandeling counters as zero and adds to it', () => {
    // Stored before these counters existed: the fields are missing, not zero.
    const old = {
      day: '2026-12-04',
      afdelingen: { kcc: { answered: 3, abandoned: 1 } as unknown as AfdelingCounters },
    }
    const counters = applyCounters(old, afgehandeld('geen_contact'))
    expect(counters.afdelingen['kcc']).toEqual(
      counts({ answered: 3, abandoned: 1, afgehandeldGeenContact: 1 }),
    )
  })

  it('starts the afhandeling counts from zero on a new day', () => {
    const yesterday = count([afgehandeld('zelf_beantwoord', { at: '2026-12-03T12:00:00.000Z' })])
    const today = addDelta(yesterday, {
      day: '2026-12-04',
      afdeling: 'kcc',
      counts: counts({ afgehandeldDoorverbonden: 1 }),
    })
    expect(today).toEqual({ day: '2026-12-04', afdelingen: { kcc: counts({ afgehandeldDoorverbonden: 1 }) } })
  })
})
