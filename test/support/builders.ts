import { expect } from 'vitest'
import type {
  Actor,
  ActorKlantcontact,
  Betrokkene,
  Bijlage,
  Categorie,
  CategorieRelatie,
  DigitaalAdres,
  Identificator,
  InterneTaak,
  InvalidParam,
  Klantcontact,
  Onderwerpobject,
  Partij,
  Ref,
  Rekeningnummer,
  Vertegenwoordiging,
} from './klantinteracties-types'
import type { ProviderClient } from './provider-client'

/**
 * Builders for the integration suites: each POSTs a valid resource, asserts the 201 (and, through
 * the client, the OAS shape of the reply) and answers the created resource. `overrides` are merged
 * over a minimal valid body. Plus request-body helpers for partijen and their identificatoren, and
 * small readers of list and problem replies.
 */
export type Body = Record<string, unknown>

async function created<T>(api: ProviderClient, path: string, body: Body, component: string): Promise<T> {
  const r = await api.post<T>(path, body, component)
  expect(r.status, JSON.stringify(r.body)).toBe(201)
  return r.body
}

export const createKlantcontact = (api: ProviderClient, overrides: Body = {}): Promise<Klantcontact> =>
  created(
    api,
    '/klantcontacten',
    { kanaal: 'Telefoon', onderwerp: 'Terugbellen', taal: 'nld', vertrouwelijk: false, ...overrides },
    'Klantcontact',
  )

export const createActor = (api: ProviderClient, overrides: Body = {}): Promise<Actor> =>
  created(api, '/actoren', { naam: 'Medewerker', soortActor: 'medewerker', ...overrides }, 'Actor')

/** An actoridentificator as KISS writes it for a medewerker: the e-mail address in MS Entra ID. */
export const kissIdentificator = (email: string): Record<string, string> => ({
  objectId: email,
  codeObjecttype: 'mdw',
  codeRegister: 'msei',
  codeSoortObjectId: 'email',
})

export const createActorKlantcontact = (
  api: ProviderClient,
  actor: string,
  klantcontact: string,
): Promise<ActorKlantcontact> =>
  created(
    api,
    '/actorklantcontacten',
    { actor: { uuid: actor }, klantcontact: { uuid: klantcontact } },
    'ActorKlantcontact',
  )

export const createBetrokkene = (
  api: ProviderClient,
  klantcontact: string,
  overrides: Body = {},
): Promise<Betrokkene> =>
  created(
    api,
    '/betrokkenen',
    { hadKlantcontact: { uuid: klantcontact }, rol: 'klant', initiator: true, ...overrides },
    'Betrokkene',
  )

/** An interne taak body: a terugbelverzoek from `klantcontact` for `actoren`, to be handled. */
export const interneTaakBody = (klantcontact: string, actoren: string[], overrides: Body = {}): Body => ({
  gevraagdeHandeling: 'Terugbellen',
  aanleidinggevendKlantcontact: { uuid: klantcontact },
  toegewezenAanActoren: actoren.map((uuid) => ({ uuid })),
  status: 'te_verwerken',
  ...overrides,
})

export const createInterneTaak = (
  api: ProviderClient,
  klantcontact: string,
  actoren: string[],
  overrides: Body = {},
): Promise<InterneTaak> =>
  created(api, '/internetaken', interneTaakBody(klantcontact, actoren, overrides), 'InterneTaak')

export const createOnderwerpobject = (api: ProviderClient, body: Body = {}): Promise<Onderwerpobject> =>
  created(api, '/onderwerpobjecten', body, 'Onderwerpobject')

export const createBijlage = (api: ProviderClient, body: Body = {}): Promise<Bijlage> =>
  created(api, '/bijlagen', body, 'Bijlage')

export const createDigitaalAdres = (api: ProviderClient, overrides: Body): Promise<DigitaalAdres> =>
  created(api, '/digitaleadressen', { soortDigitaalAdres: 'email', ...overrides }, 'DigitaalAdres')

export const createPartij = (api: ProviderClient, overrides: Body = {}): Promise<Partij> =>
  created(api, '/partijen', { soortPartij: 'persoon', indicatieActief: true, ...overrides }, 'Partij')

export const createPartijIdentificator = (api: ProviderClient, body: Body): Promise<Identificator> =>
  created(api, '/partij-identificatoren', body, 'PartijIdentificator')

