import { describe, expect, it } from 'vitest'
import {
  candidateKey,
  transferCandidates,
  type TransferCandidate,
} from '../../../renderer/src/transfer/target'
import { SELF, directoryOf, liveOf } from './fixtures'

const ids = (candidates: TransferCandidate[]): string[] => candidates.map(candidateKey)

function find(candidates: TransferCandidate[], key: string): TransferCandidate {
  const found = candidates.find((candidate) => candidateKey(candidate) === key)
  if (!found) {
    throw new Error(`no candidate ${key} in ${ids(candidates).join(', ')}`)
  }
  return found
}

describe('transferCandidates', () => {
  it('lists the afdelingen first, then the colleagues, in directory order', () => {
    expect(ids(transferCandidates(directoryOf(), [], SELF, ''))).toEqual([
      'afdeling:vergunningen',
      'afdeling:burgerzaken',
      'agent:medewerker2',
      'agent:medewerker3',
      'agent:medewerker4',
    ])
  })

  it('never offers the agent themself, not even when searched by their own name', () => {
    expect(ids(transferCandidates(directoryOf(), [], SELF, ''))).not.toContain(`agent:${SELF}`)
    expect(transferCandidates(directoryOf(), [], SELF, 'Anna de Wit')).toEqual([])
  })

  it('finds a colleague by name whatever the case and the diacritics, in the query or the name', () => {
    for (const query of ['chloe', 'CHLOË', 'ozdemir', 'Özdemir', 'Chloe Ozdemir']) {
      expect(ids(transferCandidates(directoryOf(), [], SELF, query))).toEqual(['agent:medewerker3'])
    }
  })

  it('finds a colleague by extension, by login and by the name of their afdeling', () => {
    expect(ids(transferCandidates(directoryOf(), [], SELF, '2004'))).toEqual(['agent:medewerker4'])
    expect(ids(transferCandidates(directoryOf(), [], SELF, 'medewerker2'))).toEqual(['agent:medewerker2'])
    expect(ids(transferCandidates(directoryOf(), [], SELF, 'burgerzaken'))).toEqual([
      'afdeling:burgerzaken',
      'agent:medewerker4',
    ])
  })

  it('finds an afdeling by a part of its name, ignoring the blanks around the query', () => {
    expect(ids(transferCandidates(directoryOf(), [], SELF, '  VERGUNNING '))).toEqual([
      'afdeling:vergunningen',
      'agent:medewerker2',
      'agent:medewerker3',
    ])
  })

  it('finds nothing for a query nobody matches', () => {
    expect(transferCandidates(directoryOf(), [], SELF, 'belastingen')).toEqual([])
  })

  it("shows the live hub's state over the directory's snapshot", () => {
    const candidates = transferCandidates(
      directoryOf(),
      [liveOf('medewerker2', 'ringing'), liveOf('medewerker3', 'beschikbaar')],
      SELF,
      '',
    )
    expect(find(candidates, 'agent:medewerker2')).toMatchObject({ state: 'ringing' })
    expect(find(candidates, 'agent:medewerker3')).toMatchObject({ state: 'beschikbaar' })
  })

  it("keeps the directory's state for a colleague the live hub does not know, and says unknown for a state the app cannot name", () => {
    const candidates = transferCandidates(directoryOf(), [liveOf('medewerker2', 'pauze')], SELF, '')
    expect(find(candidates, 'agent:medewerker3')).toMatchObject({ state: 'in_gesprek' })
    expect(find(candidates, 'agent:medewerker4')).toMatchObject({ state: 'unknown' })
    const known = transferCandidates(
      directoryOf(),
      [liveOf('medewerker4', 'nawerk', 'burgerzaken')],
      SELF,
      '',
    )
    expect(find(known, 'agent:medewerker4')).toMatchObject({ state: 'nawerk' })
  })

  it('counts the members of an afdeling and the available ones without the agent themself', () => {
    // The agent (beschikbaar in the directory) is one of Vergunningen's three leden.
    const candidates = transferCandidates(directoryOf(), [], SELF, '')
    expect(find(candidates, 'afdeling:vergunningen')).toMatchObject({ leden: 2, beschikbaar: 1 })
    expect(find(candidates, 'afdeling:burgerzaken')).toMatchObject({ leden: 1, beschikbaar: 0 })
  })

  it('counts available members by their live state', () => {
    const candidates = transferCandidates(
      directoryOf(),
      [
        liveOf('medewerker2', 'in_gesprek'),
        liveOf('medewerker3', 'beschikbaar'),
        liveOf(SELF, 'beschikbaar'),
      ],
      SELF,
      '',
    )
    expect(find(candidates, 'afdeling:vergunningen')).toMatchObject({ leden: 2, beschikbaar: 1 })
    const allBusy = transferCandidates(
      directoryOf(),
      [liveOf('medewerker2', 'in_gesprek'), liveOf('medewerker3', 'consulting')],
      SELF,
      '',
    )
    expect(find(allBusy, 'afdeling:vergunningen')).toMatchObject({ beschikbaar: 0 })
  })

  it("dials the user part of an afdeling's group address and a colleague's extension", () => {
    const candidates = transferCandidates(directoryOf(), [], SELF, '')
    expect(find(candidates, 'afdeling:vergunningen')).toMatchObject({
      type: 'afdeling',
      id: 'vergunningen',
      naam: 'Vergunningen',
      address: 'vergunningen',
    })
    // A group address that is no sip: URI is dialled as it is.
    expect(find(candidates, 'afdeling:burgerzaken')).toMatchObject({ address: '3100' })
    expect(find(candidates, 'agent:medewerker3')).toMatchObject({
      type: 'agent',
      id: 'medewerker3',
      naam: 'Chloë Özdemir',
      address: '2003',
      afdelingNaam: 'Vergunningen',
    })
  })

  it('takes the user part of a sips: group address too', () => {
    const directory = directoryOf()
    directory.afdelingen[0] = { ...directory.afdelingen[0]!, groupAddress: 'sips:4100@kcc.local' }
    expect(find(transferCandidates(directory, [], SELF, ''), 'afdeling:vergunningen')).toMatchObject({
      address: '4100',
    })
  })

  it("names a colleague's afdeling by its id when the directory does not list that afdeling", () => {
    const directory = directoryOf()
    directory.afdelingen = directory.afdelingen.filter((a) => a.id !== 'burgerzaken')
    expect(find(transferCandidates(directory, [], SELF, ''), 'agent:medewerker4')).toMatchObject({
      afdelingNaam: 'burgerzaken',
    })
  })

  it('keys afdelingen and colleagues apart when an id and a login coincide', () => {
    expect(candidateKey({ type: 'afdeling', id: 'x' })).not.toBe(candidateKey({ type: 'agent', id: 'x' }))
  })
})
