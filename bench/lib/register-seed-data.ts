import { formatKlantcontactnummer } from '../../shared/klantcontact/klantcontactnummer'

/**
 * What the big register holds, row by row, as pure functions of a row's index: the same size gives
 * the same register on every run and on both engines, so figures of two runs describe the same data
 * and a seeded database can be reused. Row `i` of a table has id `i` (1-based).
 *
 * The shape is a municipality's contact centre after two years:
 * - partijen are persons, each with a mobile number (digitaal adres of soort telefoonnummer) stored
 *   in one of the three spellings a register can hold (06…, +316…, 0031…), every other one an
 *   e-mail address as well;
 * - 90 % of klantcontacten have a betrokkene that was a known partij; the rest an unknown caller.
 *   Who called is skewed as in a real register: a few partijen called hundreds of times (an
 *   organisation's desk, a frequent caller), the median partij a handful of times;
 * - the recent telephone contacts of known partijen carry the number called from as their
 *   betrokkene's digitaal adres, as the gateway stores it with a registration;
 * - every klantcontact was handled by one of the medewerkers; every 25th led to an interne taak
 *   (contactverzoek) for an afdeling, the most recent ones still te_verwerken; every 20th is
 *   vertrouwelijk.
 */
export interface RegisterSize {
  partijen: number
  klantcontacten: number
}

export const BIG_REGISTER: RegisterSize = { partijen: 100_000, klantcontacten: 1_000_000 }

export const MEDEWERKERS = 200
export const AFDELINGEN = 12
/** Every n-th klantcontact led to an interne taak. */
export const INTERNE_TAAK_EVERY = 25
/** Share of klantcontacten whose betrokkene was a known partij. */
const WITH_PARTIJ = 0.9
/** The klantcontacten span these two years, oldest first (id order is time order). */
const FIRST_CONTACT = Date.parse('2024-12-01T07:30:00Z')
const LAST_CONTACT = Date.parse('2026-11-30T17:00:00Z')

const VOORNAMEN = [
  'Jan',
  'Fatima',
  'Pieter',
  'Sanne',
  'Mohamed',
  'Anouk',
  'Kees',
  'Emma',
  'Ahmet',
  'Lotte',
  'Willem',
  'Noor',
  'Daan',
  'Sophie',
  'Youssef',
  'Julia',
  'Bram',
  'Eva',
  'Thijs',
  'Lieke',
] as const
const VOORVOEGSELS = ['', '', '', 'de', 'van', 'van der', 'van den', 'ter'] as const
const ACHTERNAMEN = [
  'Vries',
  'Jansen',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'Mulder',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'Dekker',
  'Brouwer',
  'Dijk',
  'Wit',
  'Berg',
  'Kok',
  'Jacobs',
  'Yilmaz',
  'Öztürk',
  'El Amrani',
  'Haan',
  'Schouten',
  'Koster',
  'Prins',
  'Vermeulen',
  'Groot',
  'Sluis',
  'Kuipers',
  'Boer',
] as const
const KANALEN = ['telefoon', 'telefoon', 'telefoon', 'e-mail', 'balie', 'chat'] as const
const ONDERWERPEN = [
  'Melding container niet geleegd',
  'Vraag over parkeervergunning',
  'Afspraak paspoort verzetten',
  'Vraag over WOZ-beschikking',
  'Klacht over straatverlichting',
  'Aanvraag bijzondere bijstand',
  'Ophaaldag grofvuil',
  'Verhuizing doorgeven',
  'Vraag over afvalstoffenheffing',
  'Melding losliggende stoeptegel',
] as const
export const AFDELING_NAMEN = [
  'Vergunningen',
  'Burgerzaken',
  'Belastingen',
  'Afval',
  'Openbare ruimte',
  'Werk en inkomen',
  'Wmo',
  'Parkeren',
  'Jeugd',
  'Handhaving',
  'Wonen',
  'Schuldhulp',
] as const
const HANDELINGEN = ['Terugbellen', 'Terugbellen', 'E-mail sturen', 'Afspraak maken'] as const

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!

