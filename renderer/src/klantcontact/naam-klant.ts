import type { ContactnaamInput } from '../../../shared/gateway/api'

/**
 * Splits the one "Naam klant" text the agent types into an OAS Contactnaam (Klantinteracties 0.9.0;
 * its limits are CONTACTNAAM_LIMITS, shared/api/klantinteracties-limits.ts). An agent on the
 * phone types a name as it is said ("Jan de Vries", "mevrouw Van den Heuvel" without the title,
 * "J. van der Berg", "Vries, Jan de"); asking for four fields would slow every call down.
 *
 * Rules, in Dutch naming practice:
 * - leading initials ("J.", "J.P.", "Th.") are voorletters;
 * - the first voorvoegsel (longest match from {@link VOORVOEGSELS}) that has a word after it starts
 *   the achternaam: before it is the voornaam, after it the achternaam ("Anna Maria van den
 *   Heuvel-de Groot": voornaam "Anna Maria", voorvoegsel "van den", achternaam "Heuvel-de Groot");
 * - without a voorvoegsel the last word is the achternaam, unless a word joins a second surname
 *   with a hyphen and a voorvoegsel ("Heuvel-de Groot"), which keeps the rest together;
 * - a single word is the achternaam;
 * - "Achternaam, Voornaam voorvoegsel" (the register's own sort order) is understood too.
 *
 * The agent's spelling and capitals are kept as typed: "De Vries" without a voornaam is written
 * with a capital, and a Belgian "De" is part of the name; the split only decides where each part
 * goes. The result is what the register stores as contactnaam, not a BRP identity.
 */

/**
 * Voorvoegsels as they occur in Dutch names: the common part of the BRP voorvoegseltabel
 * (Logisch Ontwerp BRP, Tabel 36), lower case, with `'` for either apostrophe. Every entry fits the
 * OAS limit of 10 characters.
 */
export const VOORVOEGSELS: readonly string[] = [
  'aan de',
  'aan den',
  'aan het',
  "aan 't",
  'bij de',
  'bij den',
  "bij 't",
  'da',
  'de',
  'de la',
  'del',
  'della',
  'den',
  'der',
  'des',
  'di',
  'do',
  'dos',
  'du',
  'het',
  'in de',
  'in den',
  'in het',
  "in 't",
  'la',
  'le',
  'onder de',
  'onder den',
  "onder 't",
  'op de',
  'op den',
  'op het',
  "op 't",
  'over de',
  "'s",
  "'t",
  'te',
  'ten',
  'ter',
  'tot de',
  'uit de',
  'uit den',
  'uit het',
  "uit 't",
  'van',
  'van de',
  'van den',
  'van der',
  'van het',
  "van 't",
  'voor de',
  'voor den',
  'von',
  'von der',
]

const BY_WORDS: ReadonlyArray<readonly string[]> = [...VOORVOEGSELS]
  .map((v) => v.split(' '))
  // Longest first, so "van der" wins over "van".
  .sort((a, b) => b.length - a.length)

const INITIALS = /^(?:\p{L}{1,2}\.)+$/u
/** "Heuvel-de", "Smit-van": a second surname with a voorvoegsel follows. */
const HYPHEN_VOORVOEGSEL = new RegExp(
  `-(?:${VOORVOEGSELS.filter((v) => !v.includes(' '))
    .map(escapeRegExp)
    .join('|')})$`,
  'iu',
)

const normalise = (word: string): string => word.toLowerCase().replace(/[’`]/g, "'")

/** The contactnaam for `naamKlant`; an empty object when nothing was typed. */
export function splitNaamKlant(naamKlant: string): ContactnaamInput {
  const text = naamKlant.replace(/\s+/g, ' ').trim()
  if (text === '') {
    return {}
  }
  const comma = text.indexOf(',')
  if (comma > 0 && comma === text.lastIndexOf(',')) {
    return surnameFirst(words(text.slice(0, comma)), words(text.slice(comma + 1)))
  }
  return givenFirst(words(text))
}

function givenFirst(all: readonly string[]): ContactnaamInput {
  const { voorletters, rest } = takeInitials(all)
  for (let i = 0; i < rest.length; i++) {
    const length = voorvoegselAt(rest, i)
    if (length > 0 && i + length < rest.length) {
      return parts(voorletters, rest.slice(0, i), rest.slice(i, i + length), rest.slice(i + length))
    }
    if (HYPHEN_VOORVOEGSEL.test(normalise(rest[i]!)) && i + 1 < rest.length) {
      return parts(voorletters, rest.slice(0, i), [], rest.slice(i))
    }
  }
  if (rest.length === 0) {
    // Only initials ("J."): there is nothing else to call the person by.
    return parts(voorletters, [], [], [])
  }
  return parts(voorletters, rest.slice(0, -1), [], rest.slice(-1))
}

/** "Vries, Jan de", "Berg, J. van der", "Van der Berg, Jan". */
function surnameFirst(surname: readonly string[], given: readonly string[]): ContactnaamInput {
  const { voorletters, rest } = takeInitials(given)
  const leading = surname.length > 1 ? voorvoegselAt(surname, 0) : 0
  if (leading > 0 && leading < surname.length) {
    return parts(voorletters, rest, surname.slice(0, leading), surname.slice(leading))
  }
  for (let i = 0; i < rest.length; i++) {
    const length = voorvoegselAt(rest, i)
    if (length > 0 && i + length === rest.length) {
      return parts(voorletters, rest.slice(0, i), rest.slice(i), surname)
    }
  }
  return parts(voorletters, rest, [], surname)
}

function takeInitials(all: readonly string[]): { voorletters: string; rest: readonly string[] } {
  let i = 0
  while (i < all.length && INITIALS.test(all[i]!)) {
    i++
  }
  return { voorletters: all.slice(0, i).join(''), rest: all.slice(i) }
}

/** How many words of the longest voorvoegsel starting at `i` (0 when none does). */
function voorvoegselAt(all: readonly string[], i: number): number {
  for (const candidate of BY_WORDS) {
    if (candidate.every((word, k) => all[i + k] !== undefined && normalise(all[i + k]!) === word)) {
      return candidate.length
    }
  }
  return 0
}

function parts(
  voorletters: string,
  voornaam: readonly string[],
  voorvoegsel: readonly string[],
  achternaam: readonly string[],
): ContactnaamInput {
  const result: ContactnaamInput = {}
  if (voorletters !== '') {
    result.voorletters = voorletters
  }
  if (voornaam.length > 0) {
    result.voornaam = voornaam.join(' ')
  }
  if (voorvoegsel.length > 0) {
    result.voorvoegselAchternaam = voorvoegsel.join(' ')
  }
  if (achternaam.length > 0) {
    result.achternaam = achternaam.join(' ')
  }
  return result
}

function words(text: string): string[] {
  return text.split(' ').filter((word) => word !== '')
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