export const createRekeningnummer = (api: ProviderClient, body: Body): Promise<Rekeningnummer> =>
  created(api, '/rekeningnummers', body, 'Rekeningnummer')

export const createCategorie = (api: ProviderClient, naam: string): Promise<Categorie> =>
  created(api, '/categorieen', { naam }, 'Categorie')

export const createCategorieRelatie = (api: ProviderClient, body: Body): Promise<CategorieRelatie> =>
  created(api, '/categorie-relaties', body, 'CategorieRelatie')

/** A vertegenwoordiging body: `van` represents `voor`. */
export const vertegenwoordigingBody = (van: Ref, voor: Ref): Body => ({
  vertegenwoordigendePartij: { uuid: van.uuid },
  vertegenwoordigdePartij: { uuid: voor.uuid },
})

export const createVertegenwoordiging = (
  api: ProviderClient,
  van: Ref,
  voor: Ref,
): Promise<Vertegenwoordiging> =>
  created(api, '/vertegenwoordigingen', vertegenwoordigingBody(van, voor), 'Vertegenwoordigden')

/** Lists `path?query`, expecting 200 and the OAS list `component`, and answers the uuids in order. */
export const listUuids =
  (api: ProviderClient, path: string, component: string) =>
  async (query: string): Promise<string[]> => {
    const r = await api.get<{ results: Ref[] }>(`${path}?${query}`, component)
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    return r.body.results.map((item) => item.uuid)
  }

export const errorsOf = (body: unknown): InvalidParam[] =>
  (body as { invalidParams: InvalidParam[] }).invalidParams

/** Sends a request that must be refused with 400, and answers its `invalidParams`. */
export async function refused(
  api: ProviderClient,
  method: 'POST' | 'PUT' | 'PATCH',
  path: string,
  body: Body,
): Promise<InvalidParam[]> {
  const r = await api.request(method, path, { body })
  expect(r.status).toBe(400)
  return errorsOf(r.body)
}

/** A well-formed uuid that no resource has. */
export const UNKNOWN_UUID = '6f3c0c7e-1f51-4d0e-9a56-5b0f0a2e8d11'

/** A persoon body with a contactnaam `<voornaam> de Vries`. */
export const persoon = (voornaam: string, extra: Body = {}): Body => ({
  soortPartij: 'persoon',
  indicatieActief: true,
  partijIdentificatie: {
    contactnaam: { voorletters: voornaam[0], voornaam, voorvoegselAchternaam: 'de', achternaam: 'Vries' },
  },
  ...extra,
})

/** A partijIdentificator group as sent; plain strings, so a test can also send values outside the enums. */
export interface Groep {
  codeObjecttype: string
  codeSoortObjectId: string
  objectId: string
  codeRegister: string
}

export const groep = (
  codeRegister: string,
  codeObjecttype: string,
  codeSoortObjectId: string,
  objectId: string,
): Groep => ({
  codeRegister,
  codeObjecttype,
  codeSoortObjectId,
  objectId,
})
export const bsnGroep = (objectId: string): Groep => groep('brp', 'natuurlijk_persoon', 'bsn', objectId)
export const kvkGroep = (objectId: string): Groep =>
  groep('hr', 'niet_natuurlijk_persoon', 'kvk_nummer', objectId)
export const vestigingGroep = (objectId: string): Groep =>
  groep('hr', 'vestiging', 'vestigingsnummer', objectId)

/** A partijIdentificatoren item. */
export const bsn = (objectId: string): Body => ({ partijIdentificator: bsnGroep(objectId) })
export const kvk = (objectId: string): Body => ({ partijIdentificator: kvkGroep(objectId) })

/*
 * Identificatoren are unique within a provider, so a suite draws fresh numbers from `nextBsn` and
 * `nextKvk` (module state: one sequence per test file).
 */
let sequence = 10_000_000

/** A fresh 9-digit number passing the 11-proef (a valid BSN or RSIN). */
export function nextBsn(): string {
  for (;;) {
    const prefix = String(sequence++)
    const check = [...prefix].reduce((total, digit, i) => total + Number(digit) * (9 - i), 0) % 11
    if (check < 10) {
      return `${prefix}${check}`
    }
  }
}

/** A fresh 8-digit KvK-nummer. */
export const nextKvk = (): string => String(sequence++).padStart(8, '0')