/** A 32-bit integer hash (Murmur3's finaliser): the source of every "random" choice. */
function mix(n: number): number {
  let h = n | 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** A number in [0, 1) fixed by (salt, i). */
export function unit(salt: number, i: number): number {
  return mix(mix(salt * 0x9e3779b1) ^ i) / 0x1_0000_0000
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0')

/**
 * A version 4 uuid fixed by (salt, i), lower case as the provider stores them. `mix` is a bijection
 * on 32 bits, so the first group alone tells the rows of one table apart.
 */
export function seededUuid(salt: number, i: number): string {
  const a = hex8(mix(salt ^ mix(i)))
  const b = hex8(mix(i * 7 + salt * 31 + 1))
  const c = hex8(mix(i ^ (salt << 8)))
  const d = hex8(mix(i + salt + 0x27d4eb2f))
  const variant = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16)
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`
}

export const SALT = {
  partij: 1,
  digitaalAdres: 2,
  klantcontact: 3,
  betrokkene: 4,
  actor: 5,
  actorklantcontact: 6,
  interneTaak: 7,
  contact: 8,
  caller: 9,
} as const

/** The national spelling (what a caller's phone sends) of partij `p`'s mobile number. */
export function mobielnummer(p: number): string {
  return `06${String(10_000_000 + p).padStart(8, '0')}`
}

/** The spelling the register holds it in: each of the three a register validating as Open Klant can. */
export function storedSpelling(p: number): string {
  const national = mobielnummer(p)
  switch (p % 3) {
    case 0:
      return national
    case 1:
      return `+31${national.slice(1)}`
    default:
      return `0031${national.slice(1)}`
  }
}

export interface Naam {
  voorletters: string
  voornaam: string
  voorvoegsel: string
  achternaam: string
}

export function naamOf(p: number): Naam {
  const voornaam = pick(VOORNAMEN, mix(p) % 997)
  return {
    voorletters: `${voornaam[0]}.`,
    voornaam,
    voorvoegsel: pick(VOORVOEGSELS, mix(p + 17) % 991),
    achternaam: pick(ACHTERNAMEN, mix(p + 31) % 983),
  }
}

/** Partijen who are no longer active (OAS `indicatieActief`): every 97th. */
export const isActief = (p: number): boolean => p % 97 !== 0

/**
 * The partij behind klantcontact `k`, or null for an unknown caller. `u²` makes low partij numbers
 * frequent callers: partij p is chosen with a probability proportional to 1/√p.
 */
export function partijOfContact(size: RegisterSize, k: number): number | null {
  if (unit(SALT.contact, k) >= WITH_PARTIJ) {
    return null
  }
  const u = unit(SALT.contact + 100, k)
  return Math.min(size.partijen, 1 + Math.floor(size.partijen * u * u))
}

export function plaatsgevondenOp(size: RegisterSize, k: number): string {
  const step = (LAST_CONTACT - FIRST_CONTACT) / size.klantcontacten
  return new Date(FIRST_CONTACT + Math.floor((k - 1) * step)).toISOString()
}

/**
 * Klantcontactnummers as the provider generates them: two-digit year, sequence within that year.
 * Contacts are in time order, so each year's sequence is k minus the contacts of earlier years.
 */
export class NummerSequence {
  private year2 = ''
  private seq = 0
  /** The last sequence handed out per year, for the provider's nummer_counter. */
  readonly lastPerYear = new Map<string, number>()

  next(at: string): string {
    const year2 = at.slice(2, 4)
    if (year2 !== this.year2) {
      this.year2 = year2
      this.seq = 0
    }
    this.seq++
    this.lastPerYear.set(year2, this.seq)
    return formatKlantcontactnummer(year2, this.seq)
  }
}

export interface ContactFacts {
  kanaal: string
  onderwerp: string
  inhoud: string
  vertrouwelijk: boolean
  gelukt: boolean
  /** Actor id of the medewerker who handled it (1 … MEDEWERKERS). */
  medewerker: number
}

export function contactFacts(k: number): ContactFacts {
  const h = mix(k + 0x3c6ef372)
  const onderwerp = pick(ONDERWERPEN, h % 1009)
  return {
    kanaal: pick(KANALEN, (h >>> 10) % 1013),
    onderwerp,
    inhoud: `${onderwerp}: vraag beantwoord en uitgelegd hoe het verder gaat.`,
    vertrouwelijk: k % 20 === 0,
    gelukt: k % 11 !== 0,
    medewerker: 1 + ((h >>> 3) % MEDEWERKERS),
  }
}

/** Share of the most recent klantcontacten registered since the gateway stores the caller's number. */
const WITH_NUMBER_GIVEN = 0.1

/** The recent telephone klantcontacten of known partijen, whose betrokkene gave the number called from. */
export function callersNumbersGiven(size: RegisterSize): number[] {
  const ks: number[] = []
  for (let k = Math.floor(size.klantcontacten * (1 - WITH_NUMBER_GIVEN)) + 1; k <= size.klantcontacten; k++) {
    if (contactFacts(k).kanaal === 'telefoon' && partijOfContact(size, k) !== null) {
      ks.push(k)
    }
  }
  return ks
}

/** Actor ids: medewerkers 1 … MEDEWERKERS, then the afdelingen. */
export const afdelingActorId = (a: number): number => MEDEWERKERS + 1 + (a % AFDELINGEN)

export interface TaakFacts {
  /** Interne taak t belongs to klantcontact t × INTERNE_TAAK_EVERY. */
  klantcontact: number
  gevraagdeHandeling: string
  afdelingActor: number
  open: boolean
}

export function interneTaken(size: RegisterSize): number {
  return Math.floor(size.klantcontacten / INTERNE_TAAK_EVERY)
}

/** The last 4 % of contactverzoeken (the most recent weeks) are still te_verwerken. */
export function taakFacts(size: RegisterSize, t: number): TaakFacts {
  return {
    klantcontact: t * INTERNE_TAAK_EVERY,
    gevraagdeHandeling: pick(HANDELINGEN, mix(t) % 1019),
    afdelingActor: afdelingActorId(mix(t + 5) % 1021),
    open: t > interneTaken(size) * 0.96,
  }
}

/**
 * The callers a benchmark dials: active partijen drawn with the same skew as the register's
 * contacts (who called often is likely to call again), so the pictures shown have the register's
 * mix of short and long histories. Numbers as a phone sends them (06…).
 */
export function knownCallers(size: RegisterSize, count: number): string[] {
  const callers: string[] = []
  for (let i = 1; callers.length < count; i++) {
    const u = unit(SALT.caller, i)
    const p = Math.min(size.partijen, 1 + Math.floor(size.partijen * u * u))
    const number = mobielnummer(p)
    if (isActief(p) && !callers.includes(number)) {
      callers.push(number)
    }
  }
  return callers
}
