/**
 * Shapes and builders shared by the partij, partij-identificator and digitaal-adres suites.
 * Identificatoren are globally unique, so every suite draws fresh numbers from `nextBsn`/`nextKvk`.
 */
export interface Ref {
  uuid: string
  url: string
}
export interface List<T> {
  count: number
  next: string | null
  results: T[]
}
export interface InvalidParam {
  name: string
  code: string
  reason: string
}
export interface Groep {
  codeObjecttype: string
  codeSoortObjectId: string
  objectId: string
  codeRegister: string
}
export interface Identificator {
  uuid: string
  url: string
  identificeerdePartij: Ref | null
  anderePartijIdentificator: string
  partijIdentificator: Groep
  subIdentificatorVan: Ref | null
}
export interface Partij {
  uuid: string
  url: string
  nummer: string | null
  interneNotitie: string
  soortPartij: string
  indicatieActief: boolean
  indicatieGeheimhouding: boolean | null
  voorkeurstaal: string
  betrokkenen: Ref[]
  categorieRelaties: Array<Ref & { categorieNaam: string | null; beginDatum: string | null }>
  digitaleAdressen: Ref[]
  voorkeursDigitaalAdres: Ref | null
  rekeningnummers: Ref[]
  voorkeursRekeningnummer: Ref | null
  vertegenwoordigden: Ref[]
  partijIdentificatoren: Identificator[]
  bezoekadres: Record<string, unknown>
  correspondentieadres: Record<string, unknown>
  partijIdentificatie: Record<string, unknown>
  _expand?: Record<string, unknown>
}

export const UNKNOWN_UUID = '6f3c0c7e-1f51-4d0e-9a56-5b0f0a2e8d11'

export const errorsOf = (body: unknown): InvalidParam[] =>
  (body as { invalidParams: InvalidParam[] }).invalidParams

export const persoon = (voornaam: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  soortPartij: 'persoon',
  indicatieActief: true,
  partijIdentificatie: {
    contactnaam: { voorletters: voornaam[0], voornaam, voorvoegselAchternaam: 'de', achternaam: 'Vries' },
  },
  ...extra,
})

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
export const bsn = (objectId: string): Record<string, unknown> => ({
  partijIdentificator: bsnGroep(objectId),
})
export const kvk = (objectId: string): Record<string, unknown> => ({
  partijIdentificator: kvkGroep(objectId),
})

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
