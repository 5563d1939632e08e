import { describe, expect, it } from 'vitest'
import { configuredRoster } from './configured-roster'
import { ViewBuilder } from '../../../server/gateway/register-client/view'
import type { KlantcontactRecord } from '../../../server/gateway/register-client/types'

const agents = [
  {
    login: 'medewerker1',
    displayName: 'Medewerker 1',
    email: 'Medewerker1@kcc.test',
    role: 'agent' as const,
    afdeling: 'kcc',
    passwordHash: 'scrypt$',
    sipExtension: 'medewerker1',
  },
]

const klantcontact = {
  uuid: 'k1',
  url: 'http://register/klantcontacten/k1',
  nummer: '26000001',
  referentienummer: '2600000001',
  kanaal: 'Telefoon',
  onderwerp: 'Schuldhulp',
  inhoud: 'Vraag',
  reactie: '',
  taal: 'nld',
  vertrouwelijk: true,
  indicatieContactGelukt: true,
  plaatsgevondenOp: '2026-03-02T09:30:00Z',
  verdereActieOndernomen: false,
  gingOverOnderwerpobjecten: [],
  omvatteBijlagen: [],
  hadBetrokkenen: [],
  leiddeTotInterneTaken: [],
  hadBetrokkenActoren: [
    {
      uuid: 'a1',
      url: '',
      naam: 'Medewerker 1',
      soortActor: 'medewerker',
      actoridentificator: { objectId: 'medewerker1@KCC.test', codeObjecttype: 'mdw', codeRegister: 'msei' },
    },
  ],
  _expand: {
    hadBetrokkenen: [
      {
        uuid: 'b1',
        url: '',
        rol: 'klant',
        initiator: true,
        volledigeNaam: 'Jan de Vries',
        hadKlantcontact: { uuid: 'k1', url: '' },
        digitaleAdressen: [],
      },
    ],
  },
} as unknown as KlantcontactRecord

describe('the klantcontact view', () => {
  const views = new ViewBuilder(configuredRoster(agents))

  it('shows content, caller names and actors by login when visible', () => {
    const view = views.build(klantcontact, { visible: true })
    expect(view).toMatchObject({ onderwerp: 'Schuldhulp', inhoud: 'Vraag', afgeschermd: false })
    expect(view.betrokkenen[0]!.volledigeNaam).toBe('Jan de Vries')
    expect(view.actoren).toEqual([
      { uuid: 'a1', naam: 'Medewerker 1', soortActor: 'medewerker', login: 'medewerker1' },
    ])
  })

  it("shows a caller's name as typed, voorletters included, which volledigeNaam leaves out", () => {
    const betrokkene = { ...klantcontact._expand!.hadBetrokkenen![0]! }
    const typed = {
      ...betrokkene,
      volledigeNaam: 'Jansen',
      contactnaam: { voorletters: 'P.', voornaam: '', voorvoegselAchternaam: '', achternaam: 'Jansen' },
    }
    const view = views.build(klantcontact, { visible: true, betrokkenen: [typed] })
    expect(view.betrokkenen[0]!.volledigeNaam).toBe('P. Jansen')
    expect(
      views.build(klantcontact, { visible: false, betrokkenen: [typed] }).betrokkenen[0]!.volledigeNaam,
    ).toBeNull()
  })

  it('withholds onderwerp, inhoud, reactie and names, but not that the contact exists', () => {
    const view = views.build(klantcontact, { visible: false })
    expect(view).toMatchObject({
      uuid: 'k1',
      nummer: '26000001',
      kanaal: 'Telefoon',
      plaatsgevondenOp: '2026-03-02T09:30:00Z',
      onderwerp: null,
      inhoud: null,
      reactie: null,
      afgeschermd: true,
    })
    expect(JSON.stringify(view)).not.toMatch(/Schuldhulp|Vraag|Vries/)
  })

  it('adds an actor the register does not list yet, once', () => {
    const extra = { uuid: 'a2', naam: 'Medewerker 2', soortActor: 'medewerker', login: 'medewerker2' }
    const view = views.build(klantcontact, { visible: true, extraActors: [extra, { ...extra }] })
    expect(view.actoren.map((a) => a.uuid)).toEqual(['a1', 'a2'])
  })
})
